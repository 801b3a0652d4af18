"""The actors stage: find every actor mention in the parsed text and give it a CAMEO-style code.

How a mention is coded (dictionaries in newsevents/data/actors/, the full rules in docs/actors.md):

1. Dictionary forms are matched over lower-cased, accent-folded tokens, a user's own entries first, then
   longest first (matcher.py); proper names must be capitalised, acronyms in capitals; nothing inside
   ``Document.removed`` counts.
2. Agent nouns ("troops", "Ministry of Foreign Affairs") are grouped when one modifies the next ("foreign
   ministry spokesman": the first gives the role) and joined to a person they title ("President Putin");
   an agent belonging to a person takes the person's country ("the Bush administration" -> USAGOV).
3. A country, demonym, capital or organisation in the agent's noun phrase gives the country ("the Chinese
   Ministry of Foreign Affairs" -> CHNGOV, "NATO troops" -> IGOMIL), so does one after of/for/in/from
   ("the president of China", "opposition supporters in Tbilisi" -> GEOOPP; not troops "from" or
   peacekeepers "in" a place), and "its"/"their" the country named before ("Israel ... its forces").
   Else a province or city after of/in that the place gazetteer knows ("the government of Punjab
   province" -> PAKGOV; places.py). A possessor wins over a nearer word; "pro-Russian rebels" take no
   country; "former", "ousted" make ELI; an organisation's non-state role beats a generic title ("a
   Hamas spokesman" -> PSEREB); protesters against the government are OPP, not CVL. A title before a
   person not in people.tsv spans the name (entity) and takes the one country its sentence names; a
   title with a country resolves to the one holder of that office on the publication date ("the
   Chinese president" -> "Xi Jinping").
4. A bare agent with no country is kept (code = role, e.g. "COP") unless its own phrase names a coded
   actor ("the spokesman for the Chinese Ministry"), and dropped when it only modifies a non-agent noun.
5. Names, seats, capitals, demonyms and organisations on their own: see standalone.py ("ethnic Uzbeks in
   Kyrgyzstan" -> KGZCVL, "the Chilean people" -> CHLCVL; no actor for a dateline, a currency "US $",
   or a named bridge or street).
6. People are coded by the publication date (people.py): in office -> that office's role, after it -> ELI;
   undated articles take the person's latest office.
7. Every mention carries the entity it resolves to (entities.py), and coref.py links mentions within the
   article: unknown people named in apposition, surnames, "the two leaders" (two actors, one span).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsevents.actors.clues import against_government, antecedent, backed, looks_like_name, sentence_country
from newsevents.actors.coref import resolve_coreference
from newsevents.actors.entities import EntityNames
from newsevents.actors.lexicon import VERSION, Agent, Lexicon, load_lexicon
from newsevents.actors.matcher import ActorMatcher, Match
from newsevents.actors.people import PeopleIndex
from newsevents.actors.places import phrase_place, warm
from newsevents.actors.standalone import ORG_KINDS, StandaloneCoder
from newsevents.actors.userdict import UserEntry, load_user_dictionary
from newsevents.config import Options
from newsevents.model import Actor, Document
from newsevents.nlp import load_model
from newsevents.registry import stage

PHRASE_PREPS = frozenset("of for in from".split())  # "president of China", "rebels in Darfur"
SUBTREE_PREPS = frozenset("of for at from in with".split())
FORMER = frozenset({"former", "ex", "ex-"})
OUSTED = frozenset({"ousted", "deposed", "toppled", "overthrown"})  # of rulers only: "ousted president"
MODIFIER_KINDS = frozenset({"name", "demonym", "capital", "org", "seat", "user"})
# An organisation with one of these roles gives it to its generic titles: "a Hamas spokesman" is PSEREB.
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "UNO"})
USER_DICTIONARY = "actors_user_dictionary"  # the Options.extra key naming a user's dictionary file
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
    agent: Agent | None = None  # the head agent's dictionary row
    owner_pronoun: int | None = None  # "its forces": the token of the possessive pronoun
    root: int | None = None  # the head token of the agent phrase, before a modifier widened the span
    named: str | None = None  # the name a title precedes when people.tsv does not have it

    def foreign_preps(self) -> frozenset[str]:
        """Return the prepositions whose place is not the agent's own: troops "from" a place are leaving
        it, peacekeepers "in" a country are foreign to it."""
        if self.agent is not None and self.agent.forms[0] == "peacekeeper":
            return frozenset({"in", "from"})
        return frozenset({"from"}) if self.role == "MIL" else frozenset()


class ActorFinder:
    """The stage: holds the dictionaries and matcher, and codes one document at a time."""

    def __init__(self, options: Options) -> None:
        self.lex: Lexicon = load_lexicon()
        path = options.extra.get(USER_DICTIONARY)
        self.user: tuple[UserEntry, ...] = load_user_dictionary(path) if path else ()
        self.options_user = str(path) if path else None
        self.matcher = ActorMatcher(load_model(options.model), self.lex, self.user)
        self.people = PeopleIndex(self.lex)
        self.names = EntityNames(self.lex)
        warm()  # the place gazetteer loads with the stage, not inside the first document

    def __call__(self, doc: Document) -> Document:
        coder = _DocumentCoder(self, doc)
        doc.actors = resolve_coreference(doc, coder.actors(), coder.reasons, self.people, self.names)
        # A user's dictionary changes the coding: record which one, so a run can be reproduced.
        user = self.options_user
        doc.notes["actors.dictionary"] = f"{VERSION}+{user}" if user else VERSION
        doc.notes["actors.reasons"] = coder.reasons
        return doc


class _DocumentCoder(StandaloneCoder):
    """The actor coding of one document: its matches, and which of them larger phrases have used."""

    def __init__(self, finder: ActorFinder, doc: Document) -> None:
        self.lex, self.people, self.doc = finder.lex, finder.people, doc
        self.user, self.names = finder.user, finder.names
        self.parse = doc.parse
        self.day = doc.published[:10] if doc.published else None
        self.reasons: dict[tuple[int, int, str], str] = {}  # (start, end, code) -> why, for explain()
        self.matches = finder.matcher(self.parse, doc.is_removed, self.day)
        self.at: dict[int, Match] = {i: m for m in self.matches for i in range(m.start, m.end)}
        self.agent_tokens = {i for m in self.matches if m.kind == "agent" for i in range(m.start, m.end)}
        self.consumed: set[int] = set()  # start tokens of matches used inside a larger actor
        self.owner: dict[int, _Unit] = {}  # modifier start token -> the unit it modifies
        # "its forces": (actor, pronoun token, institution), fixed once all actors exist
        self.owned_by_pronoun: list[tuple[Actor, int, str | None]] = []
        self.untitled: list[Actor] = []  # titled people with no entry and, so far, no country
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
        actors = sorted((a for a in found if a is not None), key=lambda a: (a.start, a.end))
        for actor in self.untitled:
            # "President Levy Mwanawasa ... the Zambian people": the one country the sentence names, not
            # counting the country of another named person ("South African leader Thabo Mbeki").
            span = self.parse.char_span(actor.start, actor.end, alignment_mode="expand")
            taken = {start for start, unit in self.owner.items() if unit.person or unit.named}
            country = sentence_country(self.parse, [m for m in self.matches if m.start not in taken], span.root)
            self._recode(actor, country, None, "the only country its sentence names")
        for actor, pronoun, institution in self.owned_by_pronoun:
            whose = antecedent(self.parse, pronoun, actors)
            if whose is not None:  # "its forces": the country of the collective actor "its" refers to
                self._recode(actor, whose.country, institution, f"{whose.text!r}")
        return actors

    def _recode(self, actor: Actor, country: str | None, institution: str | None, why: str) -> None:
        """Give an actor coded without a country the country found for it after the fact."""
        if actor.country is not None or country is None:
            return
        reason = self.reasons.pop((actor.start, actor.end, actor.code), "")
        actor.country, actor.code = country, country + (actor.role or "")
        if actor.role in STATE_ROLES and actor.entity is None:
            actor.entity = self.names.institution(country, institution)
        self.reasons[(actor.start, actor.end, actor.code)] = f"{reason}; country {country}: {why}"

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
                    if last.role == "CVL":  # "Kurd refugees", "civilian advisers": the head says more
                        last.role, last.agent = self._agent(m).role, self._agent(m)
                    continue
                agent = self._agent(m)
                if last is not None and last.role is None and self._owned(last, m):
                    # "the Bush administration", "Putin's government": the person's country, the agent's role.
                    last.led_by, last.person, last.end, last.role = last.person, None, m.end, agent.role
                    last.agent = agent
                    continue
                units.append(_Unit(m.start, m.end, role=agent.role, office=agent.office, agent=agent))
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
                if last is not None and last.person is None and self._same_name(last.end, m.start):
                    last.end, last.person = m.end, name  # "Russian President Vladimir Putin"
                else:
                    units.append(_Unit(m.start, m.end, person=name))
        return units

    def _same_name(self, end: int, start: int) -> bool:
        """Say whether a title ending at ``end`` and a name starting at ``start`` are one phrase
        ("President Putin", and "President Francois Mitterand" with the first name between)."""
        between = self.parse[end:start]
        return all(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in between) and len(between) <= 2

    def _owned(self, unit: _Unit, m: Match) -> bool:
        """Say whether the agent match ``m`` belongs to the person of ``unit`` just before it."""
        if unit.person is None or not all(t.text in POSSESSIVE for t in self.parse[unit.end : m.start]):
            return False
        return m.start <= self.parse[unit.end - 1].head.i < m.end

    def _attach_modifier(self, unit: _Unit) -> None:
        """Find the country, capital or organisation in the unit's noun phrase and widen the unit over it."""
        parse = self.parse
        root = parse[unit.start : unit.end].root
        unit.root = root.i
        group = self._group_of(root) if unit.role == "GOV" and unit.agent and not unit.agent.institution else None
        if group is not None:
            unit.role = group  # "leaders of the opposition coalition", "a spokesman for the rebels"
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
            if not (tied or all(t.text in POSSESSIVE for t in parse[m.end : unit.start])) or backed(
                self.parse, m.start
            ):
                continue
            # The possessor owns the agent ("Russia's UN ambassador" is Russian); else the nearest word.
            owns, best_owns = last.dep_ == "poss", best is not None and parse[best.end - 1].dep_ == "poss"
            if best is None or owns or (not best_owns and m.end > best.end):
                best = m
        pronoun = next((c for c in root.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if best is None and unit.person is None and pronoun is not None:
            unit.owner_pronoun = pronoun.i  # "Chad has reinforced its troops in Niger": Chad's
        elif best is None and unit.person is None:
            best = self._right_modifier(root, unit)
        # "a former Russian president", "Cuba's former leader": "former" anywhere before the title.
        before = parse[left : unit.start]
        ousted = unit.role == "GOV" and any(t.lower_ in OUSTED for t in before)
        if ousted or any(t.lower_ in FORMER for t in before) or parse[unit.start].lower_.startswith("ex-"):
            unit.role = "ELI"
        if best is not None:
            self.consumed.add(best.start)
            self.owner[best.start] = unit
            unit.modifier = best
            unit.start, unit.end = min(unit.start, best.start), max(unit.end, best.end)

    def _group_of(self, root: Any) -> str | None:
        """Return the non-state role of the group a title belongs to ("leader of the opposition": OPP)."""
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                for tok in prep.subtree:
                    m = self.at.get(tok.i)
                    role = self._agent(m).role if m is not None and m.kind == "agent" else None
                    if role is not None and role not in STATE_ROLES and role != "CVL":
                        return role
        return None

    def _right_modifier(self, root: Any, unit: _Unit) -> Match | None:
        preps = list(root.children)
        if root.dep_ == "compound" and root.head.ent_type_ == "PERSON":
            preps += list(root.head.children)  # "King Hassan of Morocco": the title's name takes the phrase
        skip = unit.foreign_preps()
        for prep in preps:
            if prep.dep_ != "prep" or prep.lower_ not in PHRASE_PREPS or prep.lower_ in skip:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                # "residents of the Turkish Black Sea coast", "activists from the Labour Party": the
                # object itself, else a country or organisation word modifying it.
                words = [obj]
                if not self._is_agent_token(obj):  # "the Chinese Ministry" is an actor of its own
                    words += [c for c in obj.children if c.dep_ in ("compound", "amod", "nmod")]
                for word in words:
                    m = self.at.get(word.i)
                    if m and m.start not in self.consumed and m.kind in MODIFIER_KINDS:
                        return m
        return None

    def _country_of(self, m: Match) -> str | None:
        if m.kind in ORG_KINDS:
            return self._org(m)[0]
        return m.entry.key

    def _unit_actor(self, unit: _Unit) -> Actor | None:
        mod = unit.modifier
        country = self._country_of(mod) if mod is not None else None
        role, entity = unit.role, None
        head = self.parse[unit.start : unit.end].text if unit.agent is None else unit.agent.forms[0]
        why = f"agent {head!r} ({unit.role})"
        if mod is not None:
            why += f" + {mod.kind} {mod.entry.form!r} ({country})"
        if unit.person is not None:
            entity = unit.person
            country, person_role = self.people.code(unit.person, self.day)
            # The title in the text beats the dictionary when the date cannot decide ("Senator Rubio").
            title_decides = unit.role is not None and (self.day is None or person_role is None)
            role = unit.role if unit.role == "ELI" or title_decides else person_role
            when = f"on {self.day}" if self.day else "undated: latest office"
            why = f"person {unit.person!r} in people.tsv, {when}" + (" (title decides)" if title_decides else "")
        elif unit.led_by is not None:
            country = self.people.code(unit.led_by, None)[0]
            why += f" of person {unit.led_by!r} ({country})"
        else:
            root = self.parse[unit.root] if unit.root is not None else self.parse[unit.start : unit.end].root
            named = self._untitled_person(root, unit)
            if named is not None:
                entity = unit.named = named  # "President Levy Mwanawasa": a title before a person we lack
                why = (
                    f"title {head!r} ({unit.role}) before a name not in people.tsv"
                    + why[len(f"agent {head!r} ({unit.role})") :]
                )
            elif mod is None and unit.owner_pronoun is None and not self._stands_alone(root):
                return None
            org = None
            if mod is not None and mod.kind in ORG_KINDS:
                _, org_role, org = self._org(mod)
                entity = entity or org
                generic = unit.agent is None or unit.agent.institution != "government"
                if org_role and org_role not in STATE_ROLES and role == "GOV" and generic:
                    role = org_role  # "a Hamas spokesman", "the Taliban leader": the group's role
                    why += f"; the organisation's role {org_role} wins"
            if unit.office and country and role == "GOV" and named is None and root.tag_ not in ("NNS", "NNPS"):
                holders = self.people.holders(country, unit.office, role, self.day, self.seen, org)
                if len(holders) == 1:
                    entity = holders[0]
                    why += f"; the one {unit.office} on {self.day or 'record'} is {entity}"
            if country is None and unit.owner_pronoun is None and named is None:
                place = phrase_place(root, unit.foreign_preps())
                if place is not None:
                    country = place
                    why += f"; country {place}: the place in its phrase (gazetteer)"
            if role == "CVL" and against_government(self.parse, root, unit.end):
                role = "OPP"
                why += "; against the government: OPP"
            if entity is None and unit.agent is not None and role in STATE_ROLES:
                entity = self.names.institution(country, unit.agent.institution)
        if unit.owner_pronoun is not None:
            why += f"; country from the antecedent of {self.parse[unit.owner_pronoun].text!r}"
        actor = self._actor(unit.start, unit.end, country, role, entity, why)
        if actor is not None and country is None and unit.person is None and entity is not None:
            self.untitled.append(actor)  # its country may come from the sentence, once all is coded
        if actor is not None and unit.owner_pronoun is not None:
            institution = unit.agent.institution if unit.agent is not None else None
            self.owned_by_pronoun.append((actor, unit.owner_pronoun, institution))
        return actor

    def _untitled_person(self, root: Any, unit: _Unit) -> str | None:
        """Extend a title over the unknown person it precedes and return that person's name."""
        head, title_end = root.head, root.i + 1
        while title_end in self.agent_tokens:
            title_end += 1  # "Vice-President": the root may be the title's first word
        if root.dep_ != "compound" or head.i < title_end:
            return None
        ent = next((e for e in self.parse.ents if e.start <= head.i < e.end), None)
        if head.ent_type_ == "PERSON" and ent is not None and ent.start <= title_end:
            name_start, end = max(ent.start, title_end), ent.end
        elif unit.office and looks_like_name(self.parse[title_end : head.i + 1]):
            # "Vice-President Jomo Otieno": the tagger missed the person, the title says it is one.
            name_start, end = title_end, head.i + 1
        else:
            return None
        while end > name_start + 1 and self.parse[end - 1].text in POSSESSIVE:
            end -= 1
        unit.end = max(unit.end, end)
        return self.parse[name_start:end].text

    def _stands_alone(self, root: Any) -> bool:
        """Say whether an agent with no country is an actor of its own (see rule 4 of the module doc)."""
        if root.dep_ in ("compound", "amod", "nmod") and not self._is_agent_token(root.head):
            return False
        for child in root.children:
            if child.dep_ == "appos" and child.i in self.at:
                return False
            named = any(t.i in self.at and self.at[t.i].kind != "agent" for t in child.subtree)
            if child.dep_ == "prep" and child.lower_ in SUBTREE_PREPS and named:
                return False
        return True

    def _actor(
        self, start: int, end: int, country: str | None, role: str | None, entity: str | None, why: str
    ) -> Actor | None:
        code = (country or "") + (role or "")
        if not code:
            return None
        while end > start + 1 and self.parse[end - 1].is_space:
            end -= 1
        span = self.parse[start:end]
        first, last = span.start_char, span.end_char
        self.reasons[(first, last, code)] = why
        return Actor(self.doc.text[first:last], first, last, code, country, role, entity)


@stage("actors", version="newsevents.actors.v2", requires=("parse",), assigns=("actors",))
def make_actor_finder(options: Options) -> ActorFinder:
    """Find actor mentions and code them (country + role, entity) with the actor dictionaries."""
    return ActorFinder(options)
