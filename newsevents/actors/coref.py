"""Resolve actor mentions within one article: unknown people named once, and "the two leaders".

Rules, applied after the dictionary coding of stage.py (see docs/actors.md):

1. A person the dictionaries do not know takes the code of the actor phrase in apposition to the name:
   "Li Wenzhao, the spokesman for the Chinese Ministry of Foreign Affairs" -> "Li Wenzhao" CHNGOV,
   entity "Li Wenzhao" (either order: "the ministry's spokesman, Li Wenzhao,").
2. A person met that way, or through a title ("President Levy Mwanawasa"), is remembered for the rest of
   the article: the full name again, or its first or last word alone ("Li", "Wenzhao", "Mwanawasa"),
   is coded the same when nothing else claims the word.
3. A plural noun for a pair ("the two leaders", "both presidents", "the heads of state", "the two
   nations") refers to the last pair named before it, within three sentences: two actors joined by
   "and" ("Putin and Xi"), else the last two different people (or countries). One mention then
   carries two actors: two ``Actor`` objects over the same span, one per member, in the order the
   pair was named. For "nations", "countries" and "sides" the members are the people's countries.
4. ``doc.notes["actors.chains"]`` maps each entity to the spans that name it, so "Xi", "Xi Jinping" and
   "the Chinese president" (all entity "Xi Jinping") or "the Kremlin" and "the Russian presidency"
   (both "Russian presidency (Kremlin)") form one chain. Pronouns are resolved on demand by
   ``lookup.actor_for_token``, not listed as mentions.
"""

from __future__ import annotations

from typing import Any

from newsevents.actors.entities import EntityNames
from newsevents.actors.people import PeopleIndex
from newsevents.model import Actor, Document

PAIR_PEOPLE = frozenset({"leader", "president", "head", "minister", "premier", "counterpart"})
PAIR_COUNTRIES = frozenset({"country", "nation", "side", "government", "neighbour", "neighbor", "power"})
SENTENCES_BACK = 3
Reasons = dict[tuple[int, int, str], str]


def resolve_coreference(
    doc: Document, actors: list[Actor], reasons: Reasons, people: PeopleIndex, names: EntityNames
) -> list[Actor]:
    """Return the actors with appositive names, their later mentions and pair anaphors added."""
    if doc.parse is None or not doc.parse.has_annotation("DEP"):
        return actors
    resolver = _Resolver(doc, actors, reasons, people, names)
    resolver.appositions()
    resolver.comma_titles()
    resolver.later_mentions()
    resolver.pairs()
    out = sorted(resolver.actors, key=lambda a: (a.start, a.end))
    chains: dict[str, list[tuple[int, int]]] = {}
    for actor in out:
        if actor.entity:
            chains.setdefault(actor.entity, []).append((actor.start, actor.end))
    doc.notes["actors.chains"] = chains
    doc.notes["actors.people"] = sorted(resolver.local)
    return out


class _Resolver:
    def __init__(
        self, doc: Document, actors: list[Actor], reasons: Reasons, people: PeopleIndex, names: EntityNames
    ) -> None:
        self.doc, self.parse, self.actors, self.reasons = doc, doc.parse, list(actors), reasons
        self.people, self.names = people, names
        # Names of people the dictionaries do not know, met in this article: name -> first mention.
        self.local: dict[str, Actor] = {}
        for actor in actors:
            if actor.entity and self._untitled(actor):
                self.local.setdefault(actor.entity, actor)

    def _untitled(self, actor: Actor) -> bool:
        why = self.reasons.get((actor.start, actor.end, actor.code), "")
        return why.startswith("title ")

    def _covering(self, tok: Any) -> Actor | None:
        return next((a for a in self.actors if a.start <= tok.idx < a.end), None)

    def _add(self, start: int, end: int, model: Actor, entity: str | None, why: str) -> Actor:
        text = self.doc.text[start:end]
        actor = Actor(text, start, end, model.code, model.country, model.role, entity)
        self.actors.append(actor)
        self.reasons[(start, end, actor.code)] = why
        return actor

    # -- 1. "Li Wenzhao, the spokesman for the Chinese Ministry of Foreign Affairs" ---------------------
    def appositions(self) -> None:
        for ent in self.parse.ents:
            if ent.label_ != "PERSON" or self.doc.is_removed(ent.start_char, ent.end_char):
                continue
            overlap = [a for a in self.actors if a.start < ent.end_char and ent.start_char < a.end]
            if any(a.country for a in overlap):
                continue
            head = ent.root
            partners = [c for c in head.children if c.dep_ == "appos"]
            if head.dep_ == "appos":
                partners.append(head.head)
            for partner in partners:
                found = self._phrase_actor(partner)
                if found is None or self._is_person(found):
                    continue
                if overlap:
                    # "Qatar's emir, Sheikh Hamad ...": a title gave the name a role only; the phrase in
                    # apposition gives the country.
                    if found.country:
                        for actor in overlap:
                            actor.country, actor.code = found.country, found.country + (actor.role or "")
                    break
                end = ent.end
                while end > ent.start + 1 and self.parse[end - 1].text in ("'s", "’s", "'"):
                    end -= 1
                span = self.parse[ent.start : end]
                why = f"a name in apposition to {found.text!r} ({found.code})"
                self.local.setdefault(span.text, self._add(span.start_char, span.end_char, found, span.text, why))
                break

    def comma_titles(self) -> None:
        """Give a titled name with no country the country of the role phrase beside it, comma between
        ("Qatar's emir, Sheikh Hamad ..." when the parser found no apposition)."""
        ordered = sorted(self.actors, key=lambda a: (a.start, a.end))
        for i, actor in enumerate(ordered):
            if actor.country or not actor.role or not actor.entity:
                continue
            beside = [
                b
                for b in (ordered[i - 1] if i else None, ordered[i + 1] if i + 1 < len(ordered) else None)
                if b is not None
            ]
            for other in beside:
                gap = self.doc.text[min(actor.end, other.end) : max(actor.start, other.start)]
                if gap.strip() == "," and other.country and other.role == actor.role and not other.entity:
                    actor.country, actor.code = other.country, other.country + actor.role
                    key = next((k for k in self.reasons if k[:2] == (actor.start, actor.end)), None)
                    if key is not None:
                        self.reasons[(actor.start, actor.end, actor.code)] = (
                            self.reasons.pop(key) + f"; country from {other.text!r} beside it"
                        )
                    break

    def _phrase_actor(self, tok: Any) -> Actor | None:
        """Return the actor covering ``tok`` or, breadth first, one inside its noun phrase."""
        queue = [tok]
        while queue:
            cur = queue.pop(0)
            found = self._covering(cur)
            if found is not None:
                return found
            for child in cur.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod"):
                    queue.append(child)
                elif child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "from", "with", "in"):
                    queue.extend(c for c in child.children if c.dep_ == "pobj")
        return None

    def _is_person(self, actor: Actor) -> bool:
        return actor.entity is not None and (actor.entity in self.people.people or actor.entity in self.local)

    # -- 2. later mentions of those names -------------------------------------------------------------
    def later_mentions(self) -> None:
        forms: dict[str, Actor] = {}
        for name, first in self.local.items():
            words = name.split()
            forms.setdefault(name, first)
            if len(words) > 1:
                for word in (words[0], words[-1]):
                    if len(word) > 1 and word[:1].isupper():
                        forms.setdefault(word, first)
        if not forms:
            return
        longest = sorted(forms, key=lambda f: -len(f.split()))
        # A surname the dictionary gave to someone never named in full here yields to the person
        # this article introduced ("Li" after "Li Wenzhao, the spokesman ..." is not Li Qiang).
        in_full = {a.entity for a in self.actors if a.entity and " " in a.text}
        for actor in list(self.actors):
            if actor.text in forms and actor.entity in self.people.people and actor.entity not in in_full:
                self.actors.remove(actor)
        taken = {i for a in self.actors for i in range(a.start, a.end)}
        for tok in self.parse:
            if tok.idx in taken or tok.pos_ != "PROPN" or self.doc.is_removed(tok.idx, tok.idx + len(tok)):
                continue
            for form in longest:
                n = len(form.split())
                span = self.parse[tok.i : tok.i + n]
                if span.text != form or any(i in taken for i in range(span.start_char, span.end_char)):
                    continue
                if n == 1 and self._inside_other_name(tok, forms[form].entity or ""):
                    continue
                first = forms[form]
                why = f"{form!r} names {first.entity!r}, met earlier in the article as {first.text!r}"
                self._add(span.start_char, span.end_char, first, first.entity, why)
                taken.update(range(span.start_char, span.end_char))
                break

    def _inside_other_name(self, tok: Any, name: str) -> bool:
        """Say whether the word is part of another person's full name ("Wang" in "Wang Yi")."""
        ent = next((e for e in self.parse.ents if e.start <= tok.i < e.end), None)
        return ent is not None and ent.label_ == "PERSON" and len(ent) > 1 and ent.text not in name

    # -- 3. "the two leaders" --------------------------------------------------------------------------
    def pairs(self) -> None:
        for tok in self.parse:
            kind = self._pair_kind(tok)
            if kind is None or self.doc.is_removed(tok.idx, tok.idx + len(tok)):
                continue
            own = self._covering(tok)
            if own is not None and own.country is not None:
                continue  # "the Chinese head of state" is one person, coded already
            pair = self._antecedent_pair(tok, kind)
            if len(pair) != 2:
                continue
            start_tok = min([tok, *(c for c in tok.children if self._pair_word(c))], key=lambda t: t.i)
            start = start_tok.idx
            end = own.end if own is not None else tok.idx + len(tok)
            if own is not None:
                self.actors.remove(own)
            named = " and ".join(a.text for a in pair)
            for member in pair:
                if kind == "countries":
                    model = Actor(member.text, 0, 0, member.country or "", member.country, None, None)
                    entity = self.names.country(member.country)
                else:
                    model, entity = member, member.entity
                self._add(start, end, model, entity, f"a pair noun: {named!r}, named before it")

    @staticmethod
    def _pair_word(tok: Any) -> bool:
        return tok.dep_ in ("nummod", "det", "predet") and tok.lower_ in ("two", "both")

    def _pair_kind(self, tok: Any) -> str | None:
        if tok.tag_ != "NNS":
            return None
        lemma = tok.lemma_.lower()
        kind = "people" if lemma in PAIR_PEOPLE else "countries" if lemma in PAIR_COUNTRIES else None
        if kind is None:
            return None
        if any(self._pair_word(c) for c in tok.children):
            return kind
        # "the heads of state", "the leaders": definite, with nothing saying whose.
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        bare = not any(
            c.dep_ in ("poss", "amod", "compound") or (c.dep_ == "prep" and c.lower_ != "of") for c in tok.children
        )
        if definite and bare and lemma in ("leader", "head"):
            return kind
        return None

    def _antecedent_pair(self, tok: Any, kind: str) -> list[Actor]:
        """Return the last two actors named together before ``tok``, else the last two different ones."""
        first = tok.sent.start
        for _ in range(SENTENCES_BACK - 1):
            if first > 0:
                first = self.parse[first - 1].sent.start
        lower = self.parse[first].idx
        before = [a for a in sorted(self.actors, key=lambda a: a.start) if lower <= a.start and a.end <= tok.idx]
        if kind == "people":
            usable = [a for a in before if self._is_person(a)]
        else:
            usable = [a for a in before if a.country and a.country not in ("IGO", "NGO")]
        for second in reversed(usable):
            root = self.parse.char_span(second.start, second.end, alignment_mode="expand")
            if root is None or root.root.dep_ != "conj":
                continue
            head = root.root.head
            partner = next((a for a in usable if a.start <= head.idx < a.end), None)
            if partner is not None and self._key(partner, kind) != self._key(second, kind):
                return [partner, second]
        distinct: list[Actor] = []
        for actor in reversed(usable):
            if all(self._key(actor, kind) != self._key(d, kind) for d in distinct):
                distinct.insert(0, actor)
            if len(distinct) == 2:
                return distinct
        return []

    @staticmethod
    def _key(actor: Actor, kind: str) -> str | None:
        return actor.entity if kind == "people" else actor.country
