"""Shared fixtures. The spaCy model and the default pipeline load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.config import load_options
from newsevents.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
XI_EXAMPLE = SHARED_DATA / "examples" / "xi-visit-scraped.txt"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline with every stage (loaded once; stages keep no per-document state)."""
    return Pipeline(load_options(config_file=None))


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy model."""
    from newsevents.nlp import load_model

    return load_model(load_options().model)


@pytest.fixture()
def shared_data() -> Path:
    """The gold data folder beside the repository; tests needing it skip when it is absent."""
    if not SHARED_DATA.exists():
        pytest.skip("no gold data at ../shared/data")
    return SHARED_DATA


@pytest.fixture(scope="session")
def xi_text() -> str:
    """The scraped xi-visit page (skips when ../shared/data is absent)."""
    if not XI_EXAMPLE.exists():
        pytest.skip("no ../shared/data/examples/xi-visit-scraped.txt")
    return XI_EXAMPLE.read_text(encoding="utf-8")
