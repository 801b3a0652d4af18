"""Repair article text as it is read: mojibake, control characters, Unicode normalisation.

Text that needs nothing is returned as the very same string, so the offsets of a clean input
still index into what the user gave; only a damaged text is changed (and the reader keeps the
original in ``Article.raw``).

>>> repair_text("The minister said â€œnoâ€\\x9d.")
'The minister said “no”.'
>>> repair_text("Plain ASCII stays.") == "Plain ASCII stays."
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

# Control characters that carry nothing in article text (tabs and line breaks are kept); a form
# feed or vertical tab separated pages or lines, so it becomes a line break.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff\ufffe\uffff]")
_PAGE_BREAK = re.compile(r"[\x0b\x0c]")
# The signature of UTF-8 read as Windows-1252 or Latin-1: a lead byte's character then a
# continuation byte's (â€œ, Ã©, Â ), or C1 controls left over from the same mistake.
_MOJIBAKE = re.compile(
    r"[ÂÃâÐÑØÙãåæèéêëìíîï][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|[\x80-\x9f]"
)


@functools.lru_cache(maxsize=1)
def _fixer_config() -> Any:
    import ftfy

    # Repair encodings only: curly quotes, ligatures, widths and line breaks are the author's.
    return ftfy.TextFixerConfig(
        unescape_html=False, fix_latin_ligatures=False, fix_character_width=False,
        uncurl_quotes=False, fix_line_breaks=False, normalization="NFC", explain=False,
    )


def fix_mojibake(text: str) -> str:
    """Return ``text`` with UTF-8-read-as-cp1252 (and similar) sequences decoded back."""
    if not _MOJIBAKE.search(text):
        return text
    import ftfy

    return ftfy.fix_text(text, _fixer_config())


def repair_text(text: str) -> str:
    """Return ``text`` repaired (mojibake, control characters, NFC); the same object if it was fine."""
    fixed = text
    if not fixed.isascii():
        fixed = fix_mojibake(fixed)
        if not unicodedata.is_normalized("NFC", fixed):
            fixed = unicodedata.normalize("NFC", fixed)
    if _CONTROL.search(fixed) or _PAGE_BREAK.search(fixed):
        fixed = _CONTROL.sub("", _PAGE_BREAK.sub("\n", fixed))
    return text if fixed == text else fixed
