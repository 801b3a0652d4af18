"""Find arguments beyond a trigger's own dependents: shared objects, deeper actors, same-country sides."""

from __future__ import annotations

from typing import Any

from newsevents.actors.places import country_word
from newsevents.coding.triggers import VIOLENT_ROOTS, Token, conjuncts, direct_objects, prep_objects, preps
from newsevents.coding.unrealized import wished
from newsevents.model import Actor

# Roots for which no actor deeper in the trigger's clause is taken as the target (a meeting's place is not
# whom it is with; a statement's target is set by the attribution stage).
NO_DEEP_TARGET_ROOTS = frozenset({"01", "04"})
# Deps not searched for a deeper target: subjects, and clauses that report or time the event.
SKIP_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "ccomp", "parataxis", "relcl", "punct"})


def shared_objects(verb: Token) -> list[Token]:
    """Return the object a verb shares with its coordinated verb ("accused and sanctioned Moscow")."""
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and not any(c.dep_ == "nsubj" for c in conj.children):
            objs = [o for o in direct_objects(conj) if o.dep_ != "nsubjpass"]
            if objs:
                return objs
    return []


def participle_subject(tok: Token) -> Token:
    """Return the real subject when the parser made a participle or a first name the subject ("The aid
    agency working in Chad said": "working" heads the subject, "aid agency" is its own subject)."""
    if tok.tag_ == "VBG":
        inner = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
        if inner:
            return inner[0]
    if tok.tag_ == "IN" and tok.ent_type_ == "PERSON":
        # "Barack Obama and Xi Jinping will meet in Oslo": a first name tagged as a preposition governs the
        # rest of the subject; its object is the subject's head.
        inner = [c for c in tok.children if c.dep_ == "pobj" and c.i == tok.i + 1]
        if inner:
            return inner[0]
    return tok


def left_subjects(verb: Token) -> list[Token]:
    """Return the noun phrase just before a main verb the parser left without a subject ("With the
    signing of X, the Malian army and the northern rebels have settled": the pair hangs on "X")."""
    if verb.dep_ != "ROOT":
        return []
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("aux", "neg", "advmod", "auxpass"):
        i -= 1
    if i < verb.sent.start:
        return []
    tok = verb.doc[i]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.head.i == verb.i:
        return []
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return list(conjuncts(tok))


def deep_target(index: Any, tok: Token, sources: list[Actor], limit: int = 4) -> list[Actor]:
    """Return the nearest actor below the trigger, outside its subject ("staged rallies ... against Abbas",
    "threatened to launch an offensive in its war with Iraq"), as a last resort for the target."""
    codes = {a.code for a in sources}
    frontier = [c for c in tok.children if c.dep_ not in SKIP_DEPS and not _other_clause(c)]
    for _ in range(limit):
        nxt: list[Token] = []
        for t in frontier:
            actor = index.at(t)
            if actor is not None and actor.code not in codes and actor.country and not index.is_region(actor.country):
                return [actor]
            # Below the first level, a clause's subject counts ("... unless Israel rescinded").
            nxt.extend(
                c
                for c in t.children
                if (c.dep_ not in SKIP_DEPS or c.dep_ in ("nsubj", "nsubjpass")) and not _other_clause(c)
            )
        frontier = sorted(nxt, key=lambda t: abs(t.i - tok.i))
    return []


def _other_clause(tok: Token) -> bool:
    """Say whether a token heads a clause about another event ("when Putin visited", "and Russia invaded")."""
    if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
        return True
    if tok.dep_ == "advcl":
        marks = [m.lower_ for m in tok.children if m.dep_ == "mark"]
        if marks:
            return not set(marks) & {"if", "unless"}
        # A purpose or a participle says what the act is about ("staged rallies to protest X's decision",
        # "marched, demanding autonomy from Spain").
        return not (tok.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children))
    return False


def has_between(tok: Token) -> bool:
    """Say whether a trigger, its head or its subject/object takes a "between" phrase."""
    near = [tok, tok.head, *tok.children]
    return any(c.dep_ == "prep" and c.lower_ == "between" for t in near for c in t.children)


# Roles that act at home: a role-only mention of one ("police", "protesters", "the opposition") shares
# the country of the state body it deals with ("Turkish police arrested protesters").
DOMESTIC_ROLES = frozenset(
    {"CVL", "OPP", "LAB", "EDU", "COP", "JUD", "LEG", "PTY", "MED", "BUS", "AGR", "HLH", "REL", "CRM", "REF", "RAD"}
)
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _with_country(actor: Actor, country: str) -> Actor:
    return Actor(actor.text, actor.start, actor.end, country + (actor.role or ""), country, actor.role, actor.entity)


def place_country(index: Any, tok: Any) -> str | None:
    """Return the country of an "in X" phrase on the trigger or its clause ("arrested ... in Caracas")."""
    for head in (tok, tok.head):
        for prep in preps(head, ("in", "inside")):
            for obj in prep_objects(prep):
                actor = index.for_phrase(obj)
                if actor is not None and actor.country and len(actor.country) == 3:
                    return actor.country
    return None


def domestic(source: Actor | None, target: Actor | None, place: str | None) -> tuple[Actor | None, Actor | None]:
    """Give role-only actors a country from the other side or the place of a same-country event.

    >>> police = Actor("police", 0, 6, "COP", None, "COP")
    >>> opp = Actor("opposition", 16, 26, "OPP", None, "OPP")
    >>> [a.code for a in domestic(police, opp, "VEN")]
    ['VENCOP', 'VENOPP']
    """
    pair = [source, target]
    for i, actor in enumerate(pair):
        if actor is None or actor.country or not actor.role:
            continue
        other = pair[1 - i]
        if place is not None:
            pair[i] = _with_country(actor, place)
        elif (
            other is not None
            and other.country
            and actor.role in DOMESTIC_ROLES
            and (other.role in STATE_ROLES or other.role in DOMESTIC_ROLES)
        ):
            pair[i] = _with_country(actor, other.country)
    return pair[0], pair[1]


# Country fields that name no state (international and non-governmental bodies, multinationals).
NON_STATES = frozenset({"IGO", "NGO", "MNC", "UNO", "IMG"})


def _states_between(index: Any, start: int, end: int) -> list[Actor]:
    """Return the actors of a state country named between two offsets, in text order."""
    return [
        a
        for a in index.actors
        if start <= a.start
        and a.end <= end
        and a.country
        and len(a.country) == 3
        and a.country not in NON_STATES
        and not index.is_region(a.country)
    ]


# Verbs whose subject reports the sentence rather than takes part in it ("..., a press officer at the Dutch
# consulate said").
REPORT_VERBS = frozenset({"say", "tell", "report", "announce", "add", "state", "confirm", "quote", "write"})
NP_DEPS = frozenset({"compound", "amod", "poss", "pobj", "prep", "appos", "nmod", "conj", "det", "case"})


def is_speaker(index: Any, actor: Actor) -> bool:
    """Say whether an actor only reports the sentence: the subject of "said" or the object of
    "according to" (its country is then no party to the events reported)."""
    tok = _token(index, actor)
    for _ in range(8):
        if tok is None or tok.dep_ not in NP_DEPS or tok.head.i == tok.i:
            break
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
            return True
        tok = tok.head
    return tok is not None and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in REPORT_VERBS


def _parties_between(index: Any, start: int, end: int) -> list[Actor]:
    """Return the state actors between two offsets that are not only reporting, else all of them
    ("Egyptian police arrested 12, Egyptian sources said": the sources' country still counts)."""
    # News media ("Reuters", "the APS news agency") report; their country is a side only when nothing
    # else is named ("Police arrested 12, Iranian state media said"). A dateline's agency never is.
    filed = index.dateline
    states = [a for a in _states_between(index, start, end) if filed is None or a.start >= filed[0]]
    others = [a for a in states if a.role != "MED"]
    parties = [a for a in others if not is_speaker(index, a)]
    return parties or others or states


def sentence_countries(index: Any, start: int, end: int) -> list[str]:
    """Return the distinct state countries of the actors named between two offsets, in text order,
    leaving out those only reporting the sentence when others are named. Asked for the whole article,
    a dateline ("KABUL, Jan 5 (Reuters) -") is the article's country: the story happens there."""
    if start == 0 and end >= len(index.doc.text) and index.dateline is not None:
        return [index.dateline[1]]
    return list(dict.fromkeys(a.country for a in _parties_between(index, start, end) if a.country))


def in_context(source: Actor | None, target: Actor | None, countries: list[str]) -> tuple[Actor | None, Actor | None]:
    """Give a role-only actor the country of its sentence when exactly one country is in play there.

    >>> minister = Actor("the minister", 0, 12, "GOV", None, "GOV")
    >>> [a.code for a in in_context(minister, None, ["KGZ"]) if a]
    ['KGZGOV']
    """
    if len(countries) != 1:
        return source, target
    pair = [source, target]
    for i, actor in enumerate(pair):
        if actor is not None and not actor.country and actor.role:
            pair[i] = _with_country(actor, countries[0])
    return pair[0], pair[1]


def other_side(index: Any, start: int, end: int, source: Actor) -> Actor | None:
    """Return the one state actor of another country named between two offsets, if there is exactly one."""
    found: dict[str, Actor] = {}
    for actor in _parties_between(index, start, end):
        if actor.country and actor.country != source.country:
            found.setdefault(actor.country, actor)
    return next(iter(found.values())) if len(found) == 1 else None


# Roles of a side's own forces: "offered its troops to Lebanon" is about Lebanon, not the troops.
OWN_FORCE_ROLES = frozenset({"MIL"})
PROTEST_ROOT = "14"


def own_forces(source: Actor | None, target: Actor | None) -> bool:
    """Say whether the target is the source's own forces (same country, or no country of their own)."""
    return (
        source is not None
        and source.country is not None
        and target is not None
        and target.role in OWN_FORCE_ROLES
        and target.country in (None, source.country)
    )


def protested_government(code: str, source: Actor | None) -> Actor | None:
    """Return the government a domestic protest with no named target is against: the protesters' own.

    >>> students = Actor("students", 0, 8, "IDNEDU", "IDN", "EDU")
    >>> protested_government("141", students).code
    'IDNGOV'
    """
    if code[:2] != PROTEST_ROOT or source is None or not source.country:
        return None
    if source.role not in DOMESTIC_ROLES and not (source.role is None and _people(source)):
        return None
    if source.country in NON_STATES:
        return None
    return Actor(source.text, source.start, source.end, source.country + "GOV", source.country, "GOV")


def _people(actor: Actor) -> bool:
    """Say whether a country-only actor is a people ("Young Algerians blocked roads"), not the state."""
    return actor.text[-1:] == "s" and actor.text[:1].isupper() and actor.entity != actor.text


def own_force_place(index: Any, target: Actor) -> Actor | None:
    """Return the country the source's own forces are put in ("reinforced its troops in Mali")."""
    tok = _token(index, target)
    if tok is None:
        return None
    for head in (tok, tok.head):
        for prep in preps(head, ("in", "into", "to", "inside")):
            found = [index.for_phrase(o) or index.weak(o) for o in prep_objects(prep)]
            found = [a for a in found if a is not None and a.country and a.country not in NON_STATES]
            if found:
                return found[0]
    return None


def _token(index: Any, actor: Actor) -> Any:
    span = index.doc.parse.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


# Roots of acts a state often does to its own country with no one else named ("threatened to impose a
# curfew", "arrested 12"): with no other country in play, the target is the
# source's own country.
HOME_ROOTS = frozenset({"13", "17"})


def home_target(index: Any, code: str, source: Actor, span: Any, countries: list[str]) -> Actor | None:
    """Return the source's own country as the target of a domestic act, when the sentence (or article)
    names no other state."""
    if code[:2] not in HOME_ROOTS or source.country in NON_STATES or not source.country:
        return None
    if source.role is not None and source.role not in STATE_ROLES:
        return None  # "the Chilean people rejected the plan" is not aimed at Chile
    if "noact" in index.flags:
        return None  # an ambiguous word ("fire", "strike") needs a target the text names
    if _uncoded_people(index.token):
        return None  # "refused to allow inspectors in": the act is on someone the text names
    if len(source.country) != 3 or any(c != source.country for c in countries):
        return None
    others = [
        a
        for a in _states_between(index, span.start, span.end)
        if a.country == source.country and (a.start, a.end) != (source.start, source.end)
    ]
    # The country's own name if the sentence has it ("Kenya"), else another actor of it ("Rwandan
    # rebels"), else the country as a whole, pointing at the source's words that name it.
    named = next((a for a in others if a.role is None), None) or next(iter(others), None)
    if named is not None:
        return named
    entity = index.country_name(source.country)
    start, end = source.start, source.end
    words = index.doc.parse.char_span(start, end, alignment_mode="expand")
    word = next((t for t in words or () if country_word(t.text) == source.country), None)
    if word is not None:  # "Egyptian police arrested 12": the country is the word "Egyptian"
        start, end = word.idx, word.idx + len(word.text)
    return Actor(index.doc.text[start:end], start, end, source.country, source.country, None, entity)


def _uncoded_people(tok: Any) -> bool:
    """Say whether a trigger, or the verb it embeds, has a plural noun object no actor covers."""
    if tok is None:
        return False
    verbs = [tok, *(c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB")]
    return any(o.tag_ == "NNS" for v in verbs for o in direct_objects(v))


# Violence with no doer named ("a roadside bomb near Samarra killed a U.S. soldier") is coded, as the
# gold files do, to the unidentified armed forces of the country where it happened (VIOLENT_ROOTS).
WHERE_PREPS = ("in", "near", "outside", "at", "inside")


def place_of_sentence(index: Any, span: Any) -> Actor | None:
    """Return a country-only actor for the first place ("in/near/outside X") the sentence names."""
    sent = index.doc.parse.char_span(span.start, span.end, alignment_mode="expand")
    if sent is None:
        return None
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in WHERE_PREPS:
            # "just outside of the Syrian town of Homs": the object may hang on a second "of".
            objs = prep_objects(tok) or [o for p in preps(tok, ("of",)) for o in prep_objects(p)]
            for obj in objs:
                actor = index.place(obj) or index.for_phrase(obj) or index.weak(obj)
                if actor is None:
                    of = [o for p in preps(obj, ("of",)) for o in prep_objects(p)]
                    actor = next((a for a in map(index.weak, of) if a is not None), None)
                if actor is not None and actor.country and actor.role is None and actor.country not in NON_STATES:
                    return actor
    return None


def other_sides(
    index: Any, code: str, source: Actor | None, target: Actor | None, span: Any, countries: list[str]
) -> tuple[Actor | None, Actor | None]:
    """Complete a pair from its sentence: role-only actors, a missing target, a target that is own forces."""
    if not countries and code[:2] not in NO_DEEP_TARGET_ROOTS:
        # No country named at all: the place of the sentence ("delay the rally in Minsk").
        place = place_of_sentence(index, span)
        countries = [place.country] if place is not None and place.country else countries
    source, target = in_context(source, target, countries)
    if source is not None and source.country:
        if target is None and code[:2] not in NO_DEEP_TARGET_ROOTS:
            # No target in the clause: the one other country the sentence names is the other side.
            target = other_side(index, span.start, span.end, source)
        elif own_forces(source, target) and target is not None:
            target = own_force_place(index, target) or other_side(index, span.start, span.end, source) or target
        if target is None:
            target = home_target(index, code, source, span, countries)
    if target is None:
        target = protested_government(code, source)
    return source, target


def acting_side(
    index: Any, source: Actor | None, target: Actor | None, span: Any, code: str, tok: Any = None
) -> Actor | None:
    """Return the source, or for a kept event with none, the one other state country of its sentence."""
    if source is not None or target is None or not target.country or (tok is not None and wished(tok)):
        return source
    found = other_side(index, span.start, span.end, target)
    if found is None and code[:2] in VIOLENT_ROOTS:
        found = place_of_sentence(index, span)
    return found
