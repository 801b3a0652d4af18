"""Find dictionary forms in a parsed text (countries, people, organisations, agents), longest first.

Matching ignores case (except for abbreviations, see ``_case_ok``), accents and the kind of apostrophe:
"XI JINPING", "Recep Tayyip Erdoğan" and "Xi Jinping’s" find the entries written "Xi Jinping",
"Recep Tayyip Erdogan" and "Xi Jinping's". A user's own entries (userdict.py) win over built-in ones.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsevents.actors.lexicon import Lexicon
from newsevents.actors.userdict import UserEntry

# When one stretch of text is several kinds of thing ("Saudi" is a name and a demonym), the first wins.
KIND_ORDER = ("user", "person", "org", "seat", "name", "capital", "demonym", "agent")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'"})


def fold(text: str) -> str:
    """Return the text without accents and with straight apostrophes ("Erdoğan’s" -> "Erdogan's")."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or text


@dataclass(frozen=True)
class Entry:
    """One dictionary form: what kind of thing it names and the key of that thing in the lexicon."""

    kind: str  # one of KIND_ORDER
    key: str  # country code, person name, organisation index or agent index
    form: str


@dataclass
class Match:
    """A token span of the parse that a dictionary form names."""

    start: int  # token index
    end: int  # token index, exclusive
    entry: Entry

    @property
    def kind(self) -> str:
        return self.entry.kind


# Capitalised titles after which a known person's name counts even written in lower case
# ("President obama" in a hastily typed text).
TITLES = frozenset(
    "President Premier Minister Chancellor King Queen Prince Emir Sheikh Senator Secretary General".split()
)


def _case_ok(form: str, text: str, kind: str) -> bool:
    """Say whether the text's capitalisation fits the form: proper names must look like proper names."""
    letters = [c for c in form if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        # Acronyms match only in capitals: "US" not "us", "WHO" not "who", "AP" not "ap".
        return [c for c in text if c.isalpha()] == letters
    if kind == "agent" or not form[:1].isupper():
        return True
    words, said = form.split(), text.split()
    if len(words) == len(said):
        # Every capitalised word of a name: "Russia Today" the channel, not "visited Russia today".
        return all(s[:1].isupper() for w, s in zip(words, said, strict=True) if w[:1].isupper())
    return text[:1].isupper()


def _agent_ok(span: Any) -> bool:
    """Say whether an agent form is used as an agent noun here."""
    if len(span) == 1 and span.root.pos_ not in ("NOUN", "PROPN"):
        return False  # "in general", "military exercises": an adjective is not an agent
    ent = next((e for e in span.doc.ents if e.start <= span.start < e.end), None)
    # "Union Carbide", "Bank Leumi": a word inside some other organisation's name is not that agent.
    return ent is None or ent.label_ != "ORG" or span.start <= ent.root.i < span.end


class ActorMatcher:
    """A spaCy PhraseMatcher over the lower-cased forms of every dictionary entry."""

    def __init__(self, nlp: Any, lexicon: Lexicon, user: Sequence[UserEntry] = ()) -> None:
        from spacy.matcher import PhraseMatcher

        self.user = tuple(user)
        self._entries: dict[str, list[Entry]] = defaultdict(list)
        for entry in self._entries_of(lexicon) + self._user_entries():
            self._entries[fold(entry.form).lower()].append(entry)
        for entries in self._entries.values():
            entries.sort(key=lambda e: KIND_ORDER.index(e.kind))
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for key, entries in self._entries.items():
            # Tokenizer exceptions are case-sensitive ("U.S." is one token, "u.s." two), so each form is
            # tokenised as written, and lower-cased too for text that writes it in lower case.
            variants = {key, *(fold(e.form) for e in entries)}
            self._matcher.add(key, [nlp.make_doc(v) for v in sorted(variants)])

    def _user_entries(self) -> list[Entry]:
        return [Entry("user", str(i), f) for i, row in enumerate(self.user) for f in row.forms]

    @staticmethod
    def _entries_of(lexicon: Lexicon) -> list[Entry]:
        out: list[Entry] = []
        for code, country in lexicon.countries.items():
            out += [Entry("name", code, f) for f in country.names]
            out += [Entry("demonym", code, f) for f in country.demonyms]
            out += [Entry("capital", code, f) for f in country.capitals]
            out += [Entry("seat", code, f) for f in country.seats]
        for name, person in lexicon.people.items():
            out += [Entry("person", name, f) for f in (name, *person.aliases)]
        for i, org in enumerate(lexicon.organisations):
            out += [Entry("org", str(i), f) for f in (org.name, *org.aliases)]
        for i, agent in enumerate(lexicon.agents):
            out += [Entry("agent", str(i), f) for f in agent.forms]
        return out

    def __call__(
        self, parse: Any, removed: Callable[[int, int], bool] | None = None, day: str | None = None
    ) -> list[Match]:
        """Return non-overlapping matches, longest first, skipping text the ``removed`` test rejects.

        User entries come first whatever their length, and only those covering ``day`` count.
        """
        candidates: list[Match] = []
        strings = parse.vocab.strings
        for match_id, start, end in self._matcher(_folded(parse)):
            span = parse[start:end]
            if removed is not None and removed(span.start_char, span.end_char):
                continue
            text = fold(span.text)
            for entry in self._entries[strings[match_id]]:
                if entry.kind == "agent" and not _agent_ok(span):
                    continue
                if entry.kind == "user" and not self.user[int(entry.key)].covers(day):
                    continue
                titled = entry.kind == "person" and start > 0 and parse[start - 1].text in TITLES
                if titled or _case_ok(fold(entry.form).removeprefix("the "), text.removeprefix("the "), entry.kind):
                    first = start
                    # "the West", "the Wall Street Journal": the article is no part of the name.
                    keeps_the = entry.kind == "org" and span[0].text == "The"
                    if span[0].lower_ == "the" and len(span) > 1 and not keeps_the:
                        first += 1
                    candidates.append(Match(first, end, entry))
                    break
        candidates.sort(key=lambda m: (m.kind != "user", m.start - m.end, m.start))
        taken = [False] * len(parse)
        chosen = []
        for m in candidates:
            if not any(taken[m.start : m.end]):
                for i in range(m.start, m.end):
                    taken[i] = True
                chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)


def _folded(parse: Any) -> Any:
    """Return the parse, or a copy of its tokens without accents and curly apostrophes (same indices)."""
    if parse.text.isascii():
        return parse
    from spacy.tokens import Doc

    words = [fold(t.text) for t in parse]
    return Doc(parse.vocab, words=words, spaces=[bool(t.whitespace_) for t in parse])
