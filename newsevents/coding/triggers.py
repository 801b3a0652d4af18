"""Find event triggers in a parsed sentence: verb and noun patterns, and frames that embed another event.

A :class:`Match` says which token triggers which CAMEO code and which tokens carry its arguments
(for a frame such as "offered to mediate", the frame verb carries the source and the embedded verb
may carry the target). Matching is done on lemmas and dependency relations only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsevents.coding.lexicon import Lexicon, Pattern

Token = Any  # spacy.tokens.Token

OBJECT_DEPS = ("dobj", "attr", "oprd", "nsubjpass", "dative")
PREP_DEPS = ("prep", "prt", "agent", "dative")
EVENT_VERB_POS = ("VERB",)
MUST = frozenset({"must", "should"})
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})
SELF_PRONOUNS = frozenset({"it", "they", "we", "i", "he", "she"})
ATTEMPTED = {"186": "185"}  # assassinate -> attempt to assassinate
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
ENDING_NOUNS = frozenset({"end", "halt", "stop", "cessation", "de-escalation"})
DEESCALATE = "087"
EVENT_NOUN_POS = ("NOUN", "PROPN")


@dataclass
class Match:
    """One trigger: the token, its CAMEO code, and the tokens whose arguments give source and target."""

    token: Token
    code: str
    pattern: Pattern | None
    kind: str  # verb | noun
    frame: str | None = None  # frame class when the code was composed ("intent", "appeal", ...)
    embedded: Token | None = None  # the embedded trigger of a frame
    frame_via: str | None = None  # how the embedded event hangs on the frame word
    consumed: set[int] = field(default_factory=set)  # token indices that must not trigger again

    @property
    def flags(self) -> frozenset[str]:
        return self.pattern.flags if self.pattern else frozenset()


def conjuncts(tok: Token) -> list[Token]:
    """Return a token and the tokens coordinated with it ("China and Russia" -> both)."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and (child.pos_ == tok.pos_ or tok.pos_ in EVENT_NOUN_POS):
            out.extend(conjuncts(child))
        elif child.dep_ == "appos" and any(g.dep_ in ("cc", "conj") for g in child.children):
            out.extend(conjuncts(child))  # "The US, Russia, and Switzerland" parsed as an apposition
    return out


def preps(tok: Token, lemmas: Iterable[str] | None = None) -> list[Token]:
    """Return the preposition/particle children of ``tok``, optionally only those with given lemmas."""
    wanted = set(lemmas) if lemmas is not None else None
    return [c for c in tok.children if c.dep_ in PREP_DEPS and (wanted is None or c.lemma_.lower() in wanted)]


def prep_objects(prep: Token) -> list[Token]:
    """Return the objects of a preposition, coordinated ones included."""
    out: list[Token] = []
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            out.extend(conjuncts(c))
    return out


def direct_objects(tok: Token) -> list[Token]:
    """Return the objects of a verb, an infinitive's subject included ("allow inspectors to return")."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in OBJECT_DEPS:
            out.extend(conjuncts(c))
        elif c.dep_ in ("ccomp", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            out.extend(t for s in c.children if s.dep_ == "nsubj" for t in conjuncts(s))
    return out


def lemma_candidates(tok: Token) -> list[str]:
    """Return the token's lemma, then guesses undoing inflection where the lemmatizer slipped ("staged")."""
    lemma, low = tok.lemma_.lower(), tok.lower_
    out = [lemma, low]
    if low.endswith("ied"):
        out.append(low[:-3] + "y")
    elif low.endswith("ed"):
        out += [low[:-1], low[:-2], low[:-3]]
    elif low.endswith("ing"):
        out += [low[:-3] + "e", low[:-3], low[:-4]]
    elif low.endswith("ies"):
        out.append(low[:-3] + "y")
    elif low.endswith("s"):
        out.append(low[:-1])
    return list(dict.fromkeys(out))


def _lemmas(tokens: Iterable[Token], modifiers: bool = True) -> set[str]:
    """Return the lemmas an object phrase offers: head, compounds, the noun of "of" ("dollars of aid")."""
    out = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        if not modifiers:
            continue
        for c in t.children:
            if c.dep_ == "compound":
                out.add(c.lemma_.lower())
            elif c.dep_ == "prep" and c.lower_ == "of":
                out.update(o.lemma_.lower() for o in prep_objects(c))
    return out


def _verb_pattern(lex: Lexicon, tok: Token) -> Pattern | None:
    lemma = next((c for c in lemma_candidates(tok) if lex.patterns("verb", c)), tok.lemma_.lower())
    patterns = lex.patterns("verb", lemma)
    # Object heads first, so "launched war games" is about games; then their modifiers ("aid deliveries").
    for modifiers in (False, True):
        for p in patterns:
            if _fits(p, tok, modifiers):
                return p
    return None


def _fits(p: Pattern, tok: Token, modifiers: bool) -> bool:
    if "intrans" in p.flags and direct_objects(tok):
        return False  # "demonstrated prowess" is not a demonstration
    if not p.objects and not modifiers:
        return False  # rows without objects are tried once, after every object row
    objects = _lemmas(direct_objects(tok), modifiers)
    if p.prep:
        # The preposition may hang on the object by a PP-attachment slip ("fired batteries at Russia").
        matched = preps(tok, p.prep) or [q for o in direct_objects(tok) for q in preps(o, p.prep)]
        if not matched:
            return False
        objects |= _lemmas((o for m in matched for o in prep_objects(m)), modifiers)
    return not p.objects or bool(objects & p.objects)


def _noun_pattern(lex: Lexicon, tok: Token) -> Pattern | None:
    lemma = tok.lemma_.lower()
    for p in lex.patterns("noun", lemma):
        if p.objects:
            near = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
            if tok.dep_ == "compound":
                near.add(tok.head.lemma_.lower())
            if not near & p.objects:
                continue
        return p
    return None


def match_token(lex: Lexicon, tok: Token, depth: int = 0) -> Match | None:
    """Return the trigger match of one token, frames included, or None."""
    if tok.pos_ in EVENT_VERB_POS or (tok.pos_ == "ADJ" and lex.frames(tok.lemma_.lower())):
        return _match_verb(lex, tok, depth)
    if tok.pos_ in EVENT_NOUN_POS:
        p = _noun_pattern(lex, tok)
        if p is not None:
            m = Match(tok, p.code, p, "noun")
            if p.objects and tok.dep_ == "compound":
                m.consumed.add(tok.head.i)
            return m
    return None


def _frame_slots(tok: Token, via: str) -> list[Token]:
    """Return the tokens where a frame's embedded event may sit."""
    if via == "xcomp":
        return [
            c
            for c in tok.children
            if c.dep_ in ("xcomp", "ccomp")
            and c.pos_ in ("VERB", "AUX")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ]
    if via == "oxcomp":
        # Object control only ("wants Putin to attack", not "wants to attack").
        objects = any(c.dep_ in ("dobj", "dative") for c in tok.children)
        return [
            c
            for c in tok.children
            if c.dep_ in ("xcomp", "ccomp")
            and c.pos_ in ("VERB", "AUX")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            and (objects or any(a.dep_ == "nsubj" for a in c.children))
        ]
    if via == "ccomp":
        return [c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
    if via == "fccomp":
        # A "that"-clause about the future ("warned that it would strike"): a warning of one's own act.
        return [
            c
            for c in tok.children
            if c.dep_ == "ccomp"
            and c.pos_ in ("VERB", "AUX")
            and any(a.lower_ in FUTURE_AUX for a in c.children)
            and any(a.dep_ == "nsubj" and a.lower_ in SELF_PRONOUNS for a in c.children)
        ]
    if via == "dobj":
        return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return [o for p in preps(tok, [via]) for o in prep_objects(p)]


def _embedded(lex: Lexicon, cands: list[Token], depth: int) -> Match | None:
    if depth > 2:
        return None
    for cand in cands:
        inner = match_token(lex, cand, depth + 1)
        if inner is not None:
            return inner
        # "offered to help mediate", "called for an end to the war": look one step further in.
        for child in cand.children:
            if (
                child.dep_ in ("xcomp", "dobj", "pobj")
                or (child.dep_ == "prep"
                and child.lower_ in ("to", "of"))
            ):
                for grand in [child, *prep_objects(child)] if child.dep_ == "prep" else [child]:
                    inner = match_token(lex, grand, depth + 1)
                    if inner is not None:
                        return _ended(cand, inner)
    return None


def _ended(word: Token, inner: Match) -> Match:
    """Return "an end to the fighting" as de-escalation (087) rather than as the fighting itself."""
    if word.lemma_.lower() in ENDING_NOUNS and inner.code[:2] in VIOLENT_ROOTS:
        out = Match(inner.token, DEESCALATE, None, inner.kind)
        out.consumed = set(inner.consumed)
        return out
    return inner


def _must_clause(lex: Lexicon, tok: Token) -> Token | None:
    """Return the "that"-clause of a reporting verb that says someone must act ("said Iraq must comply")."""
    if lex.reporting("verb", tok.lemma_.lower()) is False:
        return None
    for c in tok.children:
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in MUST for a in c.children):
            return c
    return None


def _compose(lex: Lexicon, cls: str, embedded: str | None) -> str:
    if cls == "attempt":
        # An attempted act is coded as the act, except the one CAMEO code for an attempt.
        return ATTEMPTED.get(embedded or "", embedded or "")
    # Promising violence or coercion is a threat, not an intent to cooperate ("vowed to fight").
    if cls == "intent" and embedded and embedded[:2] in CONFLICT_ROOTS:
        cls = "threat"
    return lex.compose(cls, embedded)


def _match_verb(lex: Lexicon, tok: Token, depth: int) -> Match | None:
    own = _verb_pattern(lex, tok) if tok.pos_ in EVENT_VERB_POS else None
    lemma = next((c for c in lemma_candidates(tok) if lex.frames(c)), tok.lemma_.lower())
    frames = [(f.cls, f.via) for f in lex.frames(lemma)]
    must = _must_clause(lex, tok) if depth == 0 else None
    if must is not None:
        frames.append(("demand", "ccomp"))
    fallback: Match | None = None
    for cls, via in frames:
        # A verb+object pattern ("reject the proposal" -> 127) is more exact than composing a frame
        # with a direct object; an embedded infinitive or prepositional event always composes.
        if via == "dobj" and own is not None and own.objects:
            continue
        slots = _frame_slots(tok, via)
        inner = _embedded(lex, slots, depth)
        if inner is None:
            if slots and via in ("xcomp", "ccomp", "oxcomp") and fallback is None and cls != "attempt":
                # "refused to commit", "threatened to deliver blows": the frame alone still codes.
                fallback = Match(
                    tok, _compose(lex, cls, None), own, "verb", frame=cls, embedded=slots[0], frame_via=via
                )
            continue
        m = Match(
            tok, _compose(lex, cls, inner.code), own, "verb", frame=cls, embedded=inner.token, frame_via=via
        )
        m.consumed |= {inner.token.i} | inner.consumed
        return m
    if fallback is not None and (own is None or not own.objects):
        return fallback
    if own is None or ("inner" in own.flags and depth == 0):
        return None
    m = Match(tok, own.code, own, "verb")
    # The object noun of a matched verb+object pattern is part of this event ("hold talks").
    if own.objects:
        objs = direct_objects(tok) + [o for p in preps(tok, own.prep or None) for o in prep_objects(p)]
        heads = [o for o in objs if o.lemma_.lower() in own.objects or _lemmas([o]) & own.objects]
        # ... and so are its modifiers ("war games", "aid deliveries" are not events of their own).
        m.consumed |= {t.i for o in heads for t in [o, *o.children] if t.i == o.i or t.dep_ == "compound"}
    return m


def find_matches(lex: Lexicon, sent: Any) -> list[Match]:
    """Return the trigger matches of one sentence, embedded and light-verb objects not repeated."""
    matches: list[Match] = []
    for tok in sent:
        if tok.is_space or tok.is_punct:
            continue
        m = match_token(lex, tok)
        if m is not None:
            matches.append(m)
    consumed = set().union(*(m.consumed for m in matches)) if matches else set()
    return [m for m in matches if m.token.i not in consumed]
