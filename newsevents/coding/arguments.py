"""Find the source and target actors of a trigger from its dependency arguments.

Subjects (through control, coordination and relative clauses), objects, the trigger's own preposition,
then other target prepositions; passives swap agent and patient; nominal triggers read possessives,
"of"/"by"/"between" phrases and the verb they hang on. When nothing direct is found, reach.py looks
further (a shared object, an actor deeper in the clause). Actor lookup itself is in actor_index.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from newsevents.coding.actor_index import ActorIndex, antecedents, is_pair_anaphor  # noqa: F401
from newsevents.coding.reach import (
    NO_DEEP_TARGET_ROOTS,
    deep_target,
    has_between,
    left_subjects,
    participle_subject,
    shared_objects,
)
from newsevents.coding.triggers import Match, Token, conjuncts, direct_objects, prep_objects, preps
from newsevents.model import Actor

# Prepositions that introduce the target of an event, in order of preference.
TARGET_PREPS = ("with", "to", "against", "on", "into", "between", "toward", "towards")
# Prepositions inside an object noun that name who it concerns ("doubts about China's neutrality").
ABOUT_PREPS = TARGET_PREPS + ("of", "about", "over", "in", "by", "from")
# Roots whose place ("struck targets in Gaza", "lifted a curfew in Montenegro", "rallied in Kirkuk")
# stands for the target when no other is named.
PLACE_TARGET_ROOTS = frozenset({"08", "14", "15", "16", "17", "18", "19", "20"})
# Prepositions of a passive trigger's patterns that aim at the target ("was fired at it", "fired on").
AIMED_PREPS = frozenset({"at", "on", "against", "into", "toward", "towards"})
# Nouns of meetings whose topic names the other side ("a summit on the fighting in Yemen").
MEETING_NOUNS = frozenset({"summit", "meeting", "talk", "conference", "session", "negotiation", "consultation"})
# Event nouns that name the doers of the event ("protesters", "rioters").
DOER_NOUNS = frozenset({"protester", "protestor", "rioter"})
# Roots whose passive "from X" names the side that fired ("rockets were fired from Gaza").
FIRED_FROM_ROOTS = frozenset({"18", "19", "20"})
# Roots whose nominal events name the side left with "from" ("withdrawal from Panama", "expulsion from"),
# and nouns whose "of" phrase is the side leaving ("the withdrawal of its forces").
WITHDRAW_ROOTS = frozenset({"08", "16"})
WITHDRAW_NOUNS = frozenset({"withdrawal", "pullout", "pullback", "retreat", "redeployment"})
# Roots whose "from" place is the side left or helped ("withdrew from Kherson", "evacuated ... from Gorazde").
LEAVE_ROOTS = frozenset({"07", "08", "16"})
# Nominal events whose "of" phrase is their agent ("the visit of X") rather than their patient.
AGENTIVE_OF_ROOTS = ("01", "02", "03", "04", "05", "14")
# Verbs a nominal event hangs on when its agent is the verb's subject ("Xi will be in Russia for a visit").
SUPPORT_VERBS = frozenset(
    "be come arrive travel go leave head fly begin start make pay hold undertake conduct continue "
    "launch stage announce declare order approve impose complete carry speed accelerate resume finish"
    .split()
)
# Verbs that only say a nominal event happens ("fighting broke out between ...", "talks resumed in ...").
OCCUR_VERBS = frozenset(
    "break erupt begin continue resume occur happen flare intensify rage escalate start end take"
    .split()
)


# Participles that read as adjectives after "be": the subject holds the stance or does the act
# ("Chile is opposed to Brazilian arbitration", "rebel units were engaged in looting").
STATIVE_PARTICIPLES = frozenset({"oppose", "commit", "engage", "involve", "determine", "dedicate", "devote"})
# Prepositions whose object is the party complained about, before the one complained to.
COMPLAINT_PREPS = ("over", "about", "against")


@dataclass
class Arguments:
    """Source and target actors of one trigger (several when coordinated)."""

    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    deep: bool = False  # the target was found deeper in the clause, not in a direct argument


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Return the grammatical subjects of a verb, inherited through control, coordination and relatives."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if verb.dep_ == "relcl" and own and all(c.tag_ in ("WDT", "WP") for c in own):
        return [t for t in conjuncts(verb.head)]  # "Russia, which invaded Ukraine": the noun is the subject
    if own:
        # "The aid agency working in Chad said": the parser may make the participle the subject.
        own = [participle_subject(s) for s in own]
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
        # "Modi is scheduled to open": raising verbs in the passive hand on their subject.
        return subjects(head, depth) or [t for c in head.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
    if verb.dep_ == "conj":
        return subjects(head, depth)
    if (
        verb.dep_ == "advcl"
        and head.pos_ in ("VERB", "AUX")
        and (verb.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children))
    ):
        # "..., adding that", "mobilized groups to help support": the clause shares its head's subject.
        return subjects(head, depth)
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in verb.children):
        return [head]
    if verb.dep_ in ("acl", "advcl") and head.pos_ == "NOUN":
        owners = [c for c in head.children if c.dep_ == "poss"]
        if not owners and head.dep_ == "dobj" and head.head.pos_ == "VERB":
            # "The PKK issued a declaration demanding ...": the issuer of the text is the one demanding.
            return subjects(head.head, depth)
        return owners
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


def _noun_objects(index: ActorIndex, noun: Token, depth: int = 0) -> list[Actor]:
    """Actors inside a non-actor object ("an understanding between Saudi Arabia and Iran"), or one
    step further in, for what a meeting is about ("a summit on the fighting in Yemen")."""
    for prep in preps(noun, ABOUT_PREPS):
        found = index.for_tokens(prep_objects(prep))
        if found:
            return found
    if depth == 0 and noun.lemma_.lower() in MEETING_NOUNS:
        for prep in preps(noun, ("on", "about", "over")):
            for obj in prep_objects(prep):
                places = [o for p in preps(obj, ("in",)) for o in prep_objects(p)]
                inner = _noun_objects(index, obj, 1) or [a for a in map(index.weak, places) if a is not None]
                if inner:
                    return inner
    return []


def verb_arguments(index: ActorIndex, match: Match) -> Arguments:
    """Return source and target actors of a verbal trigger (or a frame around an embedded event)."""
    verb = match.token
    args = Arguments()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "six Kenyan police killed in Somalia", "prisoners held by Israel": the noun is the patient.
        args.sources = index.for_tokens(_agents(verb))
        args.targets = index.for_tokens([verb.head])
    elif passive and verb.lemma_.lower() in STATIVE_PARTICIPLES and not _agents(verb):
        args.sources = index.for_tokens(passive_subjects(verb))
        args.targets = _targets(index, verb, _lemma_preps(match) | {"to", "in"})
    elif passive:
        # "was fired at it": the pattern's own preposition names the target when the subject is a thing.
        match_preps = _lemma_preps(match) & AIMED_PREPS
        args.sources = index.for_tokens(_agents(verb))
        patients = passive_subjects(verb)
        args.targets = index.for_tokens(patients)
        if not args.targets:
            # "No agreement was reached between Israel and Hamas", "sanctions on Iran were tightened":
            # the actors sit inside the subject noun.
            args.targets = [a for p in patients for a in _noun_objects(index, p)] or _targets(
                index, verb, frozenset({"between"}) | match_preps
            )
        if not args.sources and match.code[:2] in FIRED_FROM_ROOTS:
            # "rockets were fired at Israel from Lebanon": the place fired from is the side firing.
            origins = [o for p in preps(verb, ("from",)) for o in prep_objects(p)]
            args.sources = index.for_tokens(origins) or [a for a in map(index.weak, origins) if a][:1]
    else:
        args.sources = index.for_tokens(subjects(verb) or left_subjects(verb))
        args.targets = _targets(index, verb, _lemma_preps(match))
    if match.code[:2] == "11":
        # "complained to the UN over Israeli raids": the party complained about is the target.
        about = index.for_tokens([o for p in preps(verb, COMPLAINT_PREPS) for o in prep_objects(p)])
        args.targets = about or args.targets
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
            # "refused to reply to an appeal from the Brazilian President": whoever made the embedded act.
            made = noun_arguments(index, inner, match.code, outer=False)
            args.targets = made.targets or [a for a in made.sources if a not in args.sources]
    if not args.targets and match.code[:2] in PLACE_TARGET_ROOTS:
        # "struck targets in Gaza": for violence, the place attacked stands for the target.
        # "halted aid convoys in Mosul": the place may hang on the object.
        heads = [verb, *(o for o in direct_objects(verb) if o.dep_ != "nsubjpass")]
        places = [o for h in heads for p in preps(h, ("in", "inside")) for o in prep_objects(p)]
        found = [a for a in index.for_tokens(places) if index.is_state(a.country)]
        args.targets = found or [a for a in map(index.weak, places) if a][:1]
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
    """Return the first targets found, in order of preference; a country-less find yields to a later
    one with a country ("send tanks to Ukraine": Ukraine, not the tanks)."""
    first: list[Actor] = []
    for found in _target_candidates(index, verb, pattern_preps):
        if any(a.country for a in found):
            return found
        first = first or found
    if first:
        return first
    # Nobody named: the people or the place an object belongs to ("shell Iraqi towns", "lifted a
    # blockade on Palestinian lorries", "shelled the capital Juba").
    # Leaving or evacuating a place names it with "from" ("withdrew from Kherson").
    left = frozenset({"from"}) if index.code[:2] in LEAVE_ROOTS else frozenset()
    for tok in _object_phrases(verb, pattern_preps | left):
        actor = index.weak(tok)
        if actor is not None:
            return [actor]
    return []


def _object_phrases(verb: Token, pattern_preps: frozenset[str]) -> list[Token]:
    objs = [o for o in direct_objects(verb) if o.dep_ != "nsubjpass"] or shared_objects(verb)
    wanted = tuple(pattern_preps) + TARGET_PREPS
    out = [o for p in preps(verb, wanted) for o in prep_objects(p)]
    for obj in objs:
        out.append(obj)
        out.extend(o for p in preps(obj, wanted) for o in prep_objects(p))
    return out


def _target_candidates(index: ActorIndex, verb: Token, pattern_preps: frozenset[str]) -> Iterator[list[Actor]]:
    # The pattern's own preposition first ("arrive in", "mediate between"), then objects, then the rest.
    own = preps(verb, pattern_preps) or [q for o in direct_objects(verb) for q in preps(o, pattern_preps)]
    for prep in own:
        yield index.for_tokens(prep_objects(prep))
    objs = [o for o in direct_objects(verb) if o.dep_ != "nsubjpass"]
    if not objs:
        objs = shared_objects(verb)
    # "condemned the killing of protesters by Ugandan police": the doer of a condemned act is the target.
    yield [a for o in objs for p in preps(o, ("by",)) for a in index.for_tokens(prep_objects(p))]
    yield index.for_tokens(objs)
    for prep in preps(verb, TARGET_PREPS):
        yield index.for_tokens(prep_objects(prep))
    for obj in objs:
        yield _noun_objects(index, obj)
    # "refused to reply to an appeal from the Brazilian President": the actor inside the phrase.
    for prep in preps(verb, TARGET_PREPS):
        for obj in prep_objects(prep):
            yield _noun_objects(index, obj)


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
    if not args.sources and noun.lemma_.lower() in DOER_NOUNS:
        # "clashed with kenyan rioters": the noun names its own doers, whose people a demonym gives.
        # A bare "a protestor" says nothing of whose protest it is: only a doer with a country counts.
        args.sources = [a for a in (index.for_phrase(noun) or index.weak(noun),) if a is not None and a.country]
    for prep in preps(noun):
        lemma = prep.lower_
        objs = prep_objects(prep)
        if lemma == "by" and not args.sources:
            args.sources = index.for_tokens(objs)
        elif lemma == "of" and noun.lemma_.lower() in WITHDRAW_NOUNS:
            # "the withdrawal of its forces from Panama": the forces are the side leaving, Panama the
            # place left (the "from" phrase often hangs on the forces).
            args.sources = args.sources or index.for_tokens(objs)
            left = [o for t in objs for p in preps(t, ("from",)) for o in prep_objects(p)]
            args.targets = args.targets or index.for_tokens(left)
        elif lemma == "of":
            # "a suspension of rail links with Belarus": the actor may sit inside the "of" phrase.
            found = index.for_tokens(objs) or [a for o in objs for a in _noun_objects(index, o)]
            if agentive_of:
                # "the visit of X": X acts; "the withdrawal of its forces": the forces are the side leaving.
                args.sources = args.sources or found
            elif not args.targets:
                args.targets = found
        elif lemma == "between":
            found = index.for_tokens(objs)
            if code[:3] == "045" or args.sources:
                args.targets = args.targets or found
            elif len(found) >= 2:
                args.sources, args.targets = found[:1], found[1:]
        elif lemma == "from" and code[:2] in WITHDRAW_ROOTS and not args.targets:
            args.targets = index.for_tokens(objs)  # "the withdrawal of forces from Panama"
        elif lemma == "from" and not args.sources:
            args.sources = index.for_tokens(objs)  # "an appeal from the Brazilian President", "aid from Japan"
        elif (lemma in TARGET_PREPS or (not outer and lemma == "in")) and not args.targets:
            # Inside a frame, "in X" names who the embedded event concerns ("a ceasefire in Ukraine").
            args.targets = index.for_tokens(objs)
    if not args.targets:
        # "its demand that Israel ease restrictions", "a call for Iran to halt": the clause's subject.
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")]
        if not clauses and noun.dep_ == "dobj":
            # "repeated its call on Monday that Egypt reopen": the clause may hang on the verb.
            clauses = [
                c
                for c in noun.head.children
                if c.dep_ == "ccomp" and c.i > noun.i and any(m.lower_ == "that" for m in c.children)
            ]
        args.targets = index.for_tokens([s for c in clauses for s in c.children if s.dep_ == "nsubj"])
    if outer and not args.targets and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in OCCUR_VERBS:
        # "Fighting broke out between Armenia and Azerbaijan": the occurrence verb carries the actors.
        for prep in preps(noun.head, ("between", "with", "against", "on", "in")):
            found = index.for_tokens(prep_objects(prep))
            if found:
                args.targets = found
                break
    by_agent = any(p.lower_ == "by" and prep_objects(p) for p in preps(noun))
    if outer and not args.sources and not by_agent and noun.dep_ in ("pobj", "dobj"):
        # "curfews after protests by Christian groups": a "by" phrase names the doer, coded or not.
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if verb.lemma_.lower() in SUPPORT_VERBS:
            args.sources = index.for_tokens(subjects(verb))
            if not args.targets:
                found = _targets(index, verb, frozenset({"in", "to"}))
                args.targets = [a for a in found if a not in args.sources]
    return args


def arguments(index: ActorIndex, match: Match) -> Arguments:
    """Return the arguments of any match, dropping a target identical to the source."""
    index.code, index.flags, index.token = match.code, match.flags, match.token
    if match.kind == "noun":
        args = noun_arguments(index, match.token, match.code)
    else:
        args = verb_arguments(index, match)
    if not args.sources and len(args.targets) >= 2 and has_between(match.token):
        # "talks between A and B", "fighting between A and B": the pair are the two sides.
        if "sym" in match.flags:
            args.sources, args.targets = args.targets, []
        else:
            args.sources, args.targets = args.targets[:1], args.targets[1:]
    if len(args.sources) >= 2:
        index.last_pair = args.sources[:2]
    if not args.targets and match.code[:2] not in NO_DEEP_TARGET_ROOTS:
        args.deep = True
        args.targets = deep_target(index, match.token, args.sources)
    # An actor acting on itself is nearly always a parse slip ("met ... on the president's trip").
    src_codes = {a.code for a in args.sources}
    args.targets = [t for t in args.targets if t.code not in src_codes]
    own = {a.country for a in args.sources if a.country}
    if len(own) >= 2:
        # "U.S. and Russian diplomats meet in Geneva": a bare country of one of the sides (a Geneva the
        # gazetteer also knows in the US) is no third party; the sides face each other.
        args.targets = [t for t in args.targets if not (t.country in own and t.code == t.country)]
    return args
