"""Name the entity an actor mention resolves to, so that every way of naming one actor gets one name.

People keep their full name from people.tsv ("Xi" -> "Xi Jinping"), organisations their canonical
name ("U.N." -> "United Nations"). State bodies are named from the country and the body:

- a seat of power and "the <demonym> presidency" -> the country's ``executive`` from countries.tsv
  ("the Kremlin", "the Russian presidency" -> "Russian presidency (Kremlin)"), else "<Country> presidency";
- a capital acting for its government -> "Government of <Country>" ("Beijing offered");
- an agent noun with an ``institution`` in agents.tsv -> "<Institution> of <Country>" ("the Chinese
  authorities" -> "Government of China", "Venezuelan police" -> "Police of Venezuela");
- a country named or meant as a whole -> its common name ("Ukraine", "the Ukrainians" -> "Ukraine").

Groups that are no single body ("Iranian protesters", "rebels") keep entity None.

>>> from newsevents.actors.lexicon import load_lexicon
>>> names = EntityNames(load_lexicon())
>>> names.seat("RUS"), names.institution("VEN", "police"), names.country("UKR")
('Russian presidency (Kremlin)', 'Police of Venezuela', 'Ukraine')
"""

from __future__ import annotations

from newsevents.actors.lexicon import Lexicon


class EntityNames:
    """Canonical entity names for countries and their state bodies."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.countries = lexicon.countries

    def country(self, code: str | None) -> str | None:
        """Return the common name of a country code, None for non-state codes (IGO, NGO...)."""
        country = self.countries.get(code or "")
        return country.name if country is not None else None

    def seat(self, code: str) -> str | None:
        """Return the entity of a country's seat of power (its executive)."""
        country = self.countries.get(code)
        if country is None:
            return None
        return country.executive or f"{country.name} presidency"

    def government(self, code: str) -> str | None:
        country = self.countries.get(code)
        return f"Government of {country.name}" if country is not None else None

    def institution(self, code: str | None, institution: str | None) -> str | None:
        """Return "<Institution> of <Country>", or the executive for the presidency."""
        country = self.countries.get(code or "")
        if country is None or not institution:
            return None
        if institution == "presidency":
            return self.seat(country.code)
        return f"{institution[:1].upper()}{institution[1:]} of {country.name}"
