"""The actors stage: actor mentions coded CAMEO-style (country + role) from dictionaries in data/actors/.

Modules: ``lexicon`` loads and validates the dictionaries, ``userdict`` a user's own one, ``matcher`` finds
their forms in a parse, ``people`` codes office holders by date, ``stage`` builds the actors, ``entities``
names what they resolve to, ``coref`` links mentions within an article, ``lookup`` maps a token to its
actor, ``explain`` says why a phrase gets its code (``newsevents actors lookup``).
"""

from __future__ import annotations

# Imported eagerly: a lazy wrapper named like the submodule is shadowed by the submodule itself
# as soon as anything imports newsevents.actors.explain.
from newsevents.actors.explain import explain

__all__ = ["explain"]
