"""Find arguments beyond a trigger's own dependents: shared objects, deeper actors, same-country sides."""

from __future__ import annotations

from typing import Any

from newsevents.coding.triggers import Token, direct_objects, prep_objects, preps
from newsevents.model import Actor

# Roots for which no actor deeper in the trigger's clause is taken as the target (a meeting's place is not
# whom it is with; a statement's target is set by the attribution stage).
NO_DEEP_TARGET_ROOTS = frozenset({"01", "04"})
# Deps not searched for a deeper target: subjects, and clauses that report or time the event.
SKIP_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "ccomp", "parataxis", "relcl", "punct"})


def shared_objects(verb: Token) -> list[Token]:
    """Return the object a verb shares with its coordinated verb ("accused and sanctioned Moscow")."""
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and not any(c.dep_ == "nsubj" for c in conj.children):
            objs = [o for o in direct_objects(conj) if o.dep_ != "nsubjpass"]
            if objs:
                return objs
    return []


def deep_target(index: Any, tok: Token, sources: list[Actor], limit: int = 4) -> list[Actor]:
    """Return the nearest actor below the trigger, outside its subject ("staged rallies ... against Abbas",
    "threatened to launch an offensive in its war with Iraq"), as a last resort for the target."""
    codes = {a.code for a in sources}
    frontier = [c for c in tok.children if c.dep_ not in SKIP_DEPS and not _other_clause(c)]
    for _ in range(limit):
        nxt: list[Token] = []
        for t in frontier:
            actor = index.at(t)
            if actor is not None and actor.code not in codes and actor.country:
                return [actor]
            # Below the first level, a clause's subject counts ("... unless Israel rescinded").
            nxt.extend(
                c
                for c in t.children
                if (c.dep_ not in SKIP_DEPS or c.dep_ in ("nsubj", "nsubjpass")) and not _other_clause(c)
            )
        frontier = sorted(nxt, key=lambda t: abs(t.i - tok.i))
    return []


def _other_clause(tok: Token) -> bool:
    """Say whether a token heads a clause about another event ("when Putin visited", "and Russia invaded")."""
    if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
        return True
    if tok.dep_ == "advcl":
        marks = [m.lower_ for m in tok.children if m.dep_ == "mark"]
        if marks:
            return not set(marks) & {"if", "unless"}
        # A purpose or a participle says what the act is about ("staged rallies to protest X's decision",
        # "demonstrated, calling for independence from Iraq").
        return not (tok.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children))
    return False


def has_between(tok: Token) -> bool:
    """Say whether a trigger, its head or its subject/object takes a "between" phrase."""
    near = [tok, tok.head, *tok.children]
    return any(c.dep_ == "prep" and c.lower_ == "between" for t in near for c in t.children)


# Roles that act at home: a role-only mention of one ("police", "protesters", "the opposition") shares
# the country of the state body it deals with ("Turkish police arrested protesters").
DOMESTIC_ROLES = frozenset(
    {"CVL", "OPP", "LAB", "EDU", "COP", "JUD", "LEG", "PTY", "MED", "BUS", "AGR", "HLH", "REL", "CRM", "REF"}
)
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _with_country(actor: Actor, country: str) -> Actor:
    return Actor(
        actor.text, actor.start, actor.end, country + (actor.role or ""), country, actor.role, actor.entity
    )


def place_country(index: Any, tok: Any) -> str | None:
    """Return the country of an "in X" phrase on the trigger or its clause ("arrested ... in Caracas")."""
    for head in (tok, tok.head):
        for prep in preps(head, ("in", "inside")):
            for obj in prep_objects(prep):
                actor = index.for_phrase(obj)
                if actor is not None and actor.country and len(actor.country) == 3:
                    return actor.country
    return None


def domestic(
    source: Actor | None, target: Actor | None, place: str | None
) -> tuple[Actor | None, Actor | None]:
    """Give role-only actors a country from the other side or the place of a same-country event.

    >>> police = Actor("police", 0, 6, "COP", None, "COP")
    >>> opp = Actor("opposition", 16, 26, "OPP", None, "OPP")
    >>> [a.code for a in domestic(police, opp, "VEN")]
    ['VENCOP', 'VENOPP']
    """
    pair = [source, target]
    for i, actor in enumerate(pair):
        if actor is None or actor.country or not actor.role:
            continue
        other = pair[1 - i]
        if place is not None:
            pair[i] = _with_country(actor, place)
        elif (
            other is not None
            and other.country
            and actor.role in DOMESTIC_ROLES
            and (other.role in STATE_ROLES or other.role in DOMESTIC_ROLES)
        ):
            pair[i] = _with_country(actor, other.country)
    return pair[0], pair[1]


# Country fields that name no state (international and non-governmental bodies, multinationals).
NON_STATES = frozenset({"IGO", "NGO", "MNC", "UNO"})


def _states_between(index: Any, start: int, end: int) -> list[Actor]:
    """Return the actors of a state country named between two offsets, in text order."""
    return [
        a for a in index.actors
        if start <= a.start and a.end <= end and a.country and len(a.country) == 3 and a.country not in NON_STATES
    ]


def sentence_countries(index: Any, start: int, end: int) -> list[str]:
    """Return the distinct state countries of the actors named between two offsets, in text order."""
    return list(dict.fromkeys(a.country for a in _states_between(index, start, end) if a.country))


def in_context(
    source: Actor | None, target: Actor | None, countries: list[str]
) -> tuple[Actor | None, Actor | None]:
    """Give a role-only actor the country of its sentence when exactly one country is in play there.

    >>> minister = Actor("the minister", 0, 12, "GOV", None, "GOV")
    >>> [a.code for a in in_context(minister, None, ["KGZ"]) if a]
    ['KGZGOV']
    """
    if len(countries) != 1:
        return source, target
    pair = [source, target]
    for i, actor in enumerate(pair):
        if actor is not None and not actor.country and actor.role:
            pair[i] = _with_country(actor, countries[0])
    return pair[0], pair[1]


def other_side(index: Any, start: int, end: int, source: Actor) -> Actor | None:
    """Return the one state actor of another country named between two offsets, if there is exactly one."""
    found: dict[str, Actor] = {}
    for actor in _states_between(index, start, end):
        if actor.country and actor.country != source.country:
            found.setdefault(actor.country, actor)
    return next(iter(found.values())) if len(found) == 1 else None


# Roles of a side's own forces: "offered its troops to Lebanon" is about Lebanon, not the troops.
OWN_FORCE_ROLES = frozenset({"MIL"})
PROTEST_ROOT = "14"


def own_forces(source: Actor | None, target: Actor | None) -> bool:
    """Say whether the target is the source's own forces (same country, or no country of their own)."""
    return (
        source is not None
        and source.country is not None
        and target is not None
        and target.role in OWN_FORCE_ROLES
        and target.country in (None, source.country)
    )


def protested_government(code: str, source: Actor | None) -> Actor | None:
    """Return the government a domestic protest with no named target is against: the protesters' own.

    >>> students = Actor("students", 0, 8, "IDNEDU", "IDN", "EDU")
    >>> protested_government("141", students).code
    'IDNGOV'
    """
    if code[:2] != PROTEST_ROOT or source is None or not source.country or source.role not in DOMESTIC_ROLES:
        return None
    if source.country in NON_STATES:
        return None
    return Actor(source.text, source.start, source.end, source.country + "GOV", source.country, "GOV")


def other_sides(
    index: Any, code: str, source: Actor | None, target: Actor | None, span: Any, countries: list[str]
) -> tuple[Actor | None, Actor | None]:
    """Complete a pair from its sentence: role-only actors, a missing target, a target that is own forces."""
    source, target = in_context(source, target, countries)
    if source is not None and source.country:
        if target is None and code[:2] not in NO_DEEP_TARGET_ROOTS:
            # No target in the clause: the one other country the sentence names is the other side.
            target = other_side(index, span.start, span.end, source)
        elif own_forces(source, target):
            target = other_side(index, span.start, span.end, source) or target
    if target is None:
        target = protested_government(code, source)
    return source, target


def acting_side(index: Any, source: Actor | None, target: Actor | None, span: Any) -> Actor | None:
    """Return the source, or for a kept event with none, the one other state country of its sentence."""
    if source is not None or target is None or not target.country:
        return source
    return other_side(index, span.start, span.end, target)
