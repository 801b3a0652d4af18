"""Tell acts that are only named from events that happened: "an offer to host", "jailed for helping".

The act inside "an invitation to attend", "the right to fire", "a UN appeal for deploying troops" has not
happened: the noun is the event (or none is), not the act it names. Nor is the reason given for another
event ("jailed a student for helping militants"): it is what the event is about, not a second event.
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
        # what an agreement provides for has not happened yet ("reached a consensus to exchange data")
        "consensus", "agreement", "deal", "accord", "understanding", "pact", "treaty",
    }
)


def content_of_noun(tok: Token) -> bool:
    """Say whether a verb only spells out what a noun offers or allows ("an offer to host talks")."""
    while tok.dep_ == "conj" and tok.head.pos_ == tok.pos_:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children):
        return head.lemma_.lower() in CONTENT_NOUNS
    if tok.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("for", "of"):
        return head.head.lemma_.lower() in CONTENT_NOUNS
    return False


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
