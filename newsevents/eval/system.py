"""Build the pipeline a task runner needs, turning a missing stage into one clear error."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from newsevents.config import Options
from newsevents.errors import PipelineError

if TYPE_CHECKING:
    from newsevents.model import Article, Document
    from newsevents.pipeline import Pipeline

log = logging.getLogger(__name__)
T = TypeVar("T")


def build_pipeline(
    task: str, stages: tuple[str, ...] | None = None, options: Options | None = None
) -> Pipeline:
    """Return a Pipeline with the given (else default) options, limited to ``stages`` when given."""
    from newsevents.config import load_options
    from newsevents.pipeline import Pipeline

    options = options or load_options()
    if stages is not None:
        options = options.replace(stages=stages)
    try:
        return Pipeline(options)
    except ImportError as exc:  # a stage module not written or not installed yet
        raise PipelineError(f"eval {task} needs the stages {', '.join(options.stages)}, but one cannot be "
                            f"imported ({exc})") from None
    except PipelineError as exc:
        raise PipelineError(f"eval {task}: {exc}") from None


def need(task: str, module: str, name: str) -> Any:
    """Import ``name`` from ``module`` or say clearly which interface the task is waiting for."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise PipelineError(f"eval {task} needs {module}.{name}, which is not available ({exc})") from None


def find_per_document(
    task: str, pipe: Pipeline, articles: Sequence[Article], find: Callable[[Document], list[T]]
) -> tuple[list[list[T]], int]:
    """Run ``pipe`` and then ``find`` on each article; a failed document counts as empty and as quarantined."""
    out: list[list[T]] = []
    quarantined = 0
    for result in pipe.run(articles):
        if getattr(result, "parse", None) is None:
            quarantined += 1
            out.append([])
            continue
        try:
            out.append(find(result))  # type: ignore[arg-type]
        except Exception as exc:
            log.warning("eval %s failed on %s: %s: %s", task, result.article.input_id, type(exc).__name__, exc)
            quarantined += 1
            out.append([])
    return out, quarantined
