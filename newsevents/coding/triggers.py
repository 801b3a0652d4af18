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
from newsevents.coding.unrealized import asked_to, can_act, content_of_noun, reason_of

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
# Verbs that call an embedded event off or put it back: "agreed to delay the rally" is not a protest.
CALLING_OFF = frozenset(
    {"stop", "halt", "end", "cease", "suspend", "postpone", "delay", "cancel", "abandon", "call", "defer"}
)
DEESCALATE = "087"
EASE_DISSENT = "082"  # a protest called off or postponed eases political dissent
# Adjectives that frame an embedded event only as adjectives ("is prepared to send"), not as verbs
# ("the navy prepared to restart the blockade" is a plan, not an intent to cooperate).
ADJECTIVE_FRAMES = frozenset({"prepared", "committed", "opposed", "ready", "willing"})
# Heads of partitive objects: "suspended part of an aid program" is about the program.
PARTITIVES = frozenset({"part", "some", "most", "all", "half", "portion", "bulk", "rest", "much", "many", "share"})
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
            out.extend(conjuncts(child))  # "Peru, Chile, and Bolivia" parsed as an apposition
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
    if lemma.startswith("re-") and len(lemma) > 5:
        out.append(lemma[3:])  # "re-examine", "re-impose": the act again
    return list(dict.fromkeys(out))


def _lemmas(tokens: Iterable[Token], modifiers: bool = True) -> set[str]:
    """Return the lemmas an object phrase offers: head, compounds, the noun of "of" ("dollars of aid")."""
    out = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        if t.lemma_.lower() in PARTITIVES:
            # "part of a food aid scheme": the scheme is the object, with its own modifiers.
            out |= _lemmas((o for p in preps(t, ["of"]) for o in prep_objects(p)), modifiers)
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
    # The noun a participle modifies counts only to say a use is no event ("the report released on
    # Tuesday"); as an event, "the curfew imposed in 1989" is the noun's, not the participle's.
    objects = _lemmas(_objects(tok) if not p.code else direct_objects(tok), modifiers)
    if p.prep:
        # The preposition may hang on the object by a PP-attachment slip ("fired batteries at Russia").
        matched = preps(tok, p.prep) or [q for o in direct_objects(tok) for q in preps(o, p.prep)]
        if not matched:
            return False
        objects |= _lemmas((o for m in matched for o in prep_objects(m)), modifiers)
    return not p.objects or bool(objects & p.objects)


def _objects(tok: Token) -> list[Token]:
    """Return the objects of a verb, and the noun a past participle modifies ("the talks held in Geneva")."""
    out = direct_objects(tok)
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in EVENT_NOUN_POS:
        out.append(tok.head)
    return out


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
            if not p.code:
                return None  # a row saying this use of the noun is no event
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
    out = [o for p in preps(tok, [via]) for o in prep_objects(p)]
    # "pushing for the US to support the plan": a clause marked by the preposition.
    out += [
        c
        for c in tok.children
        if c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == via for m in c.children)
    ]
    return out


def _embedded(lex: Lexicon, cands: list[Token], depth: int) -> Match | None:
    if depth > 2:
        return None
    for cand in cands:
        inner = match_token(lex, cand, depth + 1)
        if inner is not None:
            return inner
        # "offered to help mediate", "called for an end to the war": look one step further in.
        # Under a verb calling the event off ("agreed to postpone the visit"), the inner event is
        # not passed up as such: see _ended.
        for grand in _one_step_in(cand):
            inner = match_token(lex, grand, depth + 1)
            if inner is not None:
                ended = _ended(cand, inner)
                if ended is not None:
                    return ended
                break
    return None


def _one_step_in(cand: Token) -> list[Token]:
    out: list[Token] = []
    for child in cand.children:
        if child.dep_ in ("xcomp", "dobj", "pobj", "acomp"):
            out.append(child)  # "acomp": "said Norway must be willing to broker talks"
        elif child.dep_ == "prep" and child.lower_ in ("to", "of"):
            out += [child, *prep_objects(child)]
    return out


def _ended(word: Token, inner: Match) -> Match | None:
    """Return "an end to the fighting" as de-escalation (087) rather than as the fighting itself.

    A verb calling an event off ("stop the fighting", "postpone the demonstration") ends violence (087)
    or eases dissent (082); any other event it calls off is no event to pass up (None).
    """
    lemma = word.lemma_.lower()
    ending = lemma in ENDING_NOUNS and word.pos_ in EVENT_NOUN_POS
    calling_off = lemma in CALLING_OFF and word.pos_ == "VERB"
    if lemma == "call":  # "call off the strike", not "call a ceasefire"
        calling_off = any(c.dep_ == "prt" and c.lower_ == "off" for c in word.children)
    if not (ending or calling_off):
        return inner
    if inner.code[:2] in VIOLENT_ROOTS:
        code = DEESCALATE
    elif inner.code[:2] == "14" and calling_off:
        code = EASE_DISSENT
    elif calling_off:
        return None
    else:
        return inner
    out = Match(inner.token, code, None, inner.kind)
    out.consumed = set(inner.consumed)
    return out


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _after_be(tok: Token) -> bool:
    """Say whether a participle stands after "be" ("is prepared to", "are committed to")."""
    return tok.dep_ in ("acomp", "amod") or any(
        c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "be" for c in tok.children
    )


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
    # Letting someone act is a concession ("allowed the opposition to rally" 0811); letting someone
    # use force or make demands, which compose.tsv does not list, is that act, by permission ("allowed
    # the police to detain them").
    if cls == "allow" and embedded and lex.composed(cls, embedded) is None:
        return embedded
    return lex.compose(cls, embedded)


def _match_verb(lex: Lexicon, tok: Token, depth: int) -> Match | None:
    own = _verb_pattern(lex, tok) if tok.pos_ in EVENT_VERB_POS else None
    # Frames of every reading of the word: "is opposed to lifting" is the adjective's frame, not the verb's.
    frames: list[tuple[str, str]] = []
    for lemma in lemma_candidates(tok):
        if lemma in ADJECTIVE_FRAMES and tok.pos_ == "VERB" and not _after_be(tok):
            continue
        frames += [(f.cls, f.via) for f in lex.frames(lemma) if (f.cls, f.via) not in frames]
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
            # "refused to commit", "threatened to deliver blows", "is committed to reforming the
            # courts" (a preposition taking a verb): the frame alone still codes.
            clause = via in ("xcomp", "ccomp", "oxcomp") or (bool(slots) and slots[0].pos_ == "VERB")
            if cls == "allow" and not any(can_act(o) for o in direct_objects(tok)):
                clause = False  # "to allow supplies to reach the city" lets no one act
            if slots and clause and fallback is None and cls != "attempt":
                alone = "refuse" if cls == "intent" and _negated(slots[0]) else cls  # "vowed not to return"
                fallback = Match(
                    tok, _compose(lex, alone, None), own, "verb", frame=alone, embedded=slots[0], frame_via=via
                )
            continue
        if cls == "intent" and _negated(inner.token):
            # "vowed not to hand back the islands" refuses; "pledged not to attack" promises restraint.
            cls, code = ("intent", DEESCALATE) if inner.code[:2] in CONFLICT_ROOTS else ("refuse", inner.code)
        else:
            code = inner.code
        m = Match(tok, _compose(lex, cls, code), own, "verb", frame=cls, embedded=inner.token, frame_via=via)
        m.consumed |= {inner.token.i} | inner.consumed
        return m
    if fallback is not None and (own is None or not own.objects):
        return fallback
    if own is None or not own.code or ("inner" in own.flags and depth == 0):
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
    triggers = {m.token.i for m in matches}
    return [
        m
        for m in matches
        if m.token.i not in consumed
        and not (m.kind == "verb" and (content_of_noun(m.token) or asked_to(m.token) or reason_of(m.token, triggers)))
    ]
