"""The SQL of the ``events`` view: which fused-event rows of the store's events folder are current.

Kept apart from the other views because it follows how fusion lays out its snapshot
(newsevents.fuse.incremental); ``_events_files`` holds the raw rows of every file in ``events/``.
"""

EVENTS_VIEW = "create view events as select * from _events_files"
