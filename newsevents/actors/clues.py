"""Clues from the sentence that decide a sector or a country the dictionaries alone cannot.

- ``place_use``: is a capital a place ("talks in Beijing") or an actor ("Beijing offered")?
- ``sentence_country``: the one country a sentence names, for a titled person we have no entry for.
- ``against_government``: protesters against the government are the opposition (OPP), not civilians.
- ``counts_people``: "168 Liberians" are civilians (LBRCVL); "the Liberians" are the country (LBR).
- ``antecedent``: the collective actor "its"/"their" refers to ("Israel ... its forces" -> ISRMIL).
- ``backed``: "pro-Russian rebels" are not Russian; ``looks_like_name``: "Moody Awori" after a title.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from newsevents.actors.matcher import Match
from newsevents.model import Actor

LOCATIVE = frozenset("in at near inside outside around across throughout within on beside behind".split())
DIRECTIONAL = frozenset("to from into toward towards onto via through".split())
MOVEMENT = frozenset("visit arrive reach leave travel fly return enter tour depart head sail".split())
# A country that is only the object of these is no clue to whose a title is ("sanctions against Nigeria").
FOREIGN_PREPS = frozenset("against to toward towards with into on at from by".split())
QUANTITY_NOUNS = frozenset(
    "thousands hundreds dozens millions scores group groups number crowd crowds".split()
)
OPPOSITION_CUES = frozenset(
    "anti-government antigovernment anti-regime opposition pro-democracy dissident reformist".split()
)
# Demanding one of these is opposing the government; so is being "against" one of the rulers.
OPPOSITION_DEMANDS = frozenset({"resignation", "ouster", "overthrow", "downfall", "removal"})
RULERS = frozenset({"government", "regime", "president", "junta", "dictator", "dictatorship"})
COUNTRY_KINDS = ("name", "demonym", "capital", "seat")


def place_use(tok: Any, is_agent: Callable[[Any], bool], is_event_noun: Callable[[Any], bool]) -> str:
    """Say how a place name is used: locative, directional, modifier (of a non-agent noun) or actor."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "between Moscow and Kiev": the preposition governs the first conjunct
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
        return "locative"
    if tok.dep_ == "pobj" and tok.head.lower_ in DIRECTIONAL:
        return "directional"
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_ in MOVEMENT:
        return "directional"  # "leaving for Beijing"
    if tok.dep_ == "dobj" and tok.head.lemma_ in MOVEMENT:
        return "directional"
    if tok.dep_ in ("compound", "amod", "nmod") and not is_agent(tok.head) and not is_event_noun(tok.head):
        return "modifier"
    return "actor"


def sentence_country(parse: Any, matches: Iterable[Match], tok: Any) -> str | None:
    """Return the one country named in the token's sentence, if only one, ignoring foreign objects."""
    sent = tok.sent
    codes = set()
    for m in matches:
        if m.kind not in COUNTRY_KINDS or not sent.start <= m.start < sent.end:
            continue
        last = parse[m.end - 1]
        # "sanctions against Nigeria", "visited China": a country acted on is no clue to whose one is.
        if not ((last.dep_ == "pobj" and last.head.lower_ in FOREIGN_PREPS) or last.dep_ == "dobj"):
            codes.add(m.entry.key)
    return codes.pop() if len(codes) == 1 else None


def against_government(parse: Any, root: Any, end: int) -> bool:
    """Say whether protesters are against the government ("anti-government", "demanding the ouster")."""
    words = {t.lower_ for t in parse[root.left_edge.i : end]}
    if words & OPPOSITION_CUES or ("anti" in words and "government" in words):
        return True
    # "protesters against the regime", "protesters demanding the president's resignation", and the
    # same said by the verb they are the subject of ("protesters demanded the resignation of ...").
    right = [t for t in root.subtree if t.i > root.i][:12]
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB":
        right += [t for t in root.head.subtree if t.i > root.head.i][:12]
    for tok in right:
        if tok.lemma_.lower() in OPPOSITION_DEMANDS:
            return True
        if tok.lower_ == "against" and any(t.lemma_.lower() in RULERS for t in tok.subtree):
            return True
    return False


def counts_people(tok: Any, matched: Collection[int]) -> bool:
    """Say whether a plural demonym counts people ("168 Liberians", "thousands of Nigerians")."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return False
    for child in tok.children:
        if child.dep_ in ("nummod", "quantmod") or (child.dep_ == "amod" and child.i not in matched):
            return True
    head = tok.head
    return (
        tok.dep_ == "pobj"
        and head.lower_ == "of"
        and (head.head.lower_ in QUANTITY_NOUNS or head.head.pos_ == "NUM")
    )


def antecedent(parse: Any, pronoun: int, actors: Iterable[Actor]) -> Actor | None:
    """Return the actor "its"/"their" refers to: the last one before it in its sentence with a country
    ("Bosnian Serbs said their forces" -> BIH; a news agency reporting is no owner)."""
    tok = parse[pronoun]
    collective = [
        a
        for a in actors
        if tok.sent.start_char <= a.start
        and a.end <= tok.idx
        and a.country
        and a.role not in ("MED", "UNO")
        and a.country not in ("IGO", "NGO")
    ]
    return collective[-1] if collective else None


def backed(parse: Any, start: int) -> bool:
    """Say whether the country word at ``start`` is only a backer: "pro-Russian rebels" are not Russian."""
    words = [t.lower_ for t in parse[max(start - 2, 0) : start]]
    return words[-2:] in (["pro", "-"], ["anti", "-"]) or (bool(words) and words[-1] in ("pro-", "anti-"))


def looks_like_name(words: Any) -> bool:
    """Say whether tokens after a title look like a person's name the tagger missed ("Moody Awori")."""
    return 2 <= len(words) <= 4 and all(t.pos_ == "PROPN" and t.text.istitle() for t in words)
