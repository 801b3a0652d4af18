"""Code a country name, capital, seat of power, demonym or organisation that stands on its own.

Rules 5 and 6 of the stage (see stage.py and docs/actors.md): names are the country; a seat or capital
acting is the government, a destination the country, a place no actor; a demonym counts as a noun
("the Israelis" -> ISR), before an event noun ("Chinese proposals" -> CHN), as people of a country
("Bosnian Serbs" -> BIHCVL) or counted people ("168 Liberians" -> LBRCVL); joined by "and" to a coded
phrase it shares its role ("Hungarian and Romanian officials" -> HUNGOV, ROMGOV).
"""

from __future__ import annotations

from typing import Any

from newsevents.actors.clues import counts_people, place_use
from newsevents.actors.entities import EntityNames
from newsevents.actors.lexicon import Lexicon
from newsevents.actors.matcher import Match
from newsevents.actors.places import dateline_country
from newsevents.actors.userdict import UserEntry
from newsevents.model import Actor

ORG_KINDS = frozenset({"org", "user"})
# Nouns whose demonym names the country as a whole ("Chinese friends" are China, "Arab states" the region).
PEER_NOUNS = frozenset(
    "friend ally partner counterpart neighbour neighbor country nation state power side republic kingdom".split()
)

# Nouns whose demonym names the country's people ("the Zambian people", "the Albanian population").
PEOPLE_NOUNS = frozenset("people population public citizen citizenry populace".split())
FACILITIES = frozenset(
    "bridge street square airport road highway avenue river valley stadium station canal dam".split()
)
CURRENCY = frozenset({"$", "dollar", "dollars", "cents"})
# Heads that make an "ethnic X" phrase an organisation, not a people.
ORGANISED = frozenset("party group movement organization organisation army force leader politician".split())
# A demonym after "ethnic" names a people, not a state: "ethnic Albanians in Serbia" live in Serbia.
ETHNIC = frozenset({"ethnic"})


class StandaloneCoder:
    """The part of the document coder that codes matches no agent phrase has taken."""

    lex: Lexicon
    names: EntityNames
    user: tuple[UserEntry, ...]
    parse: Any
    at: dict[int, Match]
    owner: dict[int, Any]
    consumed: set[int]

    def _actor(
        self, start: int, end: int, country: str | None, role: str | None, entity: str | None, why: str
    ) -> Actor | None:
        raise NotImplementedError

    def _is_agent_token(self, tok: Any) -> bool:
        raise NotImplementedError

    def _org(self, m: Match) -> tuple[str | None, str | None, str]:
        """Return (country, role, entity) of an organisation or user dictionary match."""
        if m.kind == "user":
            row = self.user[int(m.entry.key)]
            return row.country, row.role, row.entity
        org = self.lex.organisations[int(m.entry.key)]
        return org.country, org.role, org.name

    def _standalone(self, m: Match) -> Actor | None:
        root = self.parse[m.start : m.end].root
        code = m.entry.key
        entity: str | None
        if m.kind in ORG_KINDS:
            country, role, entity = self._org(m)
            source = (
                "your dictionary, line " + str(self.user[int(code)].line) if m.kind == "user" else "organisations.tsv"
            )
            return self._actor(m.start, m.end, country, role, entity, f"{entity!r} in {source}")
        name = self.names.country(code)
        if m.kind in ("name", "capital") and self._in_dateline(m):
            return None  # "KABUL, Jan 5 (Reuters) -": where the story is filed, not an actor
        partner = root.head if root.dep_ == "conj" else next((c for c in root.children if c.dep_ == "conj"), None)
        shared = self.at.get(partner.i) if partner is not None else None
        if shared is not None and shared.start in self.owner:
            # Shared by a conjunction: "Polish and Czech officials", "Dutch and Belgian farmers".
            unit = self.owner[shared.start]
            phrase = self.parse[unit.start : unit.end].text
            why = f"{m.kind} {m.entry.form!r} ({code}) shares the role of {phrase!r}"
            entity = self.names.institution(code, unit.agent.institution if unit.agent else None)
            return self._actor(m.start, m.end, code, unit.role, entity, why)
        why = f"{m.kind} {m.entry.form!r} of {code} in countries.tsv"
        if m.kind == "name":
            ent = next((e for e in self.parse.ents if e.start <= m.start < e.end), None)
            if ent is not None and ent.label_ == "PERSON" and (ent.start < m.start or ent.end > m.end):
                return None  # "Michael Jordan": part of a person's name
            if root.dep_ == "compound" and root.head.lemma_.lower() in FACILITIES and root.head.i == m.end:
                return None  # "the Europe Bridge", "Jordan River": a named place, not the country
            if m.end < len(self.parse) and self.parse[m.end].lower_ in CURRENCY:
                return None  # "US $50 million", "Hong Kong dollars": a currency, not the country
            return self._actor(m.start, m.end, code, None, name, why)
        if m.kind in ("capital", "seat"):
            use = place_use(root, self._is_agent_token, self._is_event_noun)
            if use == "locative" or (use == "modifier" and m.kind == "capital"):
                return None
            if use == "directional":
                return self._actor(m.start, m.end, code, None, name, why + ", a destination: the country")
            entity = self.names.seat(code) if m.kind == "seat" else self.names.government(code)
            return self._actor(m.start, m.end, code, "GOV", entity, why + ", acting: the government")
        # A demonym: the modifier of an event noun ("Chinese proposals") or a noun ("the Israelis").
        first = root.head if root.dep_ == "conj" and root.head.dep_ in ("amod", "compound") else None
        if first is not None and first.head.lemma_.lower() in PEER_NOUNS and first.i in self.at:
            # "the Chilean and Peruvian sides": the second of two countries sharing the noun.
            return self._actor(m.start, m.end, code, None, name, why + f", one of the {first.head.text!r}")
        if self._ethnic(m) and self._names_people(root):
            return self._ethnic_actor(m, root, why, m.start - 1)
        if root.tag_ in ("NNS", "NNPS") and any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
            # "the Hungarians of northern Romania": a people named by the country they live in.
            actor = self._ethnic_actor(m, root, why, m.start)
            if actor is not None and actor.country:
                return actor
        if root.dep_ in ("amod", "compound", "nmod", "poss"):
            if root.head.lemma_.lower() in PEOPLE_NOUNS and root.head.i >= m.end:
                # "the Zambian people": the people of the country, civilians.
                end = self.parse[root.head.i].idx + len(root.head.text)
                span = self.parse.char_span(self.parse[m.start].idx, end, alignment_mode="expand")
                return self._actor(m.start, span.end, code, "CVL", None, why + f", its {root.head.text!r}")
            if self._is_event_noun(root.head):
                return self._actor(m.start, m.end, code, None, name, why + f", before event noun {root.head.text!r}")
            head = root.head
            if head.lemma_.lower() in PEER_NOUNS and head.i >= m.end:
                # "Chinese friends", "other European countries": the country or region as a whole.
                end = head.i + 1 if head.i == m.end else m.end
                return self._actor(m.start, end, code, None, name, why + f", its {head.text!r}")
            return None
        if root.pos_ in ("NOUN", "PROPN") or root.tag_ in ("NNS", "NNPS"):
            # "Bosnian Serbs", "Iraqi Kurds": the people of the modifier's country.
            outer = [self.at[c.i] for c in root.children if c.dep_ in ("amod", "compound") and c.i in self.at]
            if outer and outer[0].kind in ("demonym", "name"):
                self.consumed.add(outer[0].start)
                country = outer[0].entry.key
                return self._actor(outer[0].start, m.end, country, "CVL", None, why + f", people of {country}")
            if counts_people(root, self.at):
                return self._actor(m.start, m.end, code, "CVL", None, why + ", people counted: civilians")
            return self._actor(m.start, m.end, code, None, name, why + ", as a noun: the country")
        return None

    def _in_dateline(self, m: Match) -> bool:
        start = self.parse[m.start].idx
        if self.parse.text[:start].strip():
            return False
        return dateline_country(self.parse.text) is not None

    def _names_people(self, root: Any) -> bool:
        """Say whether a demonym names people ("ethnic Albanians", "ethnic Albanian civilians"), not a
        party or an army ("ethnic Hungarian political parties")."""
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "Macedonian and ethnic Albanian parties": the first conjunct's head
        if root.dep_ not in ("amod", "compound", "nmod"):
            return True
        head = root.head
        if head.lemma_.lower() in ORGANISED:
            return False
        return head.lemma_.lower() in PEOPLE_NOUNS or self.lex.agent_role(head.lemma_) in (None, "CVL")

    def _ethnic(self, m: Match) -> bool:
        return m.kind == "demonym" and m.start > 0 and self.parse[m.start - 1].lower_ in ETHNIC

    def _ethnic_actor(self, m: Match, root: Any, why: str, start: int) -> Actor | None:
        """Code "ethnic Albanians (in Serbia)": civilians of the country they live in, when it is named
        in their phrase; else role only, for the event coder to place from the sentence."""
        head = root.head if root.dep_ in ("amod", "compound") and root.head.i >= m.end else root
        end = head.i + 1
        country = None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from"):
                for tok in prep.subtree:
                    place = self.at.get(tok.i)
                    if place is not None and place.kind in ("name", "capital") and place.start not in self.consumed:
                        country = place.entry.key
                        break
            if country is not None:
                break
        where = f", living in {country}" if country else ", a people, country left to the sentence"
        return self._actor(start, end, country, "CVL", None, why + "; a people" + where)

    def _is_event_noun(self, tok: Any) -> bool:
        return tok.lemma_.lower() in self.lex.event_nouns or tok.lower_ in self.lex.event_nouns
