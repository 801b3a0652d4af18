"""Decide whether an event happened, is planned, intended, denied, hypothetical or only alleged.

The status comes from cue words on the trigger's own clause chain (its auxiliaries, negation,
controlling verbs, modifiers of a nominal trigger), plus sentence-level signs that a report is
unconfirmed ("no official source has confirmed", "unconfirmed"). When several cues apply, the
strongest wins: negated > alleged > hypothetical > planned > intended.
"""

from __future__ import annotations

from typing import Any

from newsevents.coding.coder import ACCUSATION_NOUNS, trigger_token
from newsevents.coding.triggers import lemma_candidates
from newsevents.model import Document, EventMention

Token = Any

PRECEDENCE = ("negated", "alleged", "hypothetical", "planned", "intended")

PLANNED_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "would", "may", "might", "'d"})
HYPOTHETICAL_MARK = frozenset({"if", "unless", "whether"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# Lemmas of controlling verbs/adjectives (on the chain above the trigger) and the status they give.
CONTROL = {
    "plan": "planned",
    "schedule": "planned",
    "expect": "planned",
    "set": "planned",
    "due": "planned",
    "prepare": "planned",
    "slate": "planned",
    "want": "intended",
    "intend": "intended",
    "seek": "intended",
    "hope": "intended",
    "wish": "intended",
    "aim": "intended",
    "view": "intended",
    "desire": "intended",
    "strive": "intended",
    "deny": "negated",
    "refute": "negated",
    "fail": "negated",
    "cancel": "negated",
    "scrap": "negated",
    "postpone": "planned",
    "delay": "planned",
    "consider": "hypothetical",
    "allege": "alleged",
    "rumour": "alleged",
    "rumor": "alleged",
}
NOMINAL = {
    "planned": "planned",
    "upcoming": "planned",
    "forthcoming": "planned",
    "scheduled": "planned",
    "proposed": "planned",
    "future": "planned",
    "expected": "planned",
    "alleged": "alleged",
    "reported": "alleged",
    "purported": "alleged",
    "rumoured": "alleged",
    "rumored": "alleged",
    "suspected": "alleged",
    "unconfirmed": "alleged",
    "possible": "hypothetical",
    "potential": "hypothetical",
    "hypothetical": "hypothetical",
    "intended": "intended",
}
REPORTED_FUTURE = frozenset(
    {
        "say",
        "announce",
        "tell",
        "state",
        "declare",
        "confirm",
        "reveal",
        "add",
        "insist",
        "warn",
        "promise",
        "pledge",
        "vow",
        "indicate",
        "report",
        "write",
        "decide",
    }
)
CLAIM_VERBS = {
    "deny": "negated",
    "refute": "negated",
    "dismiss": "negated",
    "claim": "alleged",
    "allege": "alleged",
}
# Adjectives that, as the trigger of a composed event ("is ready to send troops"), state an intention.
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "determined", "eager", "keen"})
# Words that put an event in the future when they modify its clause ("next week", "tomorrow").
FUTURE_WORDS = frozenset({"next", "tomorrow", "upcoming", "coming"})
PAST_TAGS = frozenset({"VBD", "VBN"})
# Nouns that present an event as hearsay ("reports that ...", "claims that ..."), and verbs that deny it.
REPORT_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "rumour", "rumor", "speculation"})
DENIAL_VERBS = frozenset({"deny", "refute", "dismiss", "reject"})
ALLEGED_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})
# Verbs and nouns of confirming: negated, they make the whole report unconfirmed.
CONFIRM_WORDS = frozenset({"confirm", "verify", "corroborate", "clarification", "confirmation", "comment"})
UP_DEPS = frozenset({"xcomp", "prep", "pobj", "pcomp", "conj", "acomp", "dobj", "aux", "auxpass", "acl"})
# Temporal prepositions open a clause with its own time ("after being invited"): stop there.
STOP_PREPS = frozenset({"after", "before", "since", "following", "until", "during"})
# Words opening a clause that shares the time frame of its verb when its own verb is non-finite or present.
TIME_CLAUSE_WORDS = frozenset({"after", "before", "until", "once", "when"})


def _rank(status: str) -> int:
    return PRECEDENCE.index(status)


def purpose(tok: Token) -> bool:
    """Say whether a verb is a purpose infinitive ("sent envoys to mediate"): its event is only aimed at."""
    return tok.dep_ in ("advcl", "acl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


def chain(tok: Token) -> list[Token]:
    """Return the trigger and the tokens governing it within its clause (not across "that"-clauses)."""
    out = [tok]
    cur = tok
    controls = tok.dep_ == "nsubj" and any(c.dep_ == "xcomp" for c in tok.head.children)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") and not controls:
        # "Xi's trip was planned", "the talks are set for May": the clause of a subject noun is its own.
        # Not when its verb controls another ("the trip aims to deepen trust"): the aim is the other's.
        cur = tok.head
        out.append(cur)
    while (cur.dep_ in UP_DEPS or purpose(cur)) and cur.head.i != cur.i and len(out) < 8:
        if cur.dep_ == "prep" and cur.lower_ in STOP_PREPS:
            break
        cur = cur.head
        out.append(cur)
    return out


def _cues_on(tok: Token, is_trigger: bool) -> list[tuple[str, str]]:
    cues: list[tuple[str, str]] = []
    lemma = tok.lemma_.lower()
    control = next((CONTROL[c] for c in lemma_candidates(tok) if c in CONTROL), None)
    if not is_trigger and control is not None and tok.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
        cues.append((control, tok.text))
    if is_trigger and lemma in INTENT_ADJECTIVES:
        cues.append(("intended", tok.text))
    if purpose(tok):
        cues.append(("intended", "to " + tok.text))
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and low == "no" and is_trigger):
            cues.append(("negated", child.text))
        elif child.dep_ in ("dobj", "nsubjpass") and tok.pos_ == "VERB":
            # "reached no agreement", "no talks were held": a negated object negates the light verb's event.
            no = next((d for d in child.children if d.dep_ == "det" and d.lower_ == "no"), None)
            if no is not None:
                cues.append(("negated", no.text))
        elif child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children
        ):
            cues.append(("hypothetical", next(m.text for m in child.children if m.dep_ == "mark")))
        elif (
            child.dep_ in ("npadvmod", "advmod", "prep")
            and tok.tag_ not in PAST_TAGS
            and any(w.lower_ in FUTURE_WORDS for w in child.subtree)
        ):
            cues.append(("planned", " ".join(t.text for t in child.subtree)[:40]))
        elif child.dep_ == "aux" and low in PLANNED_AUX:
            cues.append(("planned", child.text))
        elif (
            (child.dep_ in ("aux", "auxpass")
            and low in HYPOTHETICAL_AUX)
            or (child.dep_ == "mark"
            and low in HYPOTHETICAL_MARK)
        ):
            cues.append(("hypothetical", child.text))
        elif child.dep_ == "advmod" and low in ALLEGED_ADVERBS:
            cues.append(("alleged", child.text))
        elif child.dep_ in ("amod", "compound") and is_trigger and low in NOMINAL:
            cues.append((NOMINAL[low], child.text))
    # "Xi is to visit Moscow": a to-infinitive under a bare "be" is a schedule.
    if lemma == "be" and not is_trigger and any(c.dep_ == "xcomp" for c in tok.children):
        cues.append(("planned", "is to"))
    return cues


def _group(sent: Any) -> list[Any]:
    """Return a sentence and the following ones that continue it (they start in lower case)."""
    group = [sent]
    nxt = sent
    doc = sent.doc
    while nxt.end < len(doc):
        nxt = doc[nxt.end].sent
        first = next((t for t in nxt if not t.is_space and not t.is_punct), None)
        if first is None or not first.text[:1].islower():
            break
        group.append(nxt)
    return group


def unconfirmed_cue(sent: Any) -> str | None:
    """Return the cue word when a sentence (and its lower-case continuations) says a report is unconfirmed."""
    cue: str | None = None
    for part in _group(sent):
        for tok in part:
            low = tok.lower_
            if low == "unconfirmed" or (low in ("alleged", "rumoured", "rumored") and tok.dep_ == "amod"):
                return tok.text
            if tok.lemma_.lower() in CONFIRM_WORDS:
                verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
                subj_no = any(
                    c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ == "no" for d in c.children)
                    for c in verb.children
                )
                if subj_no or any(c.dep_ == "neg" for c in verb.children):
                    cue = cue or tok.text
    return cue


def _report_noun(path: list[Token]) -> tuple[str, str] | None:
    """Return the status a report noun above the event gives ("rejected reports that its army attacked")."""
    for t in path[1:]:
        if t.pos_ == "NOUN" and t.lemma_.lower() in REPORT_NOUNS:
            verb = t.head
            if t.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in DENIAL_VERBS:
                return "negated", verb.text
            return "alleged", t.text
    return None


def _question(sent: Any) -> bool:
    """Say whether a sentence is a question ("Will China invade Taiwan?")."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text == "?"


def _reported(clause: Token) -> bool:
    """Say whether a clause is the complement of a reporting or promising verb ("said they would ...")."""
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTED_FUTURE


def status_of(tok: Token) -> tuple[str, str | None]:
    """Return (status, cue) for an event triggered by ``tok``."""
    best: tuple[str, str] | None = None
    if tok.lemma_.lower() in ACCUSATION_NOUNS and tok.head.lemma_.lower() in CLAIM_VERBS:
        return (
            "asserted",
            None,
        )  # "denied the accusations": the accusing happened; the denial is its own event
    path = chain(tok)
    for i, t in enumerate(path):
        for status, cue in _cues_on(t, is_trigger=(i == 0)):
            if cue.lower() in ("would", "'d") and _reported(path[-1]):
                status = "planned"  # future in the past: "said they would boycott"
            if best is None or _rank(status) < _rank(best[0]):
                best = (status, cue)
    top = path[-1]
    if top.dep_ == "ccomp" and top.head.lemma_.lower() in CLAIM_VERBS:
        # "Moscow denied that its troops shelled the town", "Kyiv claimed that ...": the saying verb decides.
        status = CLAIM_VERBS[top.head.lemma_.lower()]
        if best is None or _rank(status) < _rank(best[0]):
            best = (status, top.head.text)
    if _question(tok.sent) and (best is None or _rank("hypothetical") < _rank(best[0])):
        best = ("hypothetical", "?")
    hearsay = _report_noun(path)
    if hearsay is not None and (best is None or _rank(hearsay[0]) < _rank(best[0])):
        best = hearsay
    unconfirmed = unconfirmed_cue(tok.sent)
    if unconfirmed and (best is None or _rank("alleged") < _rank(best[0])):
        best = ("alleged", unconfirmed)
    if best is None:
        governor = _time_clause_governor(tok)
        if governor is not None:
            inherited = status_of(governor)
            if inherited[0] in ("planned", "intended"):
                return inherited
    return best if best is not None else ("asserted", None)


def _time_clause_governor(tok: Token) -> Token | None:
    """Return the verb a same-time clause hangs from: "will speak ... after visiting Moscow" -> "speak".

    An active "-ing" form after a temporal preposition ("after visiting", "before travelling") or a
    present-tense clause ("after he visits") shares the frame of its verb, so a planned speech makes the
    visit planned too; a perfect or passive form ("after having met", "after being invited") or a past
    tense tells something already done, and keeps its own status.
    """
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("being", "having", "been") for c in tok.children):
        return None
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ in TIME_CLAUSE_WORDS:
        return tok.head.head if tok.head.head.pos_ in ("VERB", "AUX") else None
    if tok.dep_ == "advcl" and tok.tag_ in ("VBZ", "VBP") and any(
        c.dep_ == "mark" and c.lower_ in TIME_CLAUSE_WORDS for c in tok.children
    ):
        return tok.head if tok.head.pos_ in ("VERB", "AUX") else None
    return None


def assign_status(doc: Document) -> Document:
    """Set ``status`` and ``status_cue`` on every event of the document."""
    for event in doc.events:
        if event.cameo.startswith("01") and event.claims:
            continue  # a statement event made by the attribution stage is asserted by construction
        tok = trigger_token(doc, event)
        if tok is None:
            continue
        event.status, event.status_cue = status_of(tok)
    return doc


COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "07", "08"})
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})


# Planned-status cues that report a schedule rather than an actor's promise or intent.
SCHEDULE_CUES = frozenset(
    {"scheduled", "schedule", "due", "set", "slated", "expected", "expect", "upcoming", "forthcoming",
     "next", "tomorrow", "coming"}
)


def _scheduled(cue: str | None) -> bool:
    if not cue:
        return False
    words = cue.lower().split()
    # A date read from the text ("between March 20 and 22") is a schedule too.
    return bool(set(words) & SCHEDULE_CUES) or any(w[:1].isdigit() for w in words)


def classic_code(code: str, status: str, cue: str | None = None) -> str:
    """Return the code a classic CAMEO coder (PETRARCH, ICEWS) gives an event with this status.

    Classic CAMEO has no status: a promised cooperative act is an intent to cooperate (03x), a promised,
    planned or conditional hostile act a threat (13x), a refused cooperative act a rejection (12x). newsevents keeps
    the act's own code and says "planned"; this gives the classic reading for GDELT-style exports.

    >>> classic_code("0841", "planned"), classic_code("190", "intended"), classic_code("042", "negated")
    ('0353', '1384', '125')
    """
    from newsevents.coding.lexicon import lexicon

    root = code[:2]
    if cue is not None and cue.startswith("to "):
        return code  # a purpose ("sent envoys to mediate") is coded as the act by classic coders
    if status == "planned" and _scheduled(cue):
        # "is due to open a conference", "the visit next week": a calendar, not anyone's promise;
        # classic coders code the act itself.
        return code
    if status in ("planned", "intended") and root in COOPERATIVE_ROOTS:
        return lexicon().compose("intent", code)
    if (
        status in ("planned", "intended") or (status == "hypothetical" and cue != "?")
    ) and root in CONFLICT_ROOTS:
        # "may halt mediation if ...", "will withdraw unless ...": a conditional hostile act is a threat.
        return lexicon().compose("threat", code)
    if status == "negated" and (root in COOPERATIVE_ROOTS or root == "03"):
        return lexicon().compose("refuse", code)
    return code


def plan_future(doc: Document) -> Document:
    """Mark asserted events whose date, read from the text, lies after publication as planned.

    Called at the end of the time stage (which dates events after status runs). "Xi visits Moscow on
    20 March" in an article of 17 March is a plan, whatever the tense; the cue is the date's text.
    Events dated from the publication date alone, or with no publication date, are left as they are.
    """
    from newsevents.when.dating import published_date

    published = doc.article.published
    if not published:
        return doc
    for event in doc.events:
        date = event.date
        if event.status != "asserted" or date is None or date.basis != "text" or not date.start:
            continue
        if date.start[:10] <= published[:10]:
            continue
        if _told_as_past(doc, event):
            # "after being invited by Putin" shares the clause date of the coming visit, but the
            # invitation itself is told as done: the past tense outweighs the borrowed date, which
            # cannot be its own (it lies ahead), so the event is dated only by publication.
            event.date = published_date(published)
            continue
        event.status = "planned"
        event.status_cue = date.text or date.start
    return doc


def _told_as_past(doc: Document, event: EventMention) -> bool:
    """Say whether the event's trigger verb is in a past form with no future auxiliary."""
    if doc.parse is None:
        return False
    span = doc.parse.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = span.root
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return not auxes & {"will", "shall", "'ll", "to"}
