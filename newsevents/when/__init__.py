"""Time: read publication dates, find and normalise time expressions, and date events.

``dates`` reads user and scraped date strings; ``timex`` finds TIMEX3 expressions with the rules in
``absolute``, ``relative``, ``amounts`` and ``named``; ``dating`` picks the expression that governs
each event; ``stage`` registers the pipeline stage "time".
"""
