"""The actors stage: actor mentions coded CAMEO-style (country + role) from dictionaries in data/actors/.

Modules: ``lexicon`` loads and validates the dictionaries, ``userdict`` a user's own one, ``matcher`` finds
their forms in a parse, ``people`` codes office holders by date, ``stage`` builds the actors, ``entities``
names what they resolve to, ``coref`` links mentions within an article, ``lookup`` maps a token to its
actor, ``explain`` says why a phrase gets its code (``newsevents actors lookup``).
"""

from __future__ import annotations

from typing import Any


def explain(text: str, date: str | None = None, options: Any = None) -> list[dict[str, Any]]:
    """Return the actor mentions of ``text`` coded on ``date``, each with the reason for its code."""
    from newsevents.actors.explain import explain as _explain

    return _explain(text, date, options)


__all__ = ["explain"]
