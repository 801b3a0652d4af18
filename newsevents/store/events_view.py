"""The SQL of the ``events`` view: which fused-event rows of the store's events folder are current.

Kept apart from the other views because it follows how fusion lays out its snapshot
(newsevents.fuse.runs, docs/fusion.md); ``_events_files`` holds the raw rows of every file in ``events/``.
Fusion adds runs of rows and never edits one: of the rows of one event id, the one fused last is current,
and a row whose fuser is "retired" says the event is gone. (A merge of runs writes its copies a
microsecond later than the rows it copies, so while the old runs are still there the copy is current.)
The latest row per id is found on two narrow columns, then joined: cheaper than a window over all columns.
"""

EVENTS_VIEW = """
create view events as select e.* from _events_files e
semi join (select event_id, max(fused_at) as fused_at from _events_files group by event_id) latest
on e.event_id = latest.event_id and e.fused_at = latest.fused_at
where e.fuser is distinct from 'retired'
"""
