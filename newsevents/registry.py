"""The stage registry: every pipeline stage, by name, with what it requires and assigns.

A stage is a factory ``make(options) -> Callable[[Document], Document]``. The callable may also have
a ``pipe(docs) -> Iterator[Document]`` method for batched work (the parse stage uses it), as spaCy
components do. Registering is done with the :func:`stage` decorator in the module that implements it;
:func:`get_stage` imports the built-in stage modules on first use, so nothing runs at import time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from newsevents.errors import PipelineError
from newsevents.model import Document

StageFn = Callable[[Document], Document]
Factory = Callable[..., StageFn]

# What every document has before the first stage runs.
INITIAL = frozenset({"text", "article"})

# Modules that register the built-in stages; imported lazily by get_stage().
BUILTIN_MODULES = (
    "newsevents.clean.stage",
    "newsevents.nlp",
    "newsevents.actors.stage",
    "newsevents.coding.stage",
    "newsevents.when.stage",
    "newsevents.where.stage",
)


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its name, versioned implementation name, factory and contract."""

    name: str
    version: str
    factory: Factory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


class Registry:
    """Holds stage specs by name; one module-level instance serves the package."""

    def __init__(self) -> None:
        self._specs: dict[str, StageSpec] = {}
        self._loaded = False

    def add(self, spec: StageSpec) -> None:
        self._specs[spec.name] = spec

    def _load_builtins(self) -> None:
        if not self._loaded:
            self._loaded = True
            for module in BUILTIN_MODULES:
                importlib.import_module(module)

    def get(self, name: str) -> StageSpec:
        self._load_builtins()
        try:
            return self._specs[name]
        except KeyError:
            known = ", ".join(sorted(self._specs))
            raise PipelineError(f"unknown stage {name!r}; registered stages: {known}") from None

    def names(self) -> list[str]:
        self._load_builtins()
        return sorted(self._specs)


REGISTRY = Registry()


def stage(
    name: str, *, version: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()
) -> Callable[[Factory], Factory]:
    """Register a stage factory under ``name`` with its contract."""

    def register(factory: Factory) -> Factory:
        REGISTRY.add(
            StageSpec(
                name=name,
                version=version,
                factory=factory,
                requires=requires,
                assigns=assigns,
                doc=(factory.__doc__ or "").strip().splitlines()[0] if factory.__doc__ else "",
            )
        )
        return factory

    return register


def get_stage(name: str) -> StageSpec:
    """Return the registered stage called ``name``."""
    return REGISTRY.get(name)


def check_contract(names: list[str] | tuple[str, ...]) -> list[StageSpec]:
    """Return the specs for ``names`` after checking every requirement is assigned upstream."""
    available = set(INITIAL)
    specs = []
    for name in names:
        spec = get_stage(name)
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns "
                f"(order: {' -> '.join(names)})"
            )
        available.update(spec.assigns)
        specs.append(spec)
    return specs
