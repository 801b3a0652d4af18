"""Event coding: CAMEO/PLOVER events from triggers and arguments, their status and attribution.

Stages (registered in stage.py): ``events`` (coder.py over triggers.py, arguments.py), ``status``
(status.py) and ``attribution`` (attribution.py). Knowledge lives in newsevents/data/coding/: the
codebook (codebook.py, cameo.tsv) and the trigger lexicon (lexicon.py; triggers, frames, compose and
reporting TSV files).
"""
