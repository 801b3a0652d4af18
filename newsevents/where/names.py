"""Toponyms said indirectly: the town at the head of an institution's name, the country of a nationality word.

>>> institution_town("Vancouver International Airport")
'Vancouver'
>>> institution_town("Lincoln Memorial") is None
True
>>> institution_town("University Hospital") is None
True
"""

from __future__ import annotations

import functools
import re

# Institutions named after the town they serve: "Vancouver International Airport", "Newark Fire",
# "Mount Pleasant Civic Center". The town's name in them is a toponym; a memorial or an airline is not.
_TOWN_INSTITUTION = re.compile(
    r"^(?P<place>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}?)\s+(?:(?:International|Regional|Municipal)\s+)?"
    r"(?:Airport|Civic\s+Center|City\s+Hall|City\s+Council|Fire(?:\s+Department)?|Police(?:\s+Department)?|"
    r"(?:High|Middle|Elementary)\s+School|Public\s+Library|Library|Hospital|Medical\s+Center|"
    r"County\s+Jail|Courthouse|Chamber\s+of\s+Commerce)$"
)

# Words that open generic institution names, not towns: "University Hospital", "Community Hospital",
# "General Hospital", "Memorial Hospital" (University, Florida and Memorial, Texas exist as places).
_GENERIC_HEADS = frozenset({
    "University", "General", "Community", "Memorial", "Central", "Regional", "County", "State", "Union",
    "Baptist", "Methodist", "Presbyterian", "Mercy", "Veterans", "Children's", "Women's", "Municipal",
})


def institution_town(name: str) -> str | None:
    """Return the town an institution's name begins with ("Newark Fire" -> "Newark"), or None."""
    m = _TOWN_INSTITUTION.match(name)
    if m is None or m.group("place").split()[0] in _GENERIC_HEADS:
        return None
    return m.group("place")


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Return demonym -> country name, from the actor dictionary's countries that have an ISO code."""
    from newsevents.actors.lexicon import load_lexicon

    out: dict[str, str] = {}
    for country in load_lexicon().countries.values():
        if country.iso3:
            for word in country.demonyms:
                out.setdefault(word, country.name)
    return out
