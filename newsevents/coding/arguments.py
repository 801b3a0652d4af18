"""Find the source and target actors of a trigger from its dependency arguments.

Actors come from ``Document.actors`` (the actors stage). A token is linked to an actor whose span
covers it or a word of its noun phrase core ("the Chinese president", "the Kremlin statement",
"the spokesman for the Chinese Ministry"), trying the head first.
"""

from __future__ import annotations

import bisect
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from newsevents.coding.triggers import Match, Token, conjuncts, direct_objects, prep_objects, preps
from newsevents.model import Actor, Document

# Deps that stay inside a noun phrase's core when looking for the actor it names.
CORE_DEPS = ("compound", "amod", "poss", "nmod", "appos", "flat", "nummod", "npadvmod")
# Prepositions that introduce the target of an event, in order of preference.
TARGET_PREPS = ("with", "to", "against", "on", "into", "between", "toward", "towards")
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Prepositions inside an object noun that name who it concerns ("doubts about China's neutrality").
ABOUT_PREPS = TARGET_PREPS + ("of", "about", "over", "in", "by")
# Nominal events whose "of" phrase is their agent ("the visit of X") rather than their patient.
AGENTIVE_OF_ROOTS = ("01", "02", "03", "04", "05", "14")
# Verbs a nominal event hangs on when its agent is the verb's subject ("Xi will be in Russia for a visit").
SUPPORT_VERBS = frozenset(
    "be come arrive travel go leave head fly begin "
    "start make pay hold undertake conduct continue launch stage".split()
)


@dataclass
class Arguments:
    """Source and target actors of one trigger (several when coordinated)."""

    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)


# Plural nouns that refer back to the last pair of coordinated actors ("the two leaders", "both sides").
GROUP_NOUNS = frozenset(
    "leader side country nation president government head "
    "party state minister counterpart neighbour neighbor power".split()
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
        self.actors = sorted(doc.actors, key=lambda a: (a.start, a.end))
        self._starts = [a.start for a in self.actors]
        self._external = _external_lookup()
        # One-word forms coded somewhere in the document, for the same word where the actors stage
        # left it uncoded ("Chinese proposals" coded, "Chinese friends" not).
        self.by_form = {a.text.lower(): a for a in self.actors if " " not in a.text and a.country}

    def at(self, tok: Token) -> Actor | None:
        """Return the actor whose span covers the token, if any."""
        start, end = tok.idx, tok.idx + len(tok.text)
        i = bisect.bisect_right(self._starts, start)
        for actor in reversed(self.actors[max(0, i - 8) : i]):
            if actor.start <= start and end <= actor.end or actor.start < end and start < actor.end:
                return actor
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
                if child.dep_ in CORE_DEPS:
                    queue.append(child)
                elif (
                    not event_noun
                    and child.dep_ == "prep"
                    and child.lower_ in ("of", "for")
                    and tok.pos_ == "NOUN"
                ):
                    queue.extend(prep_objects(child))
        if self._external is not None and head.pos_ == "PRON":
            return self._external(self.doc, head)
        return None

    def for_tokens(self, tokens: list[Token]) -> list[Actor]:
        out: list[Actor] = []
        for tok in tokens:
            if tok.pos_ == "PRON" and tok.lower_ in PRONOUNS and self.at(tok) is None:
                out.extend(a for a in self.for_tokens(antecedents(tok)) if a not in out)
                continue
            actor = self.for_phrase(tok)
            vague = actor is None or actor.country is None
            if self.last_pair and (is_pair_anaphor(tok) or vague and is_pair_anaphor(tok, strict=False)):
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
        for mod in head.children:
            if mod.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in mod.children):
                for part in conjuncts(mod):
                    actor = self.at(part)
                    if actor is not None and actor.country and all(actor.country != a.country for a in found):
                        found.append(actor)
        return found


PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})


def antecedents(pron: Token) -> list[Token]:
    """Return the subject a pronoun in a reported clause refers to ("Iraq said it would comply" -> Iraq)."""
    cur = pron.head
    for _ in range(6):
        if (
            cur.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "pobj", "prep", "relcl")
            or cur.head.i == cur.i
        ):
            return []
        cur = cur.head
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
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


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Return the grammatical subjects of a verb, inherited through control, coordination and relatives."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if own:
        return [t for s in own for t in conjuncts(s)]
    head = verb.head
    if depth > 6 or head.i == verb.i:
        return []
    depth += 1
    if verb.dep_ == "acomp" or verb.pos_ == "ADJ":
        return subjects(head, depth)
    if verb.dep_ == "xcomp":
        # Object control ("urged Iran to release"): the object is the subject of the infinitive.
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if objs:
            return [t for o in objs for t in conjuncts(o)]
        # "Obama is scheduled to attend": raising verbs in the passive hand on their subject.
        return subjects(head, depth) or [
            t for c in head.children if c.dep_ == "nsubjpass" for t in conjuncts(c)
        ]
    if verb.dep_ == "conj":
        return subjects(head, depth)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        return subjects(head, depth)  # "..., adding that": the participle shares its clause's subject
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in verb.children):
        return [head]
    if verb.dep_ in ("acl", "advcl") and head.pos_ == "NOUN":
        return [c for c in head.children if c.dep_ == "poss"]
    return []


def passive_subjects(verb: Token) -> list[Token]:
    own = [t for c in verb.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
    if own:
        return own
    if any(c.dep_ == "auxpass" for c in verb.children):
        # "after being invited by Putin": the invitee is the subject of the clause it modifies.
        anchor = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if verb.dep_ in ("advcl", "pcomp", "xcomp", "conj") and anchor.i != verb.i:
            return subjects(anchor) or passive_subjects(anchor)
    return []


def _agents(verb: Token) -> list[Token]:
    return [o for p in verb.children if p.dep_ == "agent" for o in prep_objects(p)]


def _noun_objects(index: ActorIndex, noun: Token) -> list[Actor]:
    """Actors inside a non-actor object ("an understanding between Saudi Arabia and Iran")."""
    for prep in preps(noun, ABOUT_PREPS):
        found = index.for_tokens(prep_objects(prep))
        if found:
            return found
    return []


def verb_arguments(index: ActorIndex, match: Match) -> Arguments:
    """Return source and target actors of a verbal trigger (or a frame around an embedded event)."""
    verb = match.token
    args = Arguments()
    if any(c.dep_ == "auxpass" for c in verb.children) or any(c.dep_ == "nsubjpass" for c in verb.children):
        args.sources = index.for_tokens(_agents(verb))
        args.targets = index.for_tokens(passive_subjects(verb))
    else:
        args.sources = index.for_tokens(subjects(verb))
        args.targets = _targets(index, verb, _lemma_preps(match))
    if match.frame_via in ("ccomp", "oxcomp") and not args.targets:
        # "demanded that Sudan end curbs", "said Iraq must comply": the clause's subject is the target.
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
        found = index.for_tokens([s for c in clauses for s in subjects(c)])
        args.targets = found or args.targets
    if match.embedded is not None and not args.targets:
        inner = match.embedded
        if inner.pos_ == "VERB":
            args.targets = _targets(index, inner, frozenset())
        else:
            args.targets = noun_arguments(index, inner, match.code, outer=False).targets
    if not args.targets and match.code[:2] in VIOLENT_ROOTS:
        # "struck targets in Gaza": for violence, the place attacked stands for the target.
        args.targets = index.for_tokens([o for p in preps(verb, ("in", "inside")) for o in prep_objects(p)])
    if "rev" in match.flags:
        args.sources, args.targets = args.targets, args.sources
    return args


def _lemma_preps(match: Match) -> frozenset[str]:
    """Return the prepositions the trigger's patterns name ("fire at", "fire on"), which introduce targets."""
    if match.pattern is None:
        return frozenset()
    from newsevents.coding.lexicon import lexicon

    found = [p.prep for p in lexicon().patterns(match.pattern.kind, match.pattern.lemma)]
    return frozenset().union(match.pattern.prep, *found)


def _targets(index: ActorIndex, verb: Token, pattern_preps: frozenset[str]) -> list[Actor]:
    # The pattern's own preposition first ("arrive in", "mediate between"), then objects, then the rest.
    own = preps(verb, pattern_preps) or [q for o in direct_objects(verb) for q in preps(o, pattern_preps)]
    for prep in own:
        found = index.for_tokens(prep_objects(prep))
        if found:
            return found
    objs = [o for o in direct_objects(verb) if o.dep_ != "nsubjpass"]
    found = index.for_tokens(objs)
    if found:
        return found
    for prep in preps(verb, TARGET_PREPS):
        found = index.for_tokens(prep_objects(prep))
        if found:
            return found
    for obj in objs:
        found = _noun_objects(index, obj)
        if found:
            return found
    return []


def noun_arguments(index: ActorIndex, noun: Token, code: str, outer: bool = True) -> Arguments:
    """Return source and target actors of a nominal trigger ("Xi's trip to Moscow", "invasion of Ukraine")."""
    args = Arguments()
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head  # "a hunger strike", "a mediation mission": the phrase head carries the arguments
    agentive_of = code[:2] in AGENTIVE_OF_ROOTS
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and not args.sources:
            actor = index.for_phrase(child)
            if actor is not None:
                args.sources = [actor]
    for prep in preps(noun):
        lemma = prep.lower_
        objs = prep_objects(prep)
        if lemma == "by" and not args.sources:
            args.sources = index.for_tokens(objs)
        elif lemma == "of":
            found = index.for_tokens(objs)
            if agentive_of and not args.sources:
                args.sources = found
            elif not args.targets:
                args.targets = found
        elif lemma == "between":
            found = index.for_tokens(objs)
            if code[:3] == "045" or args.sources:
                args.targets = args.targets or found
            elif len(found) >= 2:
                args.sources, args.targets = found[:1], found[1:]
        elif (lemma in TARGET_PREPS or not outer and lemma == "in") and not args.targets:
            # Inside a frame, "in X" names who the embedded event concerns ("a ceasefire in Ukraine").
            args.targets = index.for_tokens(objs)
    if outer and not args.sources and noun.dep_ in ("pobj", "dobj"):
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if verb.lemma_.lower() in SUPPORT_VERBS:
            args.sources = index.for_tokens(subjects(verb))
            if not args.targets:
                found = _targets(index, verb, frozenset({"in", "to"}))
                args.targets = [a for a in found if a not in args.sources]
    return args


def arguments(index: ActorIndex, match: Match) -> Arguments:
    """Return the arguments of any match, dropping a target identical to the source."""
    if match.kind == "noun":
        args = noun_arguments(index, match.token, match.code)
    else:
        args = verb_arguments(index, match)
    if len(args.sources) >= 2:
        index.last_pair = args.sources[:2]
    # An actor acting on itself is nearly always a parse slip ("met ... on the president's trip").
    src_codes = {a.code for a in args.sources}
    args.targets = [t for t in args.targets if t.code not in src_codes]
    return args
