"""Explain how a phrase is coded: each actor mention in it, its code and entity, and the rule that decided.

>>> rows = explain("Chinese foreign ministry", "2023-03-17")  # doctest: +SKIP
>>> rows[0]["code"], rows[0]["entity"], rows[0]["reason"]  # doctest: +SKIP
('CHNGOV', 'Foreign ministry of China', "agent 'foreign ministry' (GOV) + demonym 'Chinese' (CHN)")
"""

from __future__ import annotations

import functools
import re
from typing import Any

from newsevents.actors.stage import USER_DICTIONARY
from newsevents.config import Options, load_options
from newsevents.errors import DateError
from newsevents.model import Article, Document

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@functools.lru_cache(maxsize=2)
def _cached_stages(model: str, user: str) -> tuple[Any, Any]:
    from newsevents.registry import get_stage

    options = Options(model=model, extra={USER_DICTIONARY: user} if user else {})
    return get_stage("parse").factory(options), get_stage("actors").factory(options)


def _stages(options: Options) -> tuple[Any, Any]:
    # Options holds a dict (unhashable): cache on the two things the stages read from it.
    return _cached_stages(options.model, str(options.extra.get(USER_DICTIONARY) or ""))


def explain(text: str, date: str | None = None, options: Options | None = None) -> list[dict[str, Any]]:
    """Return one dict per actor mention in ``text`` as coded on ``date`` (ISO day, None = undated).

    Each dict is the Actor of the output contract (text, start, end, code, country, role, entity) plus
    ``reason``: which dictionary entry and rule gave the code. A phrase with no actor gives ``[]``.
    """
    if date is not None and not _DAY.match(date):
        raise DateError(date, "want a day as YYYY-MM-DD")
    options = options or load_options()
    parse, actors = _stages(options)
    doc = Document(article=Article.from_text(text, published=date), text=text)
    doc = actors(parse(doc))
    reasons: dict[tuple[int, int, str], str] = doc.notes.get("actors.reasons", {})
    return [{**a.to_dict(), "reason": reasons.get((a.start, a.end, a.code), "")} for a in doc.actors]
