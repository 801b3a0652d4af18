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
from newsevents.actors.userdict import UserEntry
from newsevents.model import Actor

ORG_KINDS = frozenset({"org", "user"})
# Nouns whose demonym names the country as a whole ("Chinese friends" are China, "Arab states" the region).
PEER_NOUNS = frozenset(
    "friend ally partner counterpart neighbour neighbor country nation state power side republic kingdom".split()
)


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
                "your dictionary, line " + str(self.user[int(code)].line)
                if m.kind == "user"
                else "organisations.tsv"
            )
            return self._actor(m.start, m.end, country, role, entity, f"{entity!r} in {source}")
        name = self.names.country(code)
        partner = (
            root.head if root.dep_ == "conj" else next((c for c in root.children if c.dep_ == "conj"), None)
        )
        shared = self.at.get(partner.i) if partner is not None else None
        if shared is not None and shared.start in self.owner:
            # Shared by a conjunction: "Hungarian and Romanian officials", "US and British activists".
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
            # "the Turkish and Greek sides": the second of two countries sharing the noun.
            return self._actor(m.start, m.end, code, None, name, why + f", one of the {first.head.text!r}")
        if root.dep_ in ("amod", "compound", "nmod", "poss"):
            if self._is_event_noun(root.head):
                return self._actor(
                    m.start, m.end, code, None, name, why + f", before event noun {root.head.text!r}"
                )
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
                return self._actor(
                    outer[0].start, m.end, country, "CVL", None, why + f", people of {country}"
                )
            if counts_people(root, self.at):
                return self._actor(m.start, m.end, code, "CVL", None, why + ", people counted: civilians")
            return self._actor(m.start, m.end, code, None, name, why + ", as a noun: the country")
        return None

    def _is_event_noun(self, tok: Any) -> bool:
        return tok.lemma_.lower() in self.lex.event_nouns or tok.lower_ in self.lex.event_nouns
