"""Code the events of a parsed document: triggers plus arguments become EventMentions with codebook fields."""

from __future__ import annotations

import hashlib
from typing import Any

from newsevents.coding.arguments import ActorIndex, Arguments, arguments
from newsevents.coding.codebook import Codebook, codebook
from newsevents.coding.lexicon import Lexicon, lexicon
from newsevents.coding.triggers import Match, find_matches
from newsevents.model import Actor, Document, EventMention, Span

CODER = "newsevents.cameo.v1"
MAX_PAIRS = 4
NON_POLITICAL_ROLES = frozenset(
    {"BUS", "MED"}
)  # "A, B and C attacked D and E" yields at most this many dyads per trigger


def event_id(article_id: str, start: int, code: str, n: int = 0) -> str:
    """Return the stable id of an event mention: a hash of article, trigger offset, code (and dyad number)."""
    key = f"{article_id}:{start}:{code}" + (f":{n}" if n else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _pairs(args: Arguments, symmetric: bool) -> list[tuple[Actor | None, Actor | None]]:
    if args.sources and args.targets:
        return [(s, t) for s in args.sources for t in args.targets][:MAX_PAIRS]
    if symmetric and len(args.sources) >= 2:
        # "China and Russia agreed": each side acts towards the other.
        return [(s, t) for s in args.sources for t in args.sources if s is not t][:MAX_PAIRS]
    if args.sources:
        return [(s, None) for s in args.sources][:MAX_PAIRS]
    if args.targets:
        return [(None, t) for t in args.targets][:MAX_PAIRS]
    return [(None, None)]


def _political(actor: Actor | None) -> bool:
    # Companies with no country are business news, not political events; absent actors are neutral.
    return actor is None or actor.country is not None or actor.role not in NON_POLITICAL_ROLES


def _keep(match: Match, source: Actor | None, target: Actor | None) -> bool:
    if not (_political(source) and _political(target)):
        return False
    if match.code[:2] == "04" and target is not None and target.role == "MED":
        return False  # "speaking to reporters" is not a consultation
    if match.code in ("042", "043") and match.kind == "verb" and (target is None or target.country is None):
        return False  # a visit is to a country or its people; "went to the church" is not one
    flags = match.flags
    if match.frame is not None:
        return source is not None or target is not None
    if "noact" in flags:
        # Ambiguous words ("call", "attack", "war", "release") code only when someone is acted upon;
        # protests need only their protesters.
        return target is not None or (match.code[:2] == "14" and source is not None)
    if source is None and target is None:
        return "strong" in flags
    return True


def _confidence(match: Match, source: Actor | None, target: Actor | None) -> float:
    score = 0.35 + 0.2 * (source is not None) + 0.2 * (target is not None)
    if match.pattern is not None and match.pattern.specificity:
        score += 0.1
    if match.frame is not None:
        score += 0.1
    if match.kind == "noun":
        score -= 0.05
    return max(0.05, min(0.95, score))


def sentence_span(sent: Any) -> Span | None:
    """Return the sentence's stretch without surrounding whitespace (blanked boilerplate is whitespace)."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return None
    return Span(words[0].idx, words[-1].idx + len(words[-1].text))


def code_document(
    doc: Document, book: Codebook | None = None, lex: Lexicon | None = None
) -> list[EventMention]:
    """Return the event mentions found in a parsed document, in text order."""
    book = book or codebook()
    lex = lex or lexicon()
    index = ActorIndex(doc)
    events: list[EventMention] = []
    seen: set[str] = set()
    for sent in doc.parse.sents:
        span = sentence_span(sent)
        if span is None or doc.is_removed(span.start, span.end):
            continue
        for match in find_matches(lex, sent):
            tok = match.token
            if doc.is_removed(tok.idx, tok.idx + len(tok.text)):
                continue
            entry = book[match.code]
            args = arguments(index, match)
            for n, (source, target) in enumerate(_pairs(args, "sym" in match.flags)):
                if not _keep(match, source, target):
                    continue
                eid = event_id(doc.article.id, tok.idx, entry.code, n)
                if eid in seen:
                    continue
                seen.add(eid)
                events.append(
                    EventMention(
                        id=eid,
                        cameo=entry.code,
                        root=entry.root,
                        label=entry.label,
                        plover=entry.plover,
                        plover_mode=entry.plover_mode,
                        quad=entry.quad,
                        goldstein=entry.goldstein,
                        source=source,
                        target=target,
                        trigger=Span(tok.idx, tok.idx + len(tok.text), tok.text),
                        sentence=span,
                        confidence=_confidence(match, source, target),
                        coder=CODER,
                    )
                )
    return events


def trigger_token(doc: Document, event: EventMention) -> Any:
    """Return the parse token of an event's trigger (None if the offsets no longer fit the parse)."""
    span = doc.parse.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
