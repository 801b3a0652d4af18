"""Find the actor a parse token stands for (used by the event coder to fill source and target).

How it decides, in order:

1. The actor whose span contains the token ("Kremlin", "president" in "the Chinese president").
2. Only when the token is itself an agent noun (a word of agents.tsv: "spokesman", "officials",
   "troops"): the first actor found in the token's own phrase, reading its children in text order and
   going down through prepositions (of, for, at, from, in, with), appositions and compounds, never into
   clauses. So "spokesman" in "the spokesman for the Chinese Ministry of Foreign Affairs" gives the
   ministry's actor (CHNGOV), while "visit" in "the visit of the Chinese president" gives None: a visit
   is an event, not an actor, and the coder finds the president through the event's arguments.
3. Personal pronouns, by a recency rule with no gender or number agreement: "he", "she", "him",
   "her", "his" go to the last person named before them (an actor with an entity that is not an
   organisation) in the same or the two previous sentences; a possessive "its" to the last country,
   government or organisation before it in the same or the previous sentence ("Beijing, for its part").
   Anything else ("it", "they", "this") gives None: pleonastic "it" and plural "they" need more than
   recency.

A mention may carry two actors ("the two leaders" -> Putin and Xi, see coref.py): ``actor_for_token``
returns the first, ``actors_for_token`` all of them.
"""

from __future__ import annotations

import functools
from typing import Any

from newsevents.actors.lexicon import load_lexicon
from newsevents.model import Actor, Document

_DESCEND = frozenset({"appos", "compound", "poss", "nmod", "amod", "conj"})
_PREPS = frozenset({"of", "for", "at", "from", "in", "with"})


def _containing(doc: Document, token: Any) -> Actor | None:
    start = token.idx
    for actor in doc.actors:
        if actor.start <= start < actor.end:
            return actor
    return None


def actors_for_token(doc: Document, token: Any) -> list[Actor]:
    """Return every actor the token stands for: two for "the two leaders", else at most one."""
    found = actor_for_token(doc, token)
    if found is None:
        return []
    return [a for a in doc.actors if (a.start, a.end) == (found.start, found.end)] or [found]


def actor_for_token(doc: Document, token: Any) -> Actor | None:
    """Return the actor whose span contains ``token``, or the one inside an agent token's phrase."""
    found = _containing(doc, token)
    if found is not None:
        return found
    if token.pos_ == "PRON":
        return _antecedent(doc, token)
    lex = load_lexicon()
    if lex.agent_role(token.lemma_) is None and lex.agent_role(token.lower_) is None:
        return None
    queue = _phrase_children(token)
    while queue:
        tok = queue.pop(0)
        found = _containing(doc, tok)
        if found is not None:
            return found
        queue.extend(_phrase_children(tok))
    return None


def _phrase_children(token: Any) -> list[Any]:
    """Return the children that stay in the token's phrase; a preposition counts as its object."""
    out: list[Any] = []
    for child in token.children:
        if child.dep_ == "prep":
            if child.lower_ in _PREPS:
                out.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in _DESCEND:
            out.append(child)
    return out


_PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})


def _antecedent(doc: Document, pronoun: Any) -> Actor | None:
    """Return the actor a personal pronoun refers to by the recency rule (see the module doc)."""
    word = pronoun.lower_
    if word in _PERSONAL:
        back, wanted = 2, _is_person
    elif word == "its" and pronoun.dep_ == "poss":
        back, wanted = 1, _is_collective
    else:
        return None
    if not doc.parse.has_annotation("SENT_START"):
        return None
    sent = pronoun.sent
    first = sent.start
    for _ in range(back):
        if first == 0:
            break
        first = doc.parse[first - 1].sent.start
    lower = doc.parse[first].idx
    people = _people(doc)
    before = [a for a in doc.actors if lower <= a.start and a.end <= pronoun.idx and wanted(a, people)]
    return before[-1] if before else None


def _people(doc: Document) -> frozenset[str]:
    """Names of people: the dictionary's and those met in this article (coref.py notes them)."""
    return _dictionary_people() | frozenset(doc.notes.get("actors.people", ()))


def _is_person(actor: Actor, people: frozenset[str]) -> bool:
    return actor.entity is not None and actor.entity in people


def _is_collective(actor: Actor, people: frozenset[str]) -> bool:
    return not _is_person(actor, people) and actor.country is not None


@functools.lru_cache(maxsize=1)
def _dictionary_people() -> frozenset[str]:
    return frozenset(load_lexicon().people)
