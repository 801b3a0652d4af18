"""The actors stage: find every actor mention in the parsed text and give it a CAMEO-style code.

How a mention is coded (the dictionaries are in newsevents/data/actors/, see lexicon.py):

1. Dictionary forms are matched over lower-cased tokens, longest first (matcher.py); proper names must be
   capitalised, acronyms must be in capitals, and nothing inside ``Document.removed`` counts.
2. Agent nouns ("troops", "Ministry of Foreign Affairs") are grouped when one modifies the next ("foreign
   ministry spokesman": the first gives the role) and joined to a person they title ("President Putin");
   an agent belonging to a person takes the person's country ("the Bush administration" -> USAGOV).
3. A country, demonym, capital or organisation inside the agent's noun phrase gives the country
   ("the Chinese Ministry of Foreign Affairs" -> CHNGOV, "China's army" -> CHNMIL, "NATO troops" -> IGOMIL);
   so does one after of/for/in/from ("the president of China" -> CHNGOV). A possessor wins over a nearer
   word ("Russia's UN ambassador" -> RUSGOV); "pro-Russian rebels" take no country; a demonym joined
   by "and" shares the role ("Hungarian and Romanian officials"). "former"/"ex-" make the role ELI.
   A title before a person not in people.tsv spans the name ("President Levy Mwanawasa": GOV + entity).
   A title with a country resolves to the one person holding that office on the publication date
   ("the Chinese president" in 2023 -> entity "Xi Jinping").
4. A bare agent with no country is kept (code = role, e.g. "COP") unless its own phrase names a coded actor
   ("the spokesman for the Chinese Ministry": lookup.actor_for_token maps "spokesman" to the ministry),
   and dropped when it only modifies a non-agent noun ("police station", "military exercises").
5. Country names are always the country (code "CHN", role None). Seats of power ("the Kremlin") are the
   government. Capitals act for the government ("Beijing offered" -> CHNGOV) unless they are a place:
   the object of in/at/near/... gives no actor, of to/from/into or "visit" gives the country alone.
6. Demonyms alone are actors only as nouns ("the Israelis" -> ISR) or when modifying an event noun
   ("Chinese proposals" -> CHN); "Russian oil" and "Chinese friends" are not actor mentions.
7. People are coded by the publication date (people.py): in office -> that office's role, after it -> ELI;
   undated articles take the person's latest office. Organisations carry their own code: media "USAMED",
   intergovernmental bodies country IGO ("IGO", the UN family "IGOUNO"), armed groups e.g. "PSEREB".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsevents.actors.lexicon import VERSION, Agent, Lexicon, load_lexicon
from newsevents.actors.matcher import ActorMatcher, Match
from newsevents.actors.people import PeopleIndex
from newsevents.config import Options
from newsevents.model import Actor, Document
from newsevents.nlp import load_model
from newsevents.registry import stage

LOCATIVE = frozenset("in at near inside outside around across throughout within on beside behind".split())
DIRECTIONAL = frozenset("to from into toward towards onto via through".split())
MOVEMENT = frozenset("visit arrive reach leave travel fly return enter tour depart head sail".split())
PHRASE_PREPS = frozenset("of for in from".split())  # "president of China", "rebels in Darfur"
SUBTREE_PREPS = frozenset("of for at from in with".split())
FORMER = frozenset({"former", "ex", "ex-"})
MODIFIER_KINDS = frozenset({"name", "demonym", "capital", "org", "seat"})
POSSESSIVE = frozenset({"'s", "’s", "'", "-", "–"})


@dataclass
class _Unit:
    """A phrase being built into one actor: an agent group, a person, or both ("President Putin")."""

    start: int
    end: int
    role: str | None = None
    office: str | None = None
    person: str | None = None
    led_by: str | None = None  # "the Bush administration": the person the agent belongs to
    modifier: Match | None = None


class ActorFinder:
    """The stage: holds the dictionaries and matcher, and codes one document at a time."""

    def __init__(self, options: Options) -> None:
        self.lex: Lexicon = load_lexicon()
        self.matcher = ActorMatcher(load_model(options.model), self.lex)
        self.people = PeopleIndex(self.lex)

    def __call__(self, doc: Document) -> Document:
        doc.actors = _DocumentCoder(self, doc).actors()
        doc.notes["actors.dictionary"] = VERSION
        return doc


class _DocumentCoder:
    """The actor coding of one document: its matches, and which of them larger phrases have used."""

    def __init__(self, finder: ActorFinder, doc: Document) -> None:
        self.lex, self.people, self.doc = finder.lex, finder.people, doc
        self.parse = doc.parse
        self.day = doc.published[:10] if doc.published else None
        self.matches = finder.matcher(self.parse, doc.is_removed)
        self.at: dict[int, Match] = {i: m for m in self.matches for i in range(m.start, m.end)}
        self.agent_tokens = {i for m in self.matches if m.kind == "agent" for i in range(m.start, m.end)}
        self.consumed: set[int] = set()  # start tokens of matches used inside a larger actor
        self.owner: dict[int, _Unit] = {}  # modifier start token -> the unit it modifies
        self.seen = self._named_in_full()

    def actors(self) -> list[Actor]:
        """Return the document's actor mentions, sorted by start."""
        found: list[Actor | None] = []
        for unit in self._units():
            self._attach_modifier(unit)
            found.append(self._unit_actor(unit))
        for m in self.matches:
            if m.start not in self.consumed and m.kind not in ("agent", "person"):
                found.append(self._standalone(m))
        return sorted((a for a in found if a is not None), key=lambda a: (a.start, a.end))

    # -- people and agent phrases --------------------------------------------------------------------
    def _named_in_full(self) -> set[str]:
        seen = set()
        for m in self.matches:
            if m.kind == "person" and " " in m.entry.form:
                names = self.people.candidates(m.entry.form)
                if len(names) == 1:
                    seen.add(names[0])
        return seen

    def _agent(self, m: Match) -> Agent:
        return self.lex.agents[int(m.entry.key)]

    def _is_agent_token(self, tok: Any) -> bool:
        return tok.i in self.agent_tokens or self.lex.agent_role(tok.lemma_) is not None

    def _units(self) -> list[_Unit]:
        """Group agent matches into phrases and join each title to the person it precedes."""
        units: list[_Unit] = []
        for m in self.matches:
            last = units[-1] if units else None
            if m.kind == "agent":
                prev = self.parse[last.start : last.end].root if last and last.person is None else None
                # "foreign ministry spokesman": the modifying agent gives the role, the head the office.
                modifies = prev is not None and m.start <= prev.head.i < m.end
                if last is not None and modifies and last.end == m.start:
                    last.end, last.office = m.end, self._agent(m).office or last.office
                    continue
                agent = self._agent(m)
                if last is not None and last.role is None and self._owned(last, m):
                    # "the Bush administration", "Putin's government": the person's country, the agent's role.
                    last.led_by, last.person, last.end, last.role = last.person, None, m.end, agent.role
                    continue
                units.append(_Unit(m.start, m.end, role=agent.role, office=agent.office))
            elif m.kind == "person":
                tok = self.parse[m.end - 1]
                head = tok.head
                # "Rice prices", "Harris County", "Trump Tower": a name modifying something other than a
                # person or an agent ("the Putin administration") does not mention the person.
                if tok.dep_ == "compound" and head.ent_type_ != "PERSON" and not self._is_agent_token(head):
                    continue
                name = self.people.resolve(
                    m.entry.form, seen=self.seen, day=self.day, looks_like_person=tok.ent_type_ == "PERSON"
                )
                if name is None:
                    continue
                if last is not None and last.person is None and last.end == m.start:
                    last.end, last.person = m.end, name  # "Russian President Vladimir Putin"
                else:
                    units.append(_Unit(m.start, m.end, person=name))
        return units

    def _owned(self, unit: _Unit, m: Match) -> bool:
        """Say whether the agent match ``m`` belongs to the person of ``unit`` just before it."""
        if unit.person is None or not all(t.text in POSSESSIVE for t in self.parse[unit.end : m.start]):
            return False
        return m.start <= self.parse[unit.end - 1].head.i < m.end

    def _attach_modifier(self, unit: _Unit) -> None:
        """Find the country, capital or organisation in the unit's noun phrase and widen the unit over it."""
        parse = self.parse
        root = parse[unit.start : unit.end].root
        left = min(root.left_edge.i, unit.start)
        if root.dep_ == "compound":
            left = min(left, root.head.left_edge.i)  # "Israeli army bulldozers": "Israeli" hangs on the head
        best: Match | None = None
        for m in self.matches:
            if m.kind not in MODIFIER_KINDS or m.start in self.consumed:
                continue
            if m.end > unit.start or m.start < left:
                continue
            last = parse[m.end - 1]
            tied = unit.start <= last.head.i < unit.end or root in last.ancestors
            if not (tied or all(t.text in POSSESSIVE for t in parse[m.end : unit.start])) or self._backed(m):
                continue
            # The possessor owns the agent ("Russia's UN ambassador" is Russian); else the nearest word.
            owns, best_owns = last.dep_ == "poss", best is not None and parse[best.end - 1].dep_ == "poss"
            if best is None or owns or (not best_owns and m.end > best.end):
                best = m
        if best is None and unit.person is None:
            best = self._right_modifier(root)
        # "a former Russian president", "Cuba's former leader": "former" anywhere before the title.
        before = parse[left : unit.start]
        if any(t.lower_ in FORMER for t in before) or parse[unit.start].lower_.startswith("ex-"):
            unit.role = "ELI"
        if best is not None:
            self.consumed.add(best.start)
            self.owner[best.start] = unit
            unit.modifier = best
            unit.start, unit.end = min(unit.start, best.start), max(unit.end, best.end)

    def _backed(self, m: Match) -> bool:
        """Say whether a country is only the backer: "pro-Russian rebels" are not Russian."""
        words = [t.lower_ for t in self.parse[max(m.start - 2, 0) : m.start]]
        return words[-2:] in (["pro", "-"], ["anti", "-"]) or (words[-1:] and words[-1] in ("pro-", "anti-"))

    def _right_modifier(self, root: Any) -> Match | None:
        for prep in root.children:
            if prep.dep_ != "prep" or prep.lower_ not in PHRASE_PREPS:
                continue
            for obj in prep.children:
                m = self.at.get(obj.i)
                if obj.dep_ == "pobj" and m and m.start not in self.consumed and m.kind in MODIFIER_KINDS:
                    return m
        return None

    def _country_of(self, m: Match) -> str | None:
        if m.kind == "org":
            return self.lex.organisations[int(m.entry.key)].country
        return m.entry.key

    def _unit_actor(self, unit: _Unit) -> Actor | None:
        mod = unit.modifier
        country = self._country_of(mod) if mod is not None else None
        role, entity = unit.role, None
        if unit.person is not None:
            entity = unit.person
            country, person_role = self.people.code(unit.person, self.day)
            # The title in the text beats the dictionary when the date cannot decide ("Senator Rubio").
            title_decides = unit.role is not None and (self.day is None or person_role is None)
            role = unit.role if unit.role == "ELI" or title_decides else person_role
        elif unit.led_by is not None:
            country = self.people.code(unit.led_by, None)[0]
        else:
            root = self.parse[unit.start : unit.end].root
            named = self._untitled_person(root, unit)
            if named is not None:
                entity = named  # "President Levy Mwanawasa": a title before a person we have no entry for
            elif mod is None and not self._stands_alone(root):
                return None
            org = None
            if mod is not None and mod.kind == "org":
                org = entity = self.lex.organisations[int(mod.entry.key)].name
            if unit.office and country and role == "GOV" and root.tag_ not in ("NNS", "NNPS"):
                holders = self.people.holders(country, unit.office, role, self.day, self.seen, org)
                if len(holders) == 1:
                    entity = holders[0]
        return self._actor(unit.start, unit.end, country, role, entity)

    def _untitled_person(self, root: Any, unit: _Unit) -> str | None:
        """Extend a title over the unknown person it precedes and return that person's name."""
        head = root.head
        if root.dep_ != "compound" or head.ent_type_ != "PERSON" or head.i < unit.end:
            return None
        ent = next((e for e in self.parse.ents if e.start <= head.i < e.end), None)
        if ent is None or ent.start > unit.end:
            return None
        name_start, end = max(ent.start, unit.end), ent.end
        while end > name_start + 1 and self.parse[end - 1].text in POSSESSIVE:
            end -= 1
        unit.end = end
        return self.parse[name_start:end].text

    def _stands_alone(self, root: Any) -> bool:
        """Say whether an agent with no country is an actor of its own (see rule 4 of the module doc)."""
        if root.dep_ in ("compound", "amod", "nmod") and not self._is_agent_token(root.head):
            return False
        for child in root.children:
            if child.dep_ == "appos" and child.i in self.at:
                return False
            if child.dep_ == "prep" and child.lower_ in SUBTREE_PREPS:
                if any(t.i in self.at and self.at[t.i].kind != "agent" for t in child.subtree):
                    return False
        return True

    # -- names, capitals, demonyms and organisations on their own ------------------------------------
    def _standalone(self, m: Match) -> Actor | None:
        root = self.parse[m.start : m.end].root
        code = m.entry.key
        if m.kind == "org":
            org = self.lex.organisations[int(code)]
            return self._actor(m.start, m.end, org.country, org.role, org.name)
        if root.dep_ == "conj" and root.head.i in self.at and self.at[root.head.i].start in self.owner:
            # Shared by a conjunction: "Hungarian and Romanian officials", "US and British activists".
            return self._actor(m.start, m.end, code, self.owner[self.at[root.head.i].start].role, None)
        if m.kind == "name":
            ent = next((e for e in self.parse.ents if e.start <= m.start < e.end), None)
            if ent is not None and ent.label_ == "PERSON" and (ent.start < m.start or ent.end > m.end):
                return None  # "Michael Jordan": part of a person's name
            return self._actor(m.start, m.end, code, None, None)
        if m.kind in ("capital", "seat"):
            use = self._place_use(root)
            if use == "locative" or (use == "modifier" and m.kind == "capital"):
                return None
            return self._actor(m.start, m.end, code, None if use == "directional" else "GOV", None)
        # A demonym: the modifier of an event noun ("Chinese proposals") or a noun ("the Israelis").
        if root.dep_ in ("amod", "compound", "nmod", "poss"):
            if self._is_event_noun(root.head):
                return self._actor(m.start, m.end, code, None, None)
            return None
        if root.pos_ in ("NOUN", "PROPN") or root.tag_ in ("NNS", "NNPS"):
            return self._actor(m.start, m.end, code, None, None)
        return None

    def _is_event_noun(self, tok: Any) -> bool:
        return tok.lemma_.lower() in self.lex.event_nouns or tok.lower_ in self.lex.event_nouns

    def _place_use(self, tok: Any) -> str:
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
        if tok.dep_ in ("compound", "amod", "nmod") and not self._is_agent_token(tok.head):
            if not self._is_event_noun(tok.head):
                return "modifier"
        return "actor"

    def _actor(
        self, start: int, end: int, country: str | None, role: str | None, entity: str | None
    ) -> Actor | None:
        code = (country or "") + (role or "")
        if not code:
            return None
        while end > start + 1 and self.parse[end - 1].is_space:
            end -= 1
        span = self.parse[start:end]
        first, last = span.start_char, span.end_char
        return Actor(self.doc.text[first:last], first, last, code, country, role, entity)


@stage("actors", version="newsevents.actors.v1", requires=("parse",), assigns=("actors",))
def make_actor_finder(options: Options) -> ActorFinder:
    """Find actor mentions and code them (country + role, entity) with the actor dictionaries."""
    return ActorFinder(options)
