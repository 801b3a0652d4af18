"""Build the pipeline a task runner needs, turning a missing stage into one clear error."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newsevents.config import Options
from newsevents.errors import PipelineError

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline


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
