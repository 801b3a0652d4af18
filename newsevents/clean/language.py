"""Tell the language of an article, offline (py3langid ships its model in the wheel).

Only a confident call over enough text counts: tables of figures and short notes stay unknown
(None) and are coded like English, so nothing is quarantined on a guess.

>>> identify("Der Präsident hat am Montag in Berlin mit den Ministern über den Haushalt gesprochen.")
'de'
>>> identify("Shr 27 cts vs 2.06 dlrs") is None
True
"""

from __future__ import annotations

import functools
import re
from typing import Any

# Languages news is published in; a small set avoids exotic calls on odd English (tables, wire codes).
NEWS_LANGUAGES = (
    "ar bg bn ca cs da de el en es et fa fi fr he hi hr hu id it ja ko lt lv ms nl no pl pt ro ru sk sl "
    "sr sv sw ta th tl tr uk ur vi zh"
).split()
MIN_PROBABILITY = 0.9
MIN_LETTERS = 40
SAMPLE_CHARS = 3000  # the start of a text tells its language; the rest only costs time

_LETTERS = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(NEWS_LANGUAGES)
    return ident


def identify(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language, or None when it cannot be told with confidence."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTERS.findall(sample)) < MIN_LETTERS:
        return None
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= MIN_PROBABILITY else None
