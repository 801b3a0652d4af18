"""Tell acts that are only named, asked for or hoped for from events that happened: "an offer to host",
"jailed for helping", "was urged to free", "hoped X would be indicted".

The act inside "an invitation to attend", "the right to fire", "a UN appeal for deploying troops", "a
tour aimed at winning a truce" has not happened: the noun is the event (or none is), not the act
it names or aims at. Nor is the reason given for another event ("jailed a student for helping
militants"): it is what the event is about, not a second event. What a passive subject is urged to do
and an act only hoped for, with no doer named, have not happened either.
"""

from __future__ import annotations

from typing import Any

Token = Any  # spacy.tokens.Token

# Nouns whose infinitive or "for"/"of" complement names an act that has not happened ("an offer to host").
CONTENT_NOUNS = frozenset(
    {
        "offer", "invitation", "proposal", "appeal", "request", "call", "demand", "threat", "promise",
        "pledge", "bid", "right", "ability", "capacity", "capability", "power", "permission", "authority",
        "freedom", "chance", "opportunity", "readiness", "willingness", "refusal", "ultimatum", "mandate",
        # what an agreement provides for has not happened yet ("struck a consensus to share data")
        "consensus", "agreement", "deal", "accord", "understanding", "pact", "treaty",
        # what someone is pressed to do ("is under pressure from parliament to aid Peru")
        "pressure",
    }
)
# Verbs whose passive subject is only asked to act ("was urged to release", "is being pressured to help").
ASKING_VERBS = frozenset({"pressure", "urge", "ask", "press", "call", "request", "encourage", "invite", "advise"})


# Participles that give a noun its aim ("a tour aimed at winning a truce", "steps designed to").
AIM_PARTICIPLES = frozenset({"aim", "design", "intend", "mean", "geared"})


def content_of_noun(tok: Token) -> bool:
    """Say whether a verb only spells out what a noun offers or allows ("an offer to host talks") or
    what it aims at ("a tour aimed at winning a truce")."""
    while tok.dep_ == "conj" and tok.head.pos_ == tok.pos_:
        tok = tok.head
    head = tok.head
    aim = head.head if tok.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "at" else head
    if (
        aim is not tok
        and aim.lemma_.lower() in AIM_PARTICIPLES
        and aim.tag_ == "VBN"
        and aim.dep_ == "acl"
        and (tok.dep_ in ("xcomp", "advcl") or aim is not head)
    ):
        return True
    if tok.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children):
        return head.lemma_.lower() in CONTENT_NOUNS
    if tok.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("for", "of"):
        return head.head.lemma_.lower() in CONTENT_NOUNS
    return False


def asked_to(tok: Token) -> bool:
    """Say whether a verb is what a passive subject was asked to do ("was urged to release the hostages")."""
    head = tok.head
    infinitive = any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)
    return (
        (tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and infinitive))
        and head.lemma_.lower() in ASKING_VERBS
        and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
    )


def reason_of(tok: Token, triggers: set[int]) -> bool:
    """Say whether a verb gives the reason for another event ("jailed for helping militants")."""
    while tok.dep_ == "conj" and tok.head.pos_ == tok.pos_:
        tok = tok.head
    head = tok.head
    return (
        tok.dep_ == "pcomp"
        and tok.tag_ == "VBG"
        and head.dep_ == "prep"
        and head.lower_ == "for"
        and head.head.pos_ == "VERB"
        and head.head.i in triggers
    )


# Nouns for people whom a government can let act ("allowed refugees to return").
PEOPLE = frozenset(
    {
        "candidate", "opposition", "party", "leader", "refugee", "inspector", "observer", "journalist",
        "worker", "protester", "demonstrator", "activist", "people", "citizen", "resident", "prisoner",
        "group", "member", "official", "diplomat", "monitor", "student", "civilian", "migrant", "team",
    }
)


def can_act(tok: Token) -> bool:
    """Say whether a noun names people who can act (a name, a group, "refugees"), not things."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or tok.lemma_.lower() in PEOPLE


# Verbs whose clause is only wished for: its doer is unknown, not whoever the sentence names
# ("Chile said it hoped Peruvian officers would be arrested").
# "hop": the parser's lemma of "hoped".
WISH_VERBS = frozenset({"hope", "hop", "wish", "want", "expect", "demand", "urge", "insist", "ask", "call"})
# Of those, the verbs of a mere hope: an act hoped for with no doer named is nobody's act yet.
HOPE_VERBS = frozenset({"hope", "hop", "wish", "want", "expect"})


def wished(tok: Any, verbs: frozenset[str] = WISH_VERBS) -> bool:
    """Say whether a trigger sits in a clause someone only wishes for ("hoped X would be indicted")."""
    for _ in range(6):
        if tok.dep_ not in ("ccomp", "xcomp", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in verbs:
            return True
    return False
