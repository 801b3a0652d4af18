"""The HTTP API and web UI over a store: ``newsevents serve --store DIR``.

>>> from newsevents.web import serve
>>> serve("newsevents-store", port=8000)                           # doctest: +SKIP
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from newsevents.config import Options
    from newsevents.pipeline import Pipeline

log = logging.getLogger(__name__)


def create_app(store_dir: str, *, options: Options | None = None,
               pipeline: Pipeline | None = None) -> FastAPI:
    """Return the FastAPI application over the store at ``store_dir`` (opened read-only)."""
    try:
        from newsevents.web.app import create_app as _create_app
    except ImportError as exc:  # the web extra is optional
        from newsevents.errors import ConfigError

        missing = exc.name or "fastapi"
        raise ConfigError(f"the web UI needs {missing}: pip install 'newsevents[web]'") from None
    return _create_app(store_dir, options=options, pipeline=pipeline)


def serve(store_dir: str, host: str = "127.0.0.1", port: int = 8000, *,
          options: Options | None = None) -> None:
    """Serve the API and web UI with uvicorn until interrupted; binds to localhost unless told otherwise."""
    app = create_app(store_dir, options=options)
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: the UI has no authentication; anyone who can reach it can read the store",
                    host)
    uvicorn.run(app, host=host, port=port, log_level="info")


__all__ = ["create_app", "serve"]
