"""Look up the actor a token or noun phrase names, with pronouns and "the two leaders" resolved.

Actors come from ``Document.actors`` (the actors stage). A token is linked to an actor whose span
covers it or a word of its noun phrase core ("the Chinese president", "the Kremlin statement",
"the spokesman for the Chinese Ministry"), trying the head first.
"""

from __future__ import annotations

import bisect
import functools
from collections import deque
from typing import Any

from newsevents.actors.lexicon import load_lexicon
from newsevents.actors.places import dateline as read_dateline
from newsevents.actors.places import demonym_country, place_country, token_place
from newsevents.coding.triggers import Token, conjuncts, prep_objects
from newsevents.model import Actor, Document

# Deps that stay inside a noun phrase's core when looking for the actor it names.
CORE_DEPS = ("compound", "amod", "poss", "nmod", "appos", "flat", "nummod", "npadvmod")

# Plural nouns that refer back to the last pair of coordinated actors ("the two leaders", "both sides").
GROUP_NOUNS = frozenset(
    {
        "leader",
        "side",
        "country",
        "nation",
        "president",
        "government",
        "head",
        "party",
        "state",
        "minister",
        "counterpart",
        "neighbour",
        "neighbor",
        "power",
    }
)


def is_pair_anaphor(tok: Token, strict: bool = True) -> bool:
    """Say whether a noun phrase refers to a pair named before ("the two leaders", "both countries").

    With ``strict`` off, a plain definite plural counts too ("the heads of state").
    """
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in GROUP_NOUNS:
        return False
    words = ("two", "both") if strict else ("two", "both", "the")
    return any(c.lower_ in words for c in tok.children if c.dep_ in ("nummod", "det", "predet"))


class ActorIndex:
    """Look up the actor a token belongs to, by character offsets."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.last_pair: list[Actor] = []  # the last two coordinated actors, for "the two leaders"
        self.code = ""  # the code and flags of the trigger whose arguments were read last
        self.flags: frozenset[str] | set[str] | tuple[str, ...] = frozenset()
        self.token: Token | None = None
        self.actors = sorted(doc.actors, key=lambda a: (a.start, a.end))
        self._starts = [a.start for a in self.actors]
        self._external = _external_lookup()
        # One-word forms coded somewhere in the document, for the same word where the actors stage
        # left it uncoded ("Chinese proposals" coded, "Chinese friends" not).
        self.by_form = {a.text.lower(): a for a in self.actors if " " not in a.text and a.country}
        # The countries the article names, to tell which Tripoli or Victoria a place is.
        self.countries = list(dict.fromkeys(a.country for a in self.actors if a.country and len(a.country) == 3))

    @functools.cached_property
    def dateline(self) -> tuple[int, str] | None:
        """Return (end offset, CAMEO country) of the story's dateline, read once per document."""
        return read_dateline(self.doc.text)

    def at(self, tok: Token) -> Actor | None:
        """Return the actor whose span covers the token, if any."""
        start, end = tok.idx, tok.idx + len(tok.text)
        i = bisect.bisect_right(self._starts, start)
        hits = [
            a
            for a in reversed(self.actors[max(0, i - 8) : i])
            if (a.start <= start and end <= a.end) or (a.start < end and start < a.end)
        ]
        if hits:
            inner = hits[0]
            if inner.country:
                return inner
            # A bare role nested in a coded phrase ("Hale" in "Irish Justice Minister Ann Hale") is that phrase.
            outer = (a for a in hits if a.country and a.start <= inner.start and inner.end <= a.end)
            return next(outer, inner)
        for actor in self.actors[i : i + 2]:
            if actor.start < end and start < actor.end:
                return actor
        return None

    def for_phrase(self, head: Token, event_noun: bool = False) -> Actor | None:
        """Return the actor a noun phrase names: the head's own, else the nearest in its core."""
        seen: set[int] = set()
        queue = deque([head])
        while queue:
            tok = queue.popleft()
            if tok.i in seen:
                continue
            seen.add(tok.i)
            actor = self.at(tok)
            if actor is not None:
                return actor
            same = self.by_form.get(tok.lower_)
            if same is not None and tok.dep_ in ("amod", "compound", "poss"):
                return Actor(
                    tok.text,
                    tok.idx,
                    tok.idx + len(tok.text),
                    same.code,
                    same.country,
                    same.role,
                    same.entity,
                )
            for child in tok.children:
                if child.dep_ in CORE_DEPS and not _patron(child):
                    queue.append(child)
                elif not event_noun and child.dep_ == "prep" and child.lower_ in ("of", "for") and tok.pos_ == "NOUN":
                    queue.extend(prep_objects(child))
        if self._external is not None and head.pos_ == "PRON":
            return self._external(self.doc, head)
        return None

    def weak(self, tok: Token) -> Actor | None:
        """Return a country-only actor for an uncoded phrase that still says whose it is: a demonym on an
        ordinary noun ("Iraqi towns", "German goods"), a place ("shelled Juba", "in Basra") or a place
        naming the occasion ("the Seoul Olympics")."""
        if tok.pos_ == "PRON" or self.at(tok) is not None:
            return None
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i:
                code = demonym_country(child.text)
                if code is not None:
                    return self._country_actor(child, child, code)
        for child in tok.children:
            # A place naming whose occasion it is ("the Seoul Olympics", "the Kabul conference").
            if child.dep_ == "compound" and child.i < tok.i and child.pos_ == "PROPN":
                code = place_country(child.text, self.countries)
                if code is not None:
                    return self._country_actor(child, child, code)
        for part in [tok, *(c for c in tok.children if c.dep_ == "appos")]:
            found = token_place(part, self.countries)
            if found is not None:
                return self._country_actor(found[0], part, found[1])
        return None

    def place(self, tok: Token) -> Actor | None:
        """Return a country-only actor for a proper place name, coded or not ("in Baghdad")."""
        found = token_place(tok, self.countries)
        return self._country_actor(found[0], tok, found[1]) if found is not None else None

    def _country_actor(self, first: Token, last: Token, code: str) -> Actor:
        start, end = first.idx, last.idx + len(last.text)
        return Actor(self.doc.text[start:end], start, end, code, code, None, self.country_name(code))

    @staticmethod
    def is_state(code: str | None) -> bool:
        """Say whether a country code is a state or territory, not a region ("the Mediterranean")."""
        country = load_lexicon().countries.get(code or "")
        return country is not None and country.iso3 is not None

    @staticmethod
    def is_region(code: str | None) -> bool:
        """Say whether a country code is a region of no one state ("MDT" the Mediterranean, "EUR")."""
        country = load_lexicon().countries.get(code or "")
        return country is not None and country.iso3 is None

    @staticmethod
    def country_name(code: str) -> str | None:
        """Return the common name of a CAMEO country code ("SDN" -> "Sudan")."""
        country = load_lexicon().countries.get(code)
        return country.name if country is not None else None

    def for_tokens(self, tokens: list[Token]) -> list[Actor]:
        out: list[Actor] = []
        for tok in tokens:
            if tok.pos_ == "PRON" and tok.lower_ in PRONOUNS and self.at(tok) is None:
                out.extend(a for a in self.for_tokens(antecedents(tok)) if a not in out)
                continue
            actor = self.for_phrase(tok)
            vague = actor is None or actor.country is None
            if self.last_pair and (is_pair_anaphor(tok) or (vague and is_pair_anaphor(tok, strict=False))):
                out.extend(a for a in self.last_pair if a not in out)
                continue
            shared = self._coordinated_modifiers(tok)
            if len(shared) >= 2:
                out.extend(a for a in shared if a not in out)
                continue
            if actor is not None and all(actor is not a for a in out):
                out.append(actor)
        return out

    def _coordinated_modifiers(self, head: Token) -> list[Actor]:
        """Return the actors of coordinated modifiers ("Hungarian and Romanian officials" -> both)."""
        found: list[Actor] = []
        mods = [m for m in head.children if m.dep_ in ("amod", "compound", "nmod")]
        if self.at(head) is None and head.pos_ == "NOUN":
            # "the ministers of Japan and India" -> both
            mods += [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        for mod in mods:
            if any(c.dep_ == "conj" for c in mod.children):
                for part in conjuncts(mod):
                    actor = self.at(part)
                    if actor is not None and actor.country and all(actor.country != a.country for a in found):
                        found.append(actor)
        return found


# Participles naming another actor a group is tied to ("an IS-linked group", "Iran-backed militias").
PATRON_PARTICIPLES = frozenset({"link", "back", "ally", "affiliate", "inspire", "sponsor", "fund", "arm", "support"})


def _patron(tok: Token) -> bool:
    """Say whether a modifier names a patron or ally of the phrase, not the phrase's own actor."""
    return tok.dep_ == "amod" and tok.tag_ == "VBN" and tok.lemma_.lower() in PATRON_PARTICIPLES


PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})


def antecedents(pron: Token) -> list[Token]:
    """Return the subject a pronoun in a reported clause refers to ("Iraq said it would comply" -> Iraq)."""
    cur = pron.head
    own = pron.head if pron.dep_ in ("dobj", "pobj", "dative") else None
    while own is not None and own.pos_ not in ("VERB", "AUX") and own.head.i != own.i:
        own = own.head
    for _ in range(6):
        if cur.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "pobj", "prep", "relcl") or cur.head.i == cur.i:
            return []
        cur = cur.head
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
        if subj and own is not None and cur.i == own.i:
            # "a rocket was launched at it": an object pronoun is not its own clause's subject.
            continue
        if subj:
            return [t for s in subj for t in conjuncts(s)]
    return []


def _external_lookup() -> Any:
    # The actors stage may offer coreference-aware lookup (pronouns); use it only where spans fail.
    try:
        from newsevents.actors.lookup import actor_for_token
    except ImportError:
        return None
    return actor_for_token
