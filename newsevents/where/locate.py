"""Pick each event's location from the parse: the literal place the trigger governs, never an actor's home."""

from __future__ import annotations

from typing import Any

from newsevents.model import Document, EventMention, Place

# Prepositions that put an event somewhere ("talks in Beijing", "a strike near Kherson").
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "within", "across", "throughout", "around"}
)
# Prepositions that give a visit's destination ("the trip to Moscow").
DESTINATION_PREPS = frozenset({"to", "into"})
# CAMEO 042 make a visit, 043 host a visit; and trigger words that are visits whatever the code says.
VISIT_CODES = ("042", "043")
VISIT_LEMMAS = frozenset(
    {"visit", "trip", "tour", "travel", "journey", "arrive", "go", "fly", "come", "stop"}
)
# Verbs whose direct object is the place visited ("Putin visited Beijing").
VISIT_VERBS = frozenset({"visit", "tour", "reach", "enter"})
# Dependencies that start a new clause: a place below one belongs to that clause, not the trigger's.
CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "pcomp", "parataxis"}
)


def coordination_head(token: Any) -> Any:
    """Return the first of a list of conjuncts or appositions ("in Moscow and Beijing" -> Moscow)."""
    # spaCy makes a new Token object on every access: compare positions, never identity.
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def is_locative(token: Any) -> bool:
    """Say whether a token is the object of a place preposition or the place a visit verb reaches."""
    head = coordination_head(token)
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS | DESTINATION_PREPS | {"from"}:
        return True
    return head.dep_ == "dobj" and head.head.lemma_ in VISIT_VERBS


def clause_head(token: Any) -> Any:
    """Return the verb heading the clause a token is in (the token itself for a clause head)."""
    while token.dep_ not in CLAUSE_DEPS and token.head.i != token.i:
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            return token  # "held conferences and met ...": each conjoined verb is its own clause
        token = token.head
    return token


def _path_to_clause(token: Any) -> list[Any]:
    """Return the tokens from ``token`` up to its clause head, both included."""
    path = [token]
    top = clause_head(token)
    while token.i != top.i and token.head.i != token.i:
        token = token.head
        path.append(token)
    return path


def _place_token(doc: Document, place: Place) -> Any | None:
    span = doc.parse.char_span(place.start, place.end, alignment_mode="expand")
    return span.root if span is not None else None


def _trigger_token(doc: Document, event: EventMention) -> Any | None:
    span = doc.parse.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def _attachment(token: Any, preps: frozenset[str]) -> Any | None:
    """Return what the place's preposition attaches to, if the place is the object of one of ``preps``."""
    token = coordination_head(token)
    if token.dep_ == "pobj" and token.head.lower_ in preps:
        return token.head.head
    return None


def _is_visit(event: EventMention, trigger: Any) -> bool:
    return event.cameo.startswith(VISIT_CODES) or trigger.lemma_.lower() in VISIT_LEMMAS


def _destination(trigger: Any, candidates: list[tuple[Place, Any]]) -> Place | None:
    """Return where a visit goes: "visited Beijing", "the trip to Moscow", "the visit of Xi to Russia"."""
    subtree = {t.i for t in trigger.subtree}
    clause = clause_head(trigger)
    for place, tok in candidates:
        head = coordination_head(tok)
        if head.dep_ == "dobj" and head.head.i == trigger.i and trigger.lemma_ in VISIT_VERBS:
            return place
        attach = _attachment(tok, DESTINATION_PREPS)
        # Within the trigger's phrase or on its clause's verb, never down in another clause
        # ("a visit to discuss aid to Ukraine" is not a visit to Ukraine).
        if attach is None or clause_head(attach).i != clause.i:
            continue
        if attach.i in subtree or attach.i == clause.i:
            return place
    return None


def _locative(trigger: Any, candidates: list[tuple[Place, Any]]) -> Place | None:
    """Return the place of an "in/at/near X" phrase attached to the trigger or to its clause."""
    trigger_path = {t.i for t in _path_to_clause(trigger)}
    trigger_clause = clause_head(trigger)
    direct, same_clause = [], []
    for place, tok in candidates:
        attach = _attachment(tok, LOCATIVE_PREPS)
        if attach is None:
            continue
        if attach.i == trigger.i:
            direct.append((abs(tok.i - trigger.i), place))
        elif attach.i in trigger_path or (
            attach.pos_ in ("VERB", "AUX") and clause_head(attach).i == trigger_clause.i
        ):
            # Only phrases on the predicate: "officials in Kiev said" says where the officials are.
            same_clause.append((abs(tok.i - trigger.i), place))
    for found in (direct, same_clause):
        if found:
            return min(found, key=lambda pair: pair[0])[1]
    return None


def event_location(doc: Document, event: EventMention, places: list[Place]) -> Place | None:
    """Return the literal place where an event happens, or None when the sentence does not say."""
    return locate_event(doc, event, places)[0]


def locate_event(doc: Document, event: EventMention, places: list[Place]) -> tuple[Place | None, str]:
    """Return the event's place and how it was found ("attached", "sentence"), or None and why not.

    First the place the parse attaches to the trigger (a visit's destination, an "in/at/near X"
    phrase on the trigger or its clause); else the sentence's one literal place, when it names
    only one; never an actor's home country or capital.
    """
    trigger = _trigger_token(doc, event)
    if trigger is None:
        return None, "trigger not in the parse"
    sent = trigger.sent
    candidates = []
    for place in places:
        if place.kind != "literal" or not (sent.start_char <= place.start < sent.end_char):
            continue
        tok = _place_token(doc, place)
        if tok is not None:
            candidates.append((place, tok))
    if not candidates:
        return None, "no literal place in the sentence"
    if _is_visit(event, trigger):
        found = _destination(trigger, candidates)
        if found is not None:
            return found, "attached"
    found = _locative(trigger, candidates)
    if found is not None:
        return found, "attached"
    # Nothing attached to the trigger: the sentence's place, if it names one place only (a town and
    # its state, "Gainesville, Georgia", count as one: the first, most specific, is taken).
    # Only a place said of the whole sentence counts: an "in/at/near X" phrase on its main verb ("In
    # Kherson, shelling continued and ..."), not one describing a noun ("officials in Kiev") or down
    # in another clause ("a visit to discuss aid to Ukraine").
    located = [p for p, tok in candidates if p.lat is not None and _said_of_sentence(tok)]
    distinct = {(p.name, p.country) for p in located}
    if located and _one_place(located):
        return located[0], "sentence"
    if not located:
        return None, "no place attached to the event or said of its whole sentence"
    return None, f"{len(distinct)} places in the sentence, none attached to the event"


def _said_of_sentence(token: Any) -> bool:
    """Say whether a place is the object of an "in/at/near" phrase on the sentence's main verb."""
    attach = _attachment(token, LOCATIVE_PREPS)
    return attach is not None and attach.dep_ == "ROOT"


def _one_place(places: list[Place]) -> bool:
    """Say whether several mentions name one place, or a town and its state ("Gainesville, Georgia")."""
    first = places[0]
    return all(p.name in (first.name, first.admin1) for p in places[1:])


def anchored_location(doc: Document, event: EventMention) -> tuple[Place, str] | None:
    """Place an event said to happen "during the meeting" where the meeting was placed, with the reason.

    The meeting is the nearest earlier event whose trigger is such an event noun or a visit and that
    has a place; the same nouns date events in the time stage (anchor nouns of data/when/lexicon.tsv).
    """
    from newsevents.when.dating import anchor_noun
    from newsevents.when.knowledge import knowledge

    noun = anchor_noun(doc.parse, event.trigger.start, event.trigger.end)
    if noun is None:
        return None
    earlier = []
    for other in doc.events:
        if other.location is None or other.trigger.start >= noun.idx:
            continue
        trigger = _trigger_token(doc, other)
        if trigger is not None and (other.cameo.startswith(VISIT_CODES)
                                    or knowledge().has("anchor_noun", trigger.lemma_.lower())):
            earlier.append(other)
    if not earlier:
        return None
    anchor = max(earlier, key=lambda e: e.trigger.start)
    if anchor.location is None:
        return None
    return anchor.location, (f"anchored: the place of the {noun.text} "
                             f"({anchor.trigger.text!r} at {anchor.trigger.start})")
