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
    trigger = _trigger_token(doc, event)
    if trigger is None:
        return None
    sent = trigger.sent
    candidates = []
    for place in places:
        if place.kind != "literal" or not (sent.start_char <= place.start < sent.end_char):
            continue
        tok = _place_token(doc, place)
        if tok is not None:
            candidates.append((place, tok))
    if not candidates:
        return None
    if _is_visit(event, trigger):
        found = _destination(trigger, candidates)
        if found is not None:
            return found
    return _locative(trigger, candidates)
