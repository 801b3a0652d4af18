"""Build Documents with event mentions in code: the input shape Store.add receives from the pipeline."""

from __future__ import annotations

from newsevents.model import Actor, Article, Attribution, Document, EventDate, EventMention, Place, Span

COUNTRY_NAMES = {"CHN": "China", "RUS": "Russia", "USA": "United States", "IRN": "Iran",
                 "SAU": "Saudi Arabia"}


def actor(code: str, text: str | None = None, entity: str | None = None) -> Actor:
    """An actor whose country is the code's first three letters."""
    return Actor(text or COUNTRY_NAMES.get(code[:3], code), 0, 1, code, code[:3], code[3:] or None, entity)


def mention(local_id: str, cameo: str, source: str | None, target: str | None, start: str | None,
            end: str | None = None, *, status: str = "asserted", granularity: str = "day",
            place: tuple[str, str] | None = None, speaker: str | None = None, via: tuple[str, ...] = (),
            label: str = "Make a visit", confidence: float = 0.6) -> EventMention:
    """One EventMention; dates are ISO strings, place a (name, country) pair."""
    return EventMention(
        id=local_id, cameo=cameo, root=cameo[:2], label=label, plover="CONSULT", plover_mode="visit",
        quad=1, goldstein=1.9, source=actor(source) if source else None,
        target=actor(target) if target else None, trigger=Span(0, 5, "visit"), sentence=Span(0, 20),
        status=status, status_cue="will" if status == "planned" else None,
        date=EventDate(start, end or start, granularity, None, "text") if start else None,
        location=Place(place[0], 0, 1, place[0], place[1], None, 55.75, 37.62, 524901) if place else None,
        attribution=Attribution(actor(speaker, "the Kremlin") if speaker else None, "said", list(via))
        if speaker or via else None,
        confidence=confidence,
    )


def document(text: str, published: str, events: list[EventMention], site: str | None = None,
             input_id: str | None = None) -> Document:
    """A processed Document over ``text`` with the given mentions (their sentence spans the text start)."""
    article = Article.from_text(text, published=published, input_id=input_id, title=text[:30])
    article.site = site
    for e in events:
        e.sentence = Span(0, min(len(text), 60))
    return Document(article=article, text=text, events=events,
                    actors=[e.source for e in events if e.source])
