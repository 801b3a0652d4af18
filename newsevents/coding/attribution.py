"""Say who reports each event: the speaker, the reporting cue and the chain of relaying sources.

"In a statement, cited by Reuters, the Kremlin revealed that Xi will visit" gives the visit the
attribution {speaker: the Kremlin, cue: "revealed", via: ["Reuters"]}. When the speaker is a
government actor, the report is itself an event (CAMEO 01x, a statement) that ``claims`` the events
in its complement, and each of those is ``claimed_by`` it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsevents.coding.arguments import ActorIndex, subjects
from newsevents.coding.codebook import codebook
from newsevents.coding.coder import ACCUSATION_NOUNS, CODER, event_id, sentence_span, trigger_token
from newsevents.coding.lexicon import Lexicon, lexicon
from newsevents.coding.triggers import VIOLENT_ROOTS, prep_objects, preps
from newsevents.model import Actor, Attribution, Document, EventMention, Span

Token = Any

GOVERNMENT_ROLES = frozenset({"GOV", "MIL", "JUD", "LEG", "SPY", "COP"})
# A government claiming that another party used force accuses it (CAMEO 112) rather than merely commenting;
# "said" stays a statement (officials reporting an attack on them are not making an accusation).
HOSTILE_ROOTS = frozenset({"17", "18", "19", "20"})
CLAIM_CUES = frozenset({"claim", "allege", "charge", "assert", "maintain"})
# Cues that accuse by themselves, whoever speaks and whatever is alleged.
ALLEGING = frozenset({"allege"})
ACCUSE = "112"
# Cues that only source news when they trail it ("..., officials said"); "announced", "claimed" act.
PLAIN_CUES = frozenset({"say", "tell", "report", "add", "note", "state", "write", "explain", "quote", "cite"})
# Deps through which an event sits in what a reporting verb reports.
COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "dobj", "xcomp", "advcl"})


@dataclass
class Report:
    """One reporting act in a sentence: the verb (or "according to"), its speaker and relays."""

    cue: Token
    cue_text: str
    speaker: Actor | None
    via: list[str] = field(default_factory=list)
    code: str | None = None


def _phrase(tok: Token) -> tuple[str, int, int]:
    """Return the text and offsets of a noun phrase without its clauses and punctuation."""
    keep = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "punct", "appos") or t.i == tok.i]
    left = min(t.i for t in keep)
    right = max(t.i for t in keep if t.i >= tok.i)
    span = tok.doc[left : right + 1]
    return span.text, span.start_char, span.end_char


def _speaker(index: ActorIndex, tok: Token) -> Actor | None:
    """Return the actor a speaker phrase names, or a bare mention (code "---") for an uncoded name."""
    actor = index.for_phrase(tok)
    if actor is not None:
        return actor
    if tok.pos_ in ("PROPN", "NOUN"):
        text, start, end = _phrase(tok)
        return Actor(text=text, start=start, end=end, code="---", country=None, role=None)
    return None


# Nouns for sources a report leaves unnamed ("citing close sources", "people familiar with the matter").
UNNAMED = frozenset(
    ["source", "person", "people", "official", "insider", "diplomat", "aide", "witness", "report"]
)


def _source_name(index: ActorIndex, tok: Token) -> str:
    """Return how a relayed source is named: its phrase, or "unnamed sources" for an anonymous one."""
    actor = index.for_phrase(tok)
    if tok.lemma_.lower() in UNNAMED and tok.pos_ == "NOUN" and (actor is None or not actor.country):
        return "unnamed sources"
    return _phrase(tok)[0]


def _relays(index: ActorIndex, verb: Token) -> list[str]:
    """Return the names of relaying sources of a reporting verb ("cited by Reuters", "citing sources")."""
    out: list[str] = []
    for child in verb.sent:
        lemma = child.lemma_.lower()
        if lemma in ("cite", "quote", "report") and child.tag_ == "VBN":
            for agent in (c for c in child.children if c.dep_ == "agent"):
                out.extend(_phrase(o)[0] for o in prep_objects(agent))
        elif lemma in ("cite", "quote") and child.tag_ == "VBG" and _nearest_report(child) in (verb.i, None):
            # "revealed, citing close sources, that ...": the citing clause may hang on the complement.
            out.extend(_source_name(index, o) for o in child.children if o.dep_ == "dobj")
    return list(dict.fromkeys(out))


def _nearest_report(tok: Token) -> int | None:
    """Return the index of the nearest verb above ``tok`` (the reporting verb a "citing" clause serves)."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ == "VERB" and lexicon().reporting("verb", cur.lemma_.lower()) is not False:
            return cur.i
    return None


def _verb_speaker(verb: Token) -> Token | None:
    subj = subjects(verb)
    if subj:
        return subj[0]
    # Inverted parenthetical: "..., noted the Wall Street Journal".
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN" and child.i > verb.i:
            return child
    return None


def find_reports(lex: Lexicon, index: ActorIndex, sent: Any) -> list[Report]:
    """Return the reporting acts of one sentence."""
    reports = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lex.reporting("verb", lemma) is not False and tok.tag_ != "VBN":
            spk = _verb_speaker(tok)
            speaker = _speaker(index, spk) if spk is not None else None
            found = lex.reporting("verb", lemma)
            code = found if isinstance(found, str) and found else None
            reports.append(Report(tok, tok.text, speaker, _relays(index, tok), code))
        elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objs = prep_objects(tok.doc[tok.i + 1]) or [c for c in tok.children if c.dep_ == "pobj"]
            if objs:
                reports.append(Report(tok, "according to", _speaker(index, objs[0])))
    return reports


def _governing_report(tok: Token, reports: list[Report]) -> tuple[Report | None, list[Report]]:
    """Return the nearest report governing ``tok`` and the reports above that one."""
    by_token = {r.cue.i: r for r in reports if r.cue_text != "according to"}
    found: list[Report] = []
    cur = tok
    steps = 0
    while cur.head.i != cur.i and steps < 12:
        child, cur = cur, cur.head
        steps += 1
        if (
            cur.i in by_token
            and child.dep_ in COMPLEMENT_DEPS
            and child.dep_ != "advcl"
            and not (child.dep_ == "dobj" and child.lemma_.lower() in ACCUSATION_NOUNS)
        ):
            found.append(by_token[cur.i])
    if not found:
        # "The BBC reported, ..., that France will recall" parsed with the report under the event's clause.
        for anc in [tok, *tok.ancestors]:
            found.extend(
                by_token[c.i] for c in anc.children if c.i in by_token and c.dep_ in ("ccomp", "parataxis")
            )
            if found:
                break
    # "according to X" anywhere in the sentence reports the whole sentence.
    found.extend(r for r in reports if r.cue_text == "according to" and r not in found)
    if not found:
        return None, []
    return found[0], found[1:]


def _is_government(actor: Actor | None) -> bool:
    # A bare country name speaks for its government ("The US claimed that ...").
    return actor is not None and (
        actor.role in GOVERNMENT_ROLES
        or actor.code.endswith(tuple(GOVERNMENT_ROLES))
        or (actor.role is None
        and actor.country is not None
        and actor.code == actor.country)
    )


def attribute(doc: Document) -> Document:
    """Set ``attribution`` on events inside reports, and add statement events for government speakers."""
    lex = lexicon()
    index = ActorIndex(doc)
    reports_by_sent: dict[int, list[Report]] = {}
    claims: dict[int, list[EventMention]] = {}
    report_at: dict[int, Report] = {}
    for event in doc.events:
        tok = trigger_token(doc, event)
        if tok is None:
            continue
        sent = tok.sent
        if sent.start not in reports_by_sent:
            reports_by_sent[sent.start] = find_reports(lex, index, sent)
        report, above = _governing_report(tok, [r for r in reports_by_sent[sent.start] if r.cue.i != tok.i])
        if report is None:
            continue
        via = list(report.via)
        for outer in above:
            if outer.speaker is not None and outer.speaker.text not in via:
                via.append(outer.speaker.text)
            via.extend(v for v in outer.via if v not in via)
        event.attribution = Attribution(speaker=report.speaker, cue=report.cue_text, via=via)
        if report.code and _is_government(report.speaker):
            claims.setdefault(report.cue.i, []).append(event)
            report_at[report.cue.i] = report
    doc.events.extend(_statements(doc, claims, report_at))
    doc.events.extend(_allegations(doc, index))
    doc.events.sort(key=lambda e: (e.sentence.start, e.trigger.start))
    return doc


def _allegations(doc: Document, index: ActorIndex) -> list[EventMention]:
    """Return an accusation (112) for each "X alleged that Y ..." that no event on the cue already codes.

    Alleging accuses whoever alleges, and even when nothing coded is alleged ("a dossier alleged that
    Belgium knew in advance of the massacres" accuses Belgium); the accused is the subject of
    what is alleged, the source the speaker when it is an actor.
    """
    book = codebook()
    coded = {e.trigger.start for e in doc.events}
    out = []
    for tok in doc.parse:
        if tok.lemma_.lower() not in ALLEGING or tok.pos_ != "VERB" or tok.idx in coded:
            continue
        if doc.is_removed(tok.idx, tok.idx + len(tok.text)):
            continue
        clauses = [c for c in tok.children if c.dep_ == "ccomp"]
        clauses += [d for c in clauses for d in c.children if d.dep_ == "conj" and d.pos_ in ("VERB", "AUX")]
        accused = [a for c in clauses for a in index.for_tokens(subjects(c)) if a.country]
        if not accused:
            continue
        spk = _verb_speaker(tok)
        speaker = (index.for_phrase(spk) or _document_country(index, spk)) if spk is not None else None
        if speaker is not None and speaker.code == accused[0].code:
            continue
        span = sentence_span(tok.sent) or Span(tok.sent.start_char, tok.sent.end_char)
        out.append(
            EventMention(
                id=event_id(doc.article.id, tok.idx, ACCUSE),
                **book[ACCUSE].event_fields(),
                source=speaker,
                target=accused[0],
                trigger=Span(tok.idx, tok.idx + len(tok.text), tok.text),
                sentence=span,
                confidence=0.6 if speaker is not None else 0.45,
                coder=CODER,
            )
        )
    return out


# Nouns of documents that speak for an author they may not name ("a report alleged").
DOCUMENTS = frozenset({"report", "study", "document", "dossier", "inquiry", "investigation", "paper"})


def _document_country(index: ActorIndex, noun: Token) -> Actor | None:
    """Return the country of an unsigned document from where it came out ("a report released in the
    Kenyan capital" speaks for Kenya)."""
    if noun.lemma_.lower() not in DOCUMENTS:
        return None
    places = [o for c in noun.children if c.dep_ == "acl" for p in preps(c, ("in",)) for o in prep_objects(p)]
    return next((a for a in map(index.weak, places) if a is not None), None)


def _accused(speaker: Actor | None, claimed: list[EventMention]) -> Actor | None:
    """Return whom a government claim blames: the named doer of a claimed act of force by another party.

    "The US claimed that Iraq had attacked Kuwait" accuses Iraq (112); "they claimed they attacked" does not.
    """
    own = speaker.country if speaker is not None else None
    for e in claimed:
        hostile = e.root in HOSTILE_ROOTS and e.status in ("asserted", "alleged")
        if hostile and e.source is not None and e.source.country and e.source.country != own:
            return e.source
    return None


def _attacker(speaker: Actor | None, claimed: list[EventMention]) -> Actor | None:
    """Return whom a victim's report blames: the named doer of force it says was used against it.

    "Israel said rockets were fired at it from Lebanon" accuses Lebanon (112), whatever the cue, when the
    report leads (a trailing "..., officials said" only sources the news).
    """
    own = speaker.country if speaker is not None else None
    for e in claimed:
        hostile = e.root in VIOLENT_ROOTS and e.status in ("asserted", "alleged")
        if (
            hostile
            and own
            and e.target is not None
            and e.target.country == own
            and e.source is not None
            and e.source.country
            and e.source.country != own
        ):
            return e.source
    return None


def statement_target(speaker: Actor | None, claimed: list[EventMention]) -> Actor | None:
    """Return whom a statement is about: the first claimed event's other party than the speaker.

    "The Kremlin said Xi will visit" is about China; "Iran said it would admit monitors" about the inspectors.
    """
    own = speaker.country if speaker is not None else None
    for e in claimed:
        for actor in (e.source, e.target):
            if actor is not None and actor.country and actor.country != own:
                return actor
    return None


def sourcing_only(report: Report, claimed: list[EventMention]) -> bool:
    """Say whether a plain report only sources what it follows ("Israel freed the mayor, officials said").

    A trailing or parenthetical "X said" cites where the news came from; the claimed events keep it as
    their attribution, but the saying is no statement event of its own. A report that leads ("The
    Kremlin said Xi will visit") or uses a stronger cue than "say" (announce, claim, deny) still is one,
    unless it tells only of the speaker's own acts (``self_report``).
    """
    return report.cue.lemma_.lower() in PLAIN_CUES and all(e.trigger.start < report.cue.idx for e in claimed)


def self_report(report: Report, claimed: list[EventMention]) -> bool:
    """Say whether a speaker only tells of its own acts ("Macron said he would not send weapons",
    "Egypt announced it would release 80 detainees").

    The acts carry the speaker as their source and the report as their attribution; a statement event
    beside them would say the same twice (classic coders, and PETRARCH's gold, code the act alone).
    Claims (claim, allege, assert) and denials keep their own codes.
    """
    speaker = report.speaker
    if speaker is None or not speaker.country or report.code != "010":
        return False
    if report.cue.lemma_.lower() in CLAIM_CUES:
        return False
    return all(e.source is not None and e.source.country == speaker.country for e in claimed)


def _statements(
    doc: Document, claims: dict[int, list[EventMention]], report_at: dict[int, Report]
) -> list[EventMention]:
    book = codebook()
    existing = {e.id for e in doc.events}
    out = []
    for i, claimed in claims.items():
        report = report_at[i]
        tok = report.cue
        accused = _accused(report.speaker, claimed) if tok.lemma_.lower() in CLAIM_CUES else None
        if accused is None and not sourcing_only(report, claimed):
            accused = _attacker(report.speaker, claimed)
        if accused is None and (sourcing_only(report, claimed) or self_report(report, claimed)):
            continue
        entry = book[ACCUSE if accused is not None else report.code or "010"]
        eid = event_id(doc.article.id, tok.idx, entry.code)
        if eid in existing:
            continue
        span = sentence_span(tok.sent) or Span(tok.sent.start_char, tok.sent.end_char)
        statement = EventMention(
            id=eid,
            **entry.event_fields(),
            source=report.speaker,
            target=None,
            trigger=Span(tok.idx, tok.idx + len(tok.text), tok.text),
            sentence=span,
            claims=[e.id for e in claimed],
            confidence=0.7 if report.speaker else 0.4,
            coder=CODER,
            attribution=Attribution(speaker=report.speaker, cue=report.cue_text, via=list(report.via)),
        )
        statement.target = accused or statement_target(report.speaker, claimed)
        for e in claimed:
            e.claimed_by = eid
        out.append(statement)
    return out


def without_statements(events: list[EventMention]) -> list[EventMention]:
    """Return the events without statements (root 01), for users who want only acts (``--no-statements``).

    Every 01x event goes: the statement events made here for "X said ..." and the lexicon's own 01x events
    ("expressed concern", "declined to comment"). Events a dropped statement claimed keep their attribution
    (who said so) but lose ``claimed_by``, which would point at an event no longer listed.
    """
    kept = [e for e in events if e.root != "01"]
    for e in kept:
        e.claimed_by = None
    return kept
