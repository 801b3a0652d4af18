"""Build the FastAPI application: JSON API under /api/, server-rendered pages, vendored static assets.

>>> app = create_app("newsevents-store")                          # doctest: +SKIP
>>> import uvicorn; uvicorn.run(app, host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import logging
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents.config import Options, load_options
from newsevents.errors import NewseventsError
from newsevents.web.errors import ApiError
from newsevents.web.queries import ReadOnlyStore
from newsevents.web.render import render

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline

log = logging.getLogger(__name__)

# No inline script or style anywhere: every script is a file under /static, data comes from /api or data-*.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
MAX_BODY_BYTES = 1_000_000  # a pasted article; the extraction text limit is Options.max_chars


class Guard:
    """ASGI middleware: add security headers to every response and refuse request bodies over the limit."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and not length.isdigit():
            await _refuse(scope, receive, send, 400, "bad content-length header")
            return
        if length is not None and int(length) > self.max_body:
            await _refuse(scope, receive, send, 413, f"request body larger than {self.max_body} bytes")
            return
        if length is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # A body without a length (chunked) is read here, up to the limit, then replayed.
            chunks, size, more = [], 0, True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                more = message.get("more_body", False)
                if size > self.max_body:
                    await _refuse(scope, receive, send, 413,
                                  f"request body larger than {self.max_body} bytes")
                    return
            replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

            async def buffered_receive() -> Message:
                return replay.pop() if replay else await receive()

            receive = buffered_receive

        async def secure_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = [(k, v) for k, v in message.get("headers", [])
                       if k.decode().lower() not in SECURITY_HEADERS]
                raw += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, secure_send)


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
    response = JSONResponse({"status": status, "message": message}, status_code=status,
                            headers=SECURITY_HEADERS)
    await response(scope, receive, send)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def _error_response(request: Request, status: int, message: str, errors: list[Any] | None = None) -> Response:
    if _wants_json(request):
        body: dict[str, Any] = {"status": status, "message": message}
        if errors:
            body["errors"] = errors
        return JSONResponse(body, status_code=status)
    return render(request, "error.html", {"status": status, "message": message, "errors": errors or []},
                  status=status)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            out.append({"parameter": "body", "message": "not valid JSON"})
            continue
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        out.append({"parameter": ".".join(loc) or "body", "message": str(err.get("msg", "invalid"))})
    return out


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return _error_response(request, exc.status, exc.message, exc.errors)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        errors = _validation_errors(exc)
        message = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
        return _error_response(request, 422, message or "invalid request", errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _error_response(request, exc.status_code, message)

    @app.exception_handler(NewseventsError)
    async def newsevents_error(request: Request, exc: NewseventsError) -> Response:
        # Store errors raised by a query mean the request asked for something impossible.
        return _error_response(request, 422, str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s", request.url.path, exc_info=exc)
        return _error_response(request, 500, f"internal error ({type(exc).__name__})")


def static_dir() -> Path:
    """Return the folder of the vendored CSS, JavaScript and map data."""
    return Path(str(resources.files("newsevents.web").joinpath("static")))


def create_app(store_dir: str, *, options: Options | None = None,
               pipeline: Pipeline | None = None) -> FastAPI:
    """Return the web application over the store at ``store_dir``, opened read-only.

    ``pipeline`` serves /api/extract; by default one is built from ``options`` on the first extraction.
    """
    from newsevents.web import api, pages

    options = options or load_options()
    store = ReadOnlyStore.open(store_dir, options=options)
    app = FastAPI(
        title="newsevents",
        summary="Sourced, queryable political events (CAMEO/PLOVER) from news articles.",
        version=_version(),
        docs_url=None, redoc_url=None,  # the stock pages load scripts from a CDN; /docs is ours
        openapi_url="/openapi.json",
    )
    app.state.store = store
    app.state.options = options
    if pipeline is not None:
        app.state.pipeline = lambda: pipeline
    else:  # spaCy and the gazetteer load on the first extraction, not at start-up
        app.state.pipeline = functools.lru_cache(maxsize=1)(functools.partial(_pipeline, options))
    _install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.add_middleware(Guard, max_body=MAX_BODY_BYTES)
    log.info("serving store %s", store.path)
    return app


def _pipeline(options: Options) -> Pipeline:
    from newsevents.pipeline import Pipeline

    return Pipeline(options)


def _version() -> str:
    from newsevents import __version__

    return __version__

