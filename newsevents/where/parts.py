"""Place the names the gazetteer lacks by the known place inside them: "Dayton Riverside Park", "Tulsa City".

A local story names its town's park, airport or hall ("the gates of Dayton Riverside Park", "Tulsa City
Councilor", "the Holiday Inn Albany") far more often than the town alone. Such a name is put
at the place it contains: first a place the story names elsewhere (one sense per document), else a
gazetteer place that agrees with the story's country and states, a country or region, a county
named as one ("Titus County Sheriff's Office"), or, in a story naming no other place, a name only
one place bears ("Bicester Village"). A township, park, river or lake with no known place inside it
("Hamilton Township", "Catawba River") is put at the town the story names most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsevents.where.gazetteer import Entry, Gazetteer, fold, place_counties

if TYPE_CHECKING:
    from newsevents.where.toponyms import Mention

# Words that name no place on their own, whatever a gazetteer lists under them ("Best", Netherlands).
_GENERIC = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
    "lower", "new", "old", "great", "little", "big", "saint", "st.", "mount", "mt.", "lake", "river", "park",
    "city", "county", "town", "village", "valley", "hills", "island", "islands", "beach", "bay", "center",
    "centre", "university", "college", "school", "hospital", "church", "road", "street", "avenue",
    "national", "state", "regional", "international", "memorial", "metro", "best", "union", "liberty",
    "independence", "commerce", "victoria", "hope", "friendship", "harmony", "unity", "justice",
    "downtown", "greater", "port", "of", "the", "w.", "e.", "n.", "s.", "air",
})
# Water and relief ("Red River" is no town called Red) and units named after a town but not at it
# ("Jackson County", "Enfield Borough"): their names say nothing of where they are.
_OTHER_PLACE = frozenset({"river", "creek", "lake", "bay", "island", "islands", "mountain", "mountains",
                          "valley", "forest", "canyon", "falls", "sea", "ocean", "gulf", "peninsula", "desert",
                          "range", "county", "parish", "borough", "township", "empire", "kingdom"})

# What a story's unknown local places end with: "Hamilton Township", "Hopkins Park", "Lore City".
_LOCAL_FEATURES = frozenset({"township", "twp.", "river", "creek", "lake", "park", "valley", "city", "village",
                             "square"})


def _parts(words: list[str], *, after_generic: bool = False) -> Iterator[str]:
    """Yield the word sequences of a name shorter than it, longest first, left to right.

    A sequence followed by "County", "River" ... is skipped: "Jackson County Central" is not in
    Jackson. With ``after_generic`` only a sequence preceded by generic words alone is given ("East
    Oxford", "Metro Nashville", not the "Hinton" of "Cherry Hinton", a place of its own).
    """
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = " ".join(words[i:i + n])
            if not part[:1].isupper() or fold(part) in _GENERIC:
                continue
            if i + n < len(words) and fold(words[i + n]) in _OTHER_PLACE:
                continue
            if after_generic and not all(fold(w) in _GENERIC for w in words[:i]):
                continue
            yield part


def _context(mentions: list[Mention]) -> tuple[Counter[str], set[str]]:
    countries: Counter[str] = Counter()
    states: set[str] = set()
    for m in mentions:
        e = m.entry
        if e is None or e.lat is None:
            continue
        if e.country:
            countries[e.country] += 1
        if e.admin1_code:
            states.add(e.admin1_code)
    return countries, states


def _agrees(entry: Entry, countries: Counter[str], states: set[str]) -> bool:
    """Say whether a place lies where the story is: its main country and, for the US, a state it names."""
    if (entry.lat is None and entry.kind != "admin2") or not countries:
        return False  # a county has no point of its own yet: place_counties gives it one
    top = countries.most_common(1)[0][0]
    if entry.country != top:
        return False
    return not entry.admin1_code or not states or entry.admin1_code in states


def _self_evident(part: str, entry: Entry, gaz: Gazetteer, countries: Counter[str]) -> bool:
    """Say whether a part names its place without help: "Titus County", or a name only one place has."""
    if entry.kind == "admin2":
        return part.endswith(("County", "Parish", "Borough"))  # "Titus County Sheriff's Office"
    # With nothing else in the story to go by, a name no other place bears ("Bicester Village").
    return not countries and entry.lat is not None and len(gaz.candidates(part)) == 1


def place_by_parts(mentions: list[Mention], gaz: Gazetteer, well_known: set[str]) -> None:
    """Give each unresolved name of two words or more the place named inside it, in place.

    ``well_known`` holds the kinds of place known by name alone (countries, states, regions).
    """
    named = {fold(m.lookup): m.entry for m in mentions if m.entry is not None and m.entry.lat is not None}
    countries, states = _context(mentions)
    for m in mentions:
        words = m.text.split()
        if m.entry is not None or m.demonym or len(words) < 2 or fold(words[-1]) in _OTHER_PLACE:
            continue
        if fold(words[0]) in ("river", "loch", "lough"):
            continue  # "River Moy" is water, not the town of Moy
        found = next((named[fold(p)] for p in _parts(words) if fold(p) in named), None)
        if found is None:
            for part in _parts(words, after_generic=True):
                entry = gaz.resolve(part, countries, context_admin1=states, primary_only=True)
                if entry is not None and (entry.kind in well_known or _agrees(entry, countries, states)
                                          or _self_evident(part, entry, gaz, countries)):
                    found = entry
                    break
        if found is not None:
            m.entry = found
    for m, entry in zip(mentions, place_counties([m.entry for m in mentions], gaz), strict=True):
        m.entry = entry


def place_local_features(mentions: list[Mention]) -> None:
    """Put the local features the gazetteer lacks ("Hamilton Township", "Catawba River") at the story's main town.

    A local story's township, park or river lies by the town it names most; that town is a far
    better guess than no position at all (an approximate point: the place keeps no geonameid).
    """
    towns: Counter[Entry] = Counter()
    for m in mentions:
        if m.entry is not None and m.entry.kind == "city" and m.entry.lat is not None:
            towns[m.entry] += 1
    if not towns:
        return
    main = towns.most_common(1)[0][0]
    for m in mentions:
        words = m.text.split()
        if m.entry is None and not m.demonym and len(words) >= 2 and (
                fold(words[-1]) in _LOCAL_FEATURES or fold(words[0]) in ("lake", "river")):
            m.entry = Entry(m.text, "city", main.country, main.admin1, main.lat, main.lon, None)
