"""Resolve names and titles to office holders, and code a person by the article's publication date.

>>> from newsevents.actors.lexicon import load_lexicon
>>> people = PeopleIndex(load_lexicon())
>>> people.code("Barack Obama", "2014-06-01"), people.code("Barack Obama", "2023-03-17")
(('USA', 'GOV'), ('USA', 'ELI'))
"""

from __future__ import annotations

from collections import defaultdict

from newsevents.actors.lexicon import NON_STATE, Lexicon, Person, Spell


class PeopleIndex:
    """Look up office holders by name, alias, or country and title."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.people: dict[str, Person] = lexicon.people
        self._by_form: dict[str, list[str]] = defaultdict(list)
        for name, person in self.people.items():
            for form in (name, *person.aliases):
                if name not in self._by_form[form.lower()]:
                    self._by_form[form.lower()].append(name)

    def code(self, name: str, day: str | None) -> tuple[str | None, str | None]:
        """Return (country, role) of a person on ``day``.

        In office: the spell's country and role. After leaving every office: ELI (former elite) with
        the last national country. Before the first office: the country with no role. Undated
        articles code the person in their latest office, as news mostly names people while in office.
        """
        spells = self.people[name].spells
        if day is None:
            latest = spells[-1]
            return latest.country, latest.role
        covering = [s for s in spells if s.covers(day)]
        if covering:
            return covering[-1].country, covering[-1].role
        past = [s for s in spells if s.end is not None and s.end <= day]
        if past:
            national = [s for s in past if s.country not in NON_STATE] or past
            return max(national, key=lambda s: s.end or "").country, "ELI"
        return spells[0].country, None

    def in_office(self, name: str, day: str | None) -> bool:
        if day is None:
            return True
        return any(s.covers(day) for s in self.people[name].spells)

    def candidates(self, form: str) -> list[str]:
        return list(self._by_form.get(form.lower(), ()))

    def resolve(self, form: str, *, seen: set[str], day: str | None, looks_like_person: bool) -> str | None:
        """Return the person a name form refers to, or None when it is ambiguous or doubtful.

        Full names resolve directly. A short form ("Putin", "Bush") goes to the person already named
        in full in the article, else to the one candidate in office on the publication date, else to a
        unique candidate when the parser also sees a person there (so "Rice" the grain stays unresolved).
        """
        names = self.candidates(form)
        if not names:
            return None
        if len(names) == 1 and (form.lower() == names[0].lower() or " " in form.strip()):
            return names[0]
        mentioned = [n for n in names if n in seen]
        if len(mentioned) == 1:
            return mentioned[0]
        serving = [n for n in names if self.in_office(n, day)]
        if day is not None and len(serving) == 1:
            return serving[0]
        if len(names) == 1 and looks_like_person:
            return names[0]
        return None

    def holders(
        self, country: str, office: str, role: str, day: str | None, seen: set[str], org: str | None = None
    ) -> list[str]:
        """Return who held ``office`` for ``country`` (and ``org``) in ``role`` on ``day``; named first."""
        tag = f"org:{org.lower()}" if org else None

        def fits(spell: Spell) -> bool:
            if spell.country != country or spell.role != role or office not in spell.offices:
                return False
            if tag is not None and tag not in spell.offices:
                return False
            return day is None or spell.covers(day)

        found = [n for n, p in self.people.items() if any(fits(s) for s in p.spells)]
        named = [n for n in found if n in seen]
        if day is None:
            return named
        return named or found
