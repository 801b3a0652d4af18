"""Read articles from files, folders, gzipped JSON Lines, HTML pages and standard input."""

from newsevents.sources.read import read_inputs
from newsevents.sources.records import Unreadable

__all__ = ["Unreadable", "read_inputs"]
