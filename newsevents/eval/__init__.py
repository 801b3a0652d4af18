"""Evaluate the pipeline on gold files: events, time, geo and html tasks, a report each, and a quality gate.

>>> report = run_eval("time", "../shared/data/time/timebank.jsonl", by="type", errors=5)  # doctest: +SKIP
>>> print(report.to_text())                                                             # doctest: +SKIP

The scoring code (:mod:`newsevents.eval.metrics` and the ``score_*`` functions of each task module)
shares nothing with the pipeline: it reads plain records made from the pipeline's output.
"""

from __future__ import annotations

import importlib

# Not `import time`: the time task submodule, once imported, is bound to that name in this package.
from time import perf_counter

from newsevents.config import Options
from newsevents.errors import ConfigError
from newsevents.eval.report import EvalReport, Miss

TASKS = ("events", "time", "geo", "html")


def run_eval(task: str, gold_path: str, *, by: str | None = None, errors: int = 0,
             limit: int | None = None, options: Options | None = None) -> EvalReport:
    """Run the pipeline on a gold file and score it; ``limit`` keeps the first N rows.

    ``options`` (e.g. from --config/--model) default to :func:`newsevents.config.load_options`.
    """
    if task not in TASKS:
        raise ConfigError(f"unknown eval task {task!r}; choose one of {', '.join(TASKS)}")
    if limit is not None and limit < 1:
        raise ConfigError(f"--limit must be at least 1, not {limit}")
    module = importlib.import_module(f"newsevents.eval.{task}")
    started = perf_counter()
    report: EvalReport = module.evaluate(str(gold_path), by=by, errors=max(0, errors), limit=limit,
                                         options=options)
    report.seconds = perf_counter() - started
    return report


__all__ = ["TASKS", "EvalReport", "Miss", "run_eval"]
