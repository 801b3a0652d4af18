"""Code the events of a parsed document: triggers plus arguments become EventMentions with codebook fields."""

from __future__ import annotations

import hashlib
from typing import Any

from newsevents.coding.arguments import ActorIndex, Arguments, arguments, noun_arguments
from newsevents.coding.codebook import Codebook, codebook
from newsevents.coding.lexicon import Lexicon, lexicon
from newsevents.coding.reach import acting_side, domestic, other_sides, place_country, sentence_countries
from newsevents.coding.triggers import Match, direct_objects, find_matches
from newsevents.coding.unrealized import HOPE_VERBS, wished
from newsevents.model import Actor, Document, EventMention, Span

CODER = "newsevents.cameo.v1"
MAX_PAIRS = 4  # "A, B and C attacked D and E" yields at most this many dyads per trigger
MAX_SYMMETRIC_PAIRS = 6  # "A, B and C met": each of three parties towards each other one
NON_POLITICAL_ROLES = frozenset({"BUS", "MED"})


def event_id(article_id: str, start: int, code: str, n: int = 0) -> str:
    """Return the stable id of an event mention: a hash of article, trigger offset, code (and dyad number)."""
    key = f"{article_id}:{start}:{code}" + (f":{n}" if n else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _pairs(args: Arguments, symmetric: bool) -> list[tuple[Actor | None, Actor | None]]:
    # One event per distinct dyad: "released the prime minister and 30 ministers" is one release.
    out: dict[tuple[str | None, str | None], tuple[Actor | None, Actor | None]] = {}
    for s, t in _all_pairs(args, symmetric):
        out.setdefault((s.code if s else None, t.code if t else None), (s, t))
    return list(out.values())


Pair = tuple[Actor | None, Actor | None]


def _all_pairs(args: Arguments, symmetric: bool) -> list[Pair]:
    if args.sources and args.targets:
        pairs: list[Pair] = [(s, t) for s in args.sources for t in args.targets]
        return pairs[:MAX_PAIRS]
    if symmetric and len(args.sources) >= 2:
        # "China and Russia agreed": each side acts towards the other.
        both: list[Pair] = [(s, t) for s in args.sources for t in args.sources if s is not t]
        return both[:MAX_SYMMETRIC_PAIRS]
    if args.sources:
        alone: list[Pair] = [(s, None) for s in args.sources]
        return alone[:MAX_PAIRS]
    if args.targets:
        acted: list[Pair] = [(None, t) for t in args.targets]
        return acted[:MAX_PAIRS]
    return [(None, None)]


# A show of force by two or more countries together is military cooperation ("French and Egyptian
# warships launched war games"); with one, a demonstration of power.
JOINT = {"150": "062"}


def _joint(code: str, args: Arguments) -> str:
    countries = {a.country for a in args.sources if a.country}
    return JOINT.get(code, code) if len(countries) >= 2 else code


def _political(actor: Actor | None) -> bool:
    # Companies with no country are business news, not political events; absent actors are neutral.
    return actor is None or actor.country is not None or actor.role not in NON_POLITICAL_ROLES


def _keep(match: Match, source: Actor | None, target: Actor | None, deep: bool = False) -> bool:
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
        # A target found only deep in the clause is too weak to settle an ambiguous word.
        return (target is not None and not deep) or (match.code[:2] == "14" and source is not None)
    if source is None and (target is None or deep):
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


def _same_event(match: Match, roots: dict[int, str]) -> bool:
    """Say whether a match only restates the event of the verb it hangs on, or names no event."""
    tok, root = match.token, match.code[:2]
    if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        # "met in Geneva to discuss the border": the purpose is the meeting itself, not a second one.
        return roots.get(tok.head.i) == root
    if match.kind == "verb" and root == "11" and tok.dep_ == "acl" and tok.tag_ == "VBN":
        # "Peruvian officers accused of torture": a label, not an accusation anyone is said to make,
        # unless the accuser is named ("officials accused by Rwanda of ...").
        return not any(c.dep_ == "agent" for c in tok.children)
    # "ratified a broad trade pact", "approved a partnership accord": the verb's event is the
    # object's; an object of another root stays its own event ("condemned the invasion").
    return match.kind == "noun" and tok.dep_ == "dobj" and roots.get(tok.head.i) == root


ACCUSATION_NOUNS = frozenset({"accusation", "allegation", "charge", "claim"})


def accusers(index: ActorIndex, verb: Any) -> list[tuple[Actor, Any]]:
    """Return (accuser, noun) for accusation nouns a denial verb takes ("denied US accusations")."""
    out: list[tuple[Actor, Any]] = []
    for obj in direct_objects(verb):
        if obj.lemma_.lower() in ACCUSATION_NOUNS:
            out.extend((a, obj) for a in noun_arguments(index, obj, "112").sources[:1])
    return out


def _add(
    events: list[EventMention],
    seen: set[str],
    doc: Document,
    entry: Any,
    source: Actor | None,
    target: Actor | None,
    tok: Any,
    span: Span,
    confidence: float,
    n: int = 0,
) -> None:
    eid = event_id(doc.article.id, tok.idx, entry.code, n)
    if eid in seen:
        return
    seen.add(eid)
    events.append(
        EventMention(
            id=eid,
            **entry.event_fields(),
            source=source,
            target=target,
            trigger=Span(tok.idx, tok.idx + len(tok.text), tok.text),
            sentence=span,
            confidence=confidence,
            coder=CODER,
        )
    )


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
    # A sentence naming no country is read in the article's context, when the article names exactly one.
    in_article = sentence_countries(index, 0, len(doc.text))
    for sent in doc.parse.sents:
        span = sentence_span(sent)
        if span is None or doc.is_removed(span.start, span.end):
            continue
        countries = sentence_countries(index, span.start, span.end) or in_article
        matches = list(find_matches(lex, sent))
        roots = {m.token.i: m.code[:2] for m in matches}
        for match in matches:
            tok = match.token
            if doc.is_removed(tok.idx, tok.idx + len(tok.text)) or _same_event(match, roots):
                continue
            args = arguments(index, match)
            entry = book[_joint(match.code, args)]
            place = place_country(index, tok)
            for n, pair in enumerate(_pairs(args, "sym" in match.flags)):
                source, target = other_sides(index, match.code, *domestic(*pair, place), span, countries)
                if not _keep(match, source, target, args.deep):
                    continue
                conf = _confidence(match, source, target) - (0.1 if args.deep and target is not None else 0.0)
                # Filled after the keep test and the confidence: a guessed source never makes an event.
                source = acting_side(index, source, target, span, match.code, tok)
                if source is None and wished(tok, HOPE_VERBS):
                    continue  # "hoped Peruvian officers would be arrested": no one's act, only a hope
                _add(events, seen, doc, entry, source, target, tok, span, conf, n)
            if match.code == "016" and args.sources:
                # "China denied US accusations": the accusation denied is the accuser's event, when named.
                for accuser, noun in accusers(index, tok):
                    _add(events, seen, doc, book["112"], accuser, args.sources[0], noun, span, 0.6)
    return events


def trigger_token(doc: Document, event: EventMention) -> Any:
    """Return the parse token of an event's trigger (None if the offsets no longer fit the parse)."""
    span = doc.parse.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
