"""Exceptions raised by newsevents.

The hierarchy::

    NewseventsError                 base of everything we raise on purpose
    ├── InputError                  a file, stream or record the user gave us cannot be read
    │   └── DateError               a date string (e.g. --published) cannot be understood
    ├── ConfigError                 an options file, environment variable or flag is wrong
    ├── DataFileError               a shipped or user data file (dictionary, lexicon) is malformed
    ├── PipelineError               stages do not fit together (a stage needs what nothing assigns)
    ├── StageError                  a stage failed on one document (carries article id and stage name)
    └── StoreError                  a store folder cannot be opened, read or written

Every error carries the context a user needs to act on it: the input, the article, the stage,
the file and line. ``str(error)`` is a one-line message fit for a terminal.
"""

from __future__ import annotations


class NewseventsError(Exception):
    """Base class for all errors raised on purpose by newsevents."""

    exit_code = 1


class InputError(NewseventsError):
    """An input (file, stream, record) cannot be read or is empty."""

    exit_code = 2

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class DateError(InputError):
    """A date given by the user or found in a record cannot be understood."""


class ConfigError(NewseventsError):
    """An option has a bad value (file, environment or flag)."""

    exit_code = 2


class DataFileError(NewseventsError):
    """A data file (dictionary, lexicon, codebook) is malformed."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class PipelineError(NewseventsError):
    """The configured stages do not fit together."""


class StageError(NewseventsError):
    """A stage failed on one document."""

    def __init__(self, stage: str, article_id: str, cause: BaseException) -> None:
        self.stage = stage
        self.article_id = article_id
        self.cause = cause
        super().__init__(f"stage {stage!r} failed on article {article_id}: {type(cause).__name__}: {cause}")


class StoreError(NewseventsError):
    """A store folder cannot be opened, read or written."""

    exit_code = 3
