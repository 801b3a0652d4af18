"""Tell from the dependency parse whether a stretch of text speaks of the past or the future.

The direction (-1 past, +1 future, 0 unknown or present) decides which way an incomplete
date reads: "on Monday" in "met on Monday" is the Monday before publication, in "will meet on
Monday" the one after.
"""

from __future__ import annotations

import re
from typing import Any

from newsevents.when.knowledge import knowledge

FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo", "ll"})
PAST_MODAL_MARKERS = frozenset({"have", "'ve"})
_MAX_CLIMB = 8
# Verbs whose past is spelled as their present: the tagger's VBP on them is often a past tense.
_SAME_IN_PAST = frozenset({"hurt", "cut", "put", "set", "hit", "let", "quit", "spread", "cost", "shut", "bet",
                           "read", "beat", "cast", "burst", "split", "upset", "broadcast", "forecast", "bid",
                           "hurts", "cuts", "puts", "sets", "hits", "lets", "quits", "spreads", "costs"})
# "until 6 p.m. CST Monday", "till Friday morning": the words that open a deadline just before the date.
_UNTIL = re.compile(r"\b(?:until|till)\s+(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+[ECMP][SD]T)?,?\s*)?$",
                    re.IGNORECASE)


def _verb_direction(verb: Any) -> int | None:
    """Return the direction one verb's tense gives, or None when it gives none (infinitive, participle)."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return 1
    if words & PAST_MODAL_MARKERS and any(a.tag_ == "MD" for a in auxiliaries):
        return -1  # "could have met", "must have been"
    if any(a.tag_ == "MD" and a.lower_ not in ("could", "might") for a in auxiliaries):
        return 1  # "must be returned by Jan. 14", "would appeal", "should sign"
    if verb.lower_ in FUTURE_AUXILIARIES:
        return 1
    if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        return 1  # "is going to sign"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return -1
    if verb.tag_ in ("VBN", "VBG") and any(a.lemma_ == "have" for a in auxiliaries):
        return -1  # the present perfect reports the past, progressive or not ("have been searching")
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return 1  # "is visiting Moscow next week": the present progressive plans
    if (verb.tag_ in ("VBZ", "VBP") and not words and verb.lemma_ not in ("be", "have", "say", "do")
            and verb.lower_ not in _SAME_IN_PAST):
        return 1  # "Arafat and Netanyahu meet Monday": the simple present of news schedules what is ahead
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "does", "do"}:
        return 0
    if "to" in words and verb.head is not verb:
        head = verb.head
        # "planned to leave on Thursday" still lies ahead, unless the plan is told as long past ("had been
        # due to lapse at noon Sunday").
        if knowledge().has("planning_verb", head.lemma_) and not any(
                c.lower_ in ("had", "'d") for c in head.children if c.dep_ in ("aux", "auxpass")):
            return 1
        return None
    if verb.tag_ == "MD":
        return 0
    return None


def direction_at(parse: Any, start: int, end: int) -> int:
    """Return the direction of the clause governing the characters [start, end) of the parse."""
    span = parse.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 0
    token = span.root
    through_object = False
    if token.dep_ == "poss":
        return 0  # "Wednesday's ruling": the clause's tense says nothing of when the ruling was
    until = _UNTIL.search(parse.text[max(0, start - 40):start]) is not None
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and not (start <= token.idx < end):
            if until and knowledge().has("deadline_verb", token.lemma_):
                return 1  # "extended the deadline until Tuesday": what is put off lies ahead of the act
            if through_object and knowledge().has("planning_object_verb", token.lemma_):
                return 1
            if token.lemma_ in ("plan", "schedule") and any(c.dep_ == "dobj" for c in token.children):
                return 1  # "planned a demonstration on Saturday": the parse often hangs the day on the verb
            if token.tag_ == "VBN" and token.dep_ in ("acl", "advcl") and not any(
                    c.dep_ in ("aux", "auxpass", "mark") for c in token.children):
                return -1  # "the decision, announced Wednesday, ...": a bare participle tells what was done
            found = _verb_direction(token)
            if found is not None:
                return found
        if token.head is token:
            break
        through_object = (token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass")) or through_object
        token = token.head
    return 0
