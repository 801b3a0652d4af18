"""Resolve a story's toponyms together: each name in the light of the countries, states and towns of the others.

Every name is first read alone, then twice more with the context the other names give: the
countries and states they resolved to, the states their namesakes could share, and how near
their readings lie (``cohesion.py``). A "City, State" pair is read as one, and settles the bare
mentions of its town.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.where.cohesion import Without, name_cells, name_weight, support
from newsevents.where.gazetteer import Entry, Gazetteer, fold, region_contains, somewhere_in

if TYPE_CHECKING:
    from newsevents.where.toponyms import Mention

CONFIDENT_KINDS = ("country", "admin1")
TOWN_KINDS = ("city", "admin2")  # what a ", State" or ", Country" after a name narrows down
CONTEXT_ROUNDS = 2
NO_SUPPORT_KINDS = ("country", "region", "continent", "water")  # readings that make a name no town
BIG_CITY = 1_000_000  # cities this big are known by name alone, and set the document's context
# The state vote of a town whose name many places bear ("Decatur" read in Illinois by its size alone)
# is weaker than that of a name only one town has (0.5).
AMBIGUOUS_TOWN_VOTE = 0.375
COUNTY_ENDINGS = ("county", "parish")
COUNTY_VOTES_MAX = 2  # counties a town's state can count on (+2 each, see NEARBY_BONUS)


@dataclass(frozen=True, slots=True)
class _Name:
    """What the gazetteer holds for one name of a story: its readings, and where its towns lie."""

    readings: frozenset[Entry]
    cells: set[tuple[int, int]]  # cohesion.name_cells
    weight: float  # cohesion.name_weight
    towns: int  # how many readings are towns


def _story_names(mentions: list[Mention], gaz: Gazetteer) -> dict[str, _Name]:
    """Return each known name of a story (folded) with its readings, looked up once for every round."""
    out: dict[str, _Name] = {}
    for m in mentions:
        key = fold(m.lookup)
        if key not in out and m.lookup in gaz:
            readings = frozenset(c.entry for c in gaz.candidates(m.lookup))
            out[key] = _Name(readings, name_cells(readings), name_weight(readings),
                             sum(1 for e in readings if e.kind == "city"))
    return out


def resolve_all(mentions: list[Mention], gaz: Gazetteer) -> None:
    """Resolve every mention alone, then in the light of the countries and states the others name."""
    for m in mentions:
        m.entry = gaz.resolve(m.lookup, prefer_kind=m.prefer_kind, primary_only=m.primary_only)
    for m in mentions:
        _apply_qualifier(m, gaz)
    names = _story_names(mentions, gaz)
    # Two rounds: the second sees the first's answers ("Georgia" becomes the state once the other
    # names say the story is American, and then "Columbus" is the one in Georgia).
    for _ in range(CONTEXT_ROUNDS):
        _resolve_in_context(mentions, gaz, names)
    _one_sense(mentions)


def _one_sense(mentions: list[Mention]) -> None:
    """Give every mention of a name the reading its qualified mention has ("Belgrade, Minn." ... "Belgrade")."""
    settled: dict[str, Entry] = {}
    for m in mentions:
        if m.qualifier is not None and m.entry is not None and m.entry.lat is not None:
            settled.setdefault(fold(m.lookup), m.entry)
    for m in mentions:
        entry = settled.get(fold(m.lookup))
        if entry is not None and m.qualifier is None and not m.fixed and m.entry is not None:
            m.entry = entry


def _resolve_in_context(mentions: list[Mention], gaz: Gazetteer, names: dict[str, _Name]) -> None:
    """Resolve each known name again with the countries and states that the other names resolved to."""
    keys = [fold(m.lookup) for m in mentions]
    # Context by name, so that a name never votes for its own reading ("Georgia" x5 would).
    by_name: dict[str, tuple[Counter[str], Counter[str]]] = {}
    entries_of: dict[str, set[Entry]] = {}  # what each name resolved to, to spot another spelling of it
    for m, key in zip(mentions, keys, strict=True):
        e = m.entry
        if e is None:
            continue
        entries_of.setdefault(key, set()).add(e)
        countries, states = by_name.setdefault(key, (Counter(), Counter()))
        confident = e.kind in CONFIDENT_KINDS or m.qualifier is not None or e.population >= BIG_CITY
        one_town = key not in names or names[key].towns <= 1
        weight = 1.0 if confident else (0.5 if one_town else AMBIGUOUS_TOWN_VOTE)
        # Counters hold float weights here (typeshed types their counts as int).
        if e.country:
            countries[e.country] += weight  # type: ignore[assignment]
        if e.admin1_code and (confident or e.kind == "city"):
            states[e.admin1_code] += weight  # type: ignore[assignment]
    # The states each US name could be in: a local story's places lie together ("Paris and Henry
    # County": the Paris of a state that has a Henry County).
    possible: dict[str, set[str]] = {}
    for m, key in zip(mentions, keys, strict=True):
        if m.entry is not None and m.entry.country == "USA" and m.entry.kind in TOWN_KINDS and key not in possible:
            readings = names[key].readings if key in names else frozenset()
            possible[key] = {e.admin1_code for e in readings if e.admin1_code and e.kind in TOWN_KINDS}
    near_of = _near_cells(mentions, keys, names)
    resolved = []
    for m, key in zip(mentions, keys, strict=True):
        if m.entry is None or m.fixed or key not in names:
            resolved.append(m.entry)  # unknown, settled by its pair, or known only through it
            continue
        readings = names[key].readings
        countries, states = Counter(), Counter()
        for name, (c, st) in by_name.items():
            # Nor through another spelling: "Dublin City" resolved to Dublin must not vote for Ireland.
            if name != key and not (entries_of.get(name, set()) & readings):
                countries.update(c)
                states.update(st)
        qualifier = m.qualifier.entry if m.qualifier is not None else None
        nearby = _nearby_states(possible, key, bool(states))
        resolved.append(gaz.resolve(m.lookup, countries, context_admin1=dict(states), qualifier=qualifier,
                                    prefer_kind=m.prefer_kind, primary_only=m.primary_only,
                                    possible_admin1=nearby, near_cells=near_of.get(key)))
    for m, entry in zip(mentions, resolved, strict=True):
        m.entry = entry


def _nearby_states(possible: dict[str, set[str]], key: str, states_known: bool) -> dict[str, float]:
    """Return the states the story's other US names could be in, weighted by how many could.

    Without a state the story's names settle, any other ambiguous name counts. With one, only its
    counties do: a county has no point for the towns' readings to lie near ("Platte County" is in
    Nebraska, Missouri or Wyoming), and two counties that both have a namesake in one state say more.
    """
    if not states_known:
        return {s: 1.0 for k, v in possible.items() if k != key for s in v}
    counts: Counter[str] = Counter()
    for k, v in possible.items():
        if k != key and k.endswith(COUNTY_ENDINGS):
            counts.update(v)
    return {s: min(COUNTY_VOTES_MAX, n) for s, n in counts.items()}


def _near_cells(
    mentions: list[Mention], keys: list[str], names: dict[str, _Name]
) -> dict[str, Mapping[tuple[int, int], float]]:
    """Return, per name, the support each grid cell gets from the story's other names.

    Only names read as towns give support: "Middle East" read as the region says nothing for
    the Maryland hamlet of that name, nor for a Lebanon in Pennsylvania near it.
    """
    town: dict[str, bool] = {}  # each resolved known name, and whether its first mention reads as a town
    for m, key in zip(mentions, keys, strict=True):
        if m.entry is not None and key not in town and key in names:
            town[key] = m.entry.kind not in NO_SUPPORT_KINDS
    givers = [names[k] for k, is_town in town.items() if is_town]
    total = support((n.cells, n.weight) for n in givers)
    out: dict[str, Mapping[tuple[int, int], float]] = {}
    for key in town:
        readings = names[key].readings
        if names[key].towns < 2:
            continue  # nothing to choose between
        # Not itself, nor another spelling of itself ("Dublin City" read as Dublin).
        own = [(n.cells, n.weight) for n in givers if n is names[key] or n.readings & readings]
        out[key] = Without(total, own)
    return out


def _apply_qualifier(m: Mention, gaz: Gazetteer) -> None:
    """Resolve "Paris, Texas" within Texas; leave lists of countries ("Russia, Turkey") alone."""
    q = m.qualifier
    if q is None or q.entry is None or (m.entry is not None and m.entry.kind not in TOWN_KINDS):
        m.qualifier = None
        return
    # Read the pair together: in "Gainesville, Georgia" Georgia is the state that has a Gainesville.
    regions = [c.entry for c in gaz.candidates(q.lookup) if c.entry.kind in CONFIDENT_KINDS]
    towns = [c.entry for c in gaz.candidates(m.lookup)]
    region = next((r for r in regions if any(_inside(t, r) for t in towns)), None)
    if region is None:
        if q.entry.kind not in CONFIDENT_KINDS:
            m.qualifier = None
            return
        region = q.entry
    q.entry, q.fixed = region, True
    m.entry = gaz.resolve(m.lookup, qualifier=region) if towns else somewhere_in(m.lookup, region)


def _inside(town: Entry, region: Entry) -> bool:
    return town.kind in TOWN_KINDS and region_contains(region, town)
