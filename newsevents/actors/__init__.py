"""The actors stage: actor mentions coded CAMEO-style (country + role) from dictionaries in data/actors/.

Modules: ``lexicon`` loads and validates the dictionaries, ``matcher`` finds their forms in a parse,
``people`` codes office holders by date, ``stage`` builds the actors, ``lookup`` maps a token to its actor.
"""
