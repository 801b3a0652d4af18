"""Read articles from files, folders, globs, archives and stdin: text, JSON Lines, CSV, HTML, feeds, WARC."""

from newsevents.sources.read import expand_paths, input_files, read_inputs
from newsevents.sources.records import KINDS, ReadOptions, Unreadable

__all__ = ["KINDS", "ReadOptions", "Unreadable", "expand_paths", "input_files", "read_inputs"]
