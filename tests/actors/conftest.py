"""Fixtures of the actor tests."""

from __future__ import annotations

import pytest
from actor_runner import Runner, make_runner


@pytest.fixture(scope="module")
def run() -> Runner:
    """``run(text, published, removed) -> Document`` through the real clean, parse and actors stages."""
    return make_runner()
