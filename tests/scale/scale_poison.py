"""A stage that kills its worker process on one marked article (a worker preload in tests/scale)."""

from __future__ import annotations

import os

from newsevents.model import Document
from newsevents.registry import stage

MARK = "POISON-PILL"


@stage("poison", version="tests.poison.v1", requires=("text",), assigns=())
def poison(options: object) -> object:
    def run(doc: Document) -> Document:
        if MARK in doc.text:
            os._exit(1)  # what a segfault in a native library looks like to Dask: the process is gone
        return doc

    return run
