"""The error the web layer raises: an HTTP status and a message, rendered as JSON under /api/ or as a page."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error to report to the client with an HTTP status (JSON under /api/, a page elsewhere)."""

    def __init__(self, status: int, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors or []
