"""Say which country a place or a people word belongs to, for sides the actors stage leaves uncoded.

The actors stage codes a capital used as a place ("talks in Beijing") as no actor, and a demonym before
an ordinary noun ("Iraqi towns") as none either: right for who acts, but the event coder still wants the
country of the place attacked or the people targeted. These lookups give a country-only actor for them:

- ``demonym_country("Iraqi")`` -> "IRQ" (countries.tsv demonyms);
- ``place_country("Juba", ["SDN"])`` -> "SDN": countries.tsv names and capitals first, then the place
  gazetteer of the where stage (cities, provinces, regions; ISO codes turned back into CAMEO codes),
  preferring a country the article names.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Collection, Iterable
from typing import Any

from newsevents.actors.lexicon import load_lexicon

log = logging.getLogger(__name__)

# Gazetteer kinds that name a place inside one country (a sea or a continent has none).
INSIDE_KINDS = frozenset({"city", "admin1", "admin2", "region", "country"})


@functools.lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Return (demonym -> code, name or capital -> code, ISO3 -> CAMEO code) from countries.tsv."""
    demonyms: dict[str, str] = {}
    places: dict[str, str] = {}
    iso: dict[str, str] = {}
    for code, country in load_lexicon().countries.items():
        if not country.iso3:
            continue  # regions ("Europe", "the Mediterranean") are in no one country
        if country.iso3 == code or country.iso3 not in iso:
            iso[country.iso3] = code  # "IRQ", not a CAMEO sub-code sharing its ISO code
        for form in country.demonyms:
            demonyms[form.lower()] = code
        for form in (*country.names, *country.capitals):
            places[form.lower()] = code
    return demonyms, places, iso


@functools.lru_cache(maxsize=1)
def _iso_codes() -> dict[str, tuple[str, ...]]:
    """Return CAMEO code -> the ISO3 codes that map back to it (the inverse of ``_forms()[2]``)."""
    out: dict[str, list[str]] = {}
    for iso3, code in _forms()[2].items():
        out.setdefault(code, []).append(iso3)
    return {code: tuple(isos) for code, isos in out.items()}


def demonym_country(word: str) -> str | None:
    """Return the CAMEO country of a demonym ("Iraqi", "Danish"), or None."""
    return _forms()[0].get(word.lower())


def country_word(word: str) -> str | None:
    """Return the CAMEO country a one-word name or demonym names ("Egyptian", "Iraq"), or None."""
    demonyms, places, _ = _forms()
    key = word.lower()
    return demonyms.get(key) or places.get(key)


@functools.lru_cache(maxsize=1)
def _gazetteer():  # type: ignore[no-untyped-def]
    try:
        from newsevents.where.gazetteer import load_gazetteer
    except ImportError:  # the where stage is optional; without it only countries.tsv answers
        return None
    try:
        # The place stage's default, called the same way so that both share one cached gazetteer.
        return load_gazetteer(15000)
    except (OSError, ValueError) as err:
        log.warning("place gazetteer unavailable: %s", err)
        return None


def place_country(name: str, context: Iterable[str] = ()) -> str | None:
    """Return the CAMEO country a place name lies in, preferring the countries of ``context``."""
    _, places, iso = _forms()
    key = " ".join(name.lower().split())
    if key.startswith("the "):
        key = key[4:]
    if key in places:
        return places[key]
    gaz = _gazetteer()
    if gaz is None or not key or not name[:1].isupper():
        return None
    iso_of = _iso_codes()
    iso_context = [c for code in context for c in iso_of.get(code, ())]
    entry = gaz.resolve(name, iso_context)
    if entry is None or entry.kind not in INSIDE_KINDS or not entry.country:
        return None
    return iso.get(entry.country, entry.country)


# Entity types that are no place, whatever the gazetteer holds ("Victoria" the person, "Paris Match").
NOT_PLACE_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})


def token_place(tok: Any, context: Iterable[str] = ()) -> tuple[Any, str] | None:
    """Return (first token, CAMEO country) of the proper place name a token ends ("Tel Aviv", "Sindh")."""
    if tok.pos_ != "PROPN" or tok.ent_type_ in NOT_PLACE_ENTS or tok.tag_ == "NNPS":
        return None
    first = tok
    while first.i > 0 and first.nbor(-1).dep_ == "compound" and first.nbor(-1).pos_ == "PROPN":
        first = first.nbor(-1)  # "Tel Aviv", "West Darfur"
    code = place_country(tok.doc.text[first.idx : tok.idx + len(tok.text)], context)
    return (first, code) if code is not None else None


def warm() -> None:
    """Load the dictionaries and the gazetteer now, outside any timed or per-document work."""
    _forms()
    _iso_codes()
    _gazetteer()


# "KABUL, Jan 5 (Reuters) -", "WASHINGTON (AP) —", "LYON: ": a capitalised place opening the story.
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z.'\- ]{1,40}?)(?:,[^\n(:\-\u2013\u2014]{0,30})?\s*(?:\([^)\n]{1,30}\))?\s*[:\-\u2013\u2014]\s"
)


def dateline(text: str) -> tuple[int, str] | None:
    """Return (end offset, CAMEO country) of a story's dateline ("KABUL, Jan 5 (Reuters) - ..."), if any."""
    found = _DATELINE.match(text[:120])
    if found is None:
        return None
    name = found.group(1).strip()
    if not name.isupper() and "(" not in found.group(0):
        return None  # "Police: ..." is no dateline; "KABUL -" and "Kabul (Reuters) -" are
    # Datelines are written in capitals; the gazetteer wants the usual case ("NEW YORK" -> "New York").
    code = place_country(name.title() if name.isupper() else name)
    return (found.end(), code) if code is not None else None


def dateline_country(text: str) -> str | None:
    """Return the CAMEO country of a story's dateline, if it has one."""
    found = dateline(text)
    return found[1] if found is not None else None


def phrase_place(root: Any, skip: Collection[str] = ()) -> str | None:
    """Return the country of a place after "of"/"in" in an agent's phrase that names no country itself
    ("the government of Punjab province", "police in Tikrit"); ``skip`` leaves out prepositions that do
    not say whose the agent is (troops "from" a place are leaving it, peacekeepers "in" one are foreign)."""
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "in") or prep.lower_ in skip:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for word in [obj, *(c for c in obj.children if c.dep_ == "compound")]:
                found = token_place(word)
                if found is not None:
                    return found[1]
    return None
