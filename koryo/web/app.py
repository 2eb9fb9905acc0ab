"""The koryo site and its JSON API: one FastAPI app, read-only over a store.

Every page is a function returning a dict (koryo.web.pages); it is served as HTML at /PATH and
as JSON at /api/PATH. Errors have one JSON shape, `{"error": {"status", "message"}}`, and an HTML
page of their own; a bad parameter is a 400, a missing id a 404, never a 500."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from importlib import resources
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from koryo.errors import KoryoError, NotFound, StoreError, UsageError
from koryo.export import write
from koryo.store import Store
from koryo.web import pages

def create_app(db: str) -> FastAPI:
    """The app over the store at `db` (opened read-only, once per request)."""
    app = FastAPI(
        title="koryo", version="1", docs_url=None, redoc_url=None,
        description="A cited knowledge base about a migration corridor. Every figure links back to its source.",
    )
    env = Environment(loader=PackageLoader("koryo.web", "templates"), autoescape=select_autoescape(["html"]))
    static = resources.files("koryo.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    def store() -> Store:
        try:
            return Store(db, readonly=True)
        except StoreError as exc:
            raise NotFound(str(exc)) from exc

    def render(template: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**data), status_code=status)

    def page(path: str, template: str) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
        """Serve one page builder at `path` (HTML) and `/api{path}` (JSON)."""

        def register(build: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
            @functools.wraps(build)
            def as_html(*args: Any, **kwargs: Any) -> HTMLResponse:
                return render(template, build(*args, **kwargs))

            @functools.wraps(build)
            def as_json(*args: Any, **kwargs: Any) -> JSONResponse:
                return JSONResponse(build(*args, **kwargs))

            app.get(path, response_class=HTMLResponse, include_in_schema=False)(as_html)
            app.get("/api" + (path if path != "/" else "/home"), summary=build.__doc__ or path)(as_json)
            return build

        return register

    @page("/", "home.html")
    def home() -> dict[str, Any]:
        """What the knowledge base holds, key figures with their sources, the latest conflicts."""
        return pages.home(store())

    @page("/timeline", "timeline.html")
    def timeline(
        date_from: str | None = Query(None, alias="from", description="Year or ISO date"),
        date_to: str | None = Query(None, alias="to", description="Year or ISO date"),
        place: str | None = None, group: str | None = None, doc: str | None = None,
    ) -> dict[str, Any]:
        """Events in date order, filterable by period, place, group and document."""
        return pages.timeline(store(), date_from, date_to, place, group, doc)

    @page("/statistics", "statistics.html")
    def statistics() -> dict[str, Any]:
        """Every table of every document."""
        return pages.statistics(store())

    @page("/statistics/series", "series.html")
    def series() -> dict[str, Any]:
        """The same indicator lined up across documents and years."""
        return pages.series(store())

    @page("/statistics/{doc_id}/{index}", "table.html")
    def table(doc_id: int, index: int) -> dict[str, Any]:
        """One table: cells with their header paths, observations, a chart."""
        return pages.table(store(), doc_id, index)

    @app.get("/api/statistics/{doc_id}/{index}/observations.{fmt}", summary="A table's observations as CSV or JSON")
    def table_download(doc_id: int, index: int, fmt: str) -> Response:
        if fmt not in ("csv", "json"):
            raise UsageError(f"{fmt}: use csv or json")
        records = pages.table_records(store(), doc_id, index)
        if fmt == "json":
            return JSONResponse(records)
        buf = io.StringIO()
        write(records, "csv", buf)
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="table-{doc_id}-{index}.csv"'})

    @page("/corridors", "corridors.html")
    def corridors(group: str | None = None, origin: str | None = None, destination: str | None = None) -> dict[str, Any]:
        """Flows of people: origin → destination, period, size when stated, with evidence."""
        return pages.corridors(store(), group, origin, destination)

    @page("/entities", "entities.html")
    def entities(type: str | None = Query(None, pattern="^(person|place|organisation|group|policy)$")) -> dict[str, Any]:
        """People, places, organisations, groups and policies."""
        return pages.entities(store(), type)

    @page("/entities/{key:path}", "entity.html")
    def entity(key: str) -> dict[str, Any]:
        """One entity with its mentions, facts and events."""
        return pages.entity(store(), key)

    @page("/help", "help.html")
    def help_directory(service: str | None = Query(None, description="Only organisations offering this service"), city: str | None = None) -> dict[str, Any]:
        """Organisations that help migrants, filterable by service and city."""
        return pages.help_directory(store(), service, city)

    @page("/sources", "sources.html")
    def sources() -> dict[str, Any]:
        """The stored documents."""
        return pages.sources(store())

    @page("/sources/{doc_id}", "source.html")
    def source(doc_id: int, hl: str | None = Query(None, description="START-END offsets to highlight")) -> dict[str, Any]:
        """A document rendered with its figures marked; `hl` highlights a span and shows its citation."""
        return pages.source(store(), doc_id, hl)

    @page("/conflicts", "conflicts.html")
    def conflicts(agreements: bool = False) -> dict[str, Any]:
        """Where sources disagree (or agree), side by side with their citations; the documents' own checks."""
        return pages.conflicts(store(), agreements)

    @page("/revisions", "revisions.html")
    def revisions() -> dict[str, Any]:
        """Fact-level differences between revisions of one article."""
        return pages.revisions(store())

    @page("/search", "search.html")
    def search(
        q: str = Query("", description="Words to find"), kind: str | None = None, doc: str | None = None,
        year: str | None = None, place: str | None = None, limit: int = Query(50, ge=1, le=500),
    ) -> dict[str, Any]:
        """Full-text search over documents, facts, events, tables and entities, with facets."""
        return pages.search(store(), q, kind, doc, year, place, limit)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="koryo API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js", swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
        return render("error.html", {"title": f"{status}", "status": status, "message": message}, status)

    @app.exception_handler(NotFound)
    def not_found(request: Request, exc: NotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(UsageError)
    def bad_request(request: Request, exc: UsageError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(KoryoError)
    def koryo_error(request: Request, exc: KoryoError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return error(request, 400, problems or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail) if exc.status_code != 404 else f"{request.url.path}: no such page")

    @app.exception_handler(Exception)
    def crash(request: Request, exc: Exception) -> Response:  # a bug: say so plainly, in the same shape
        return error(request, 500, f"internal error ({type(exc).__name__}); please report it")

    return app
