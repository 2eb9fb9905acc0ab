"""The koryo site and its JSON API: one FastAPI app, read-only over a store.

Every page is a function returning a dict (koryo.web.pages); it is served as HTML at /PATH and
as JSON at /api/PATH. Errors have one JSON shape, `{"error": {"status", "message"}}`, and an HTML
page of their own; a bad or unknown parameter is a 400, a missing id a 404, a query over the
time limit a 503, never a 500. The server bounds its work: lists are paginated, queries are
timed, query strings and numbers are range-checked."""

from __future__ import annotations

import functools
import io
import re
import threading
from importlib.metadata import PackageNotFoundError, version
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from koryo import ask
from koryo.errors import KoryoError, NotFound, StoreError, UsageError
from koryo.export import write
from koryo.store.queries import QueryTimeout, Reader, Versioned
from koryo.web import pages, summaries
from koryo.web import search as search_page
from koryo.web.models import ERROR_RESPONSES, MODELS
from koryo.web.pages import Context, Paging

try:
    VERSION = version("koryo")
except PackageNotFoundError:  # run from a checkout that was not installed
    VERSION = "0"
TIME_LIMIT_MS = 1000
MAX_ID = 2**62
LINK_SCHEMES = ("http", "https", "mailto")
PAGE_LANGUAGE = "en"
LANG = re.compile(r"[a-z]{2,3}")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer"),
]


def link_url(url: str | None) -> str:
    """The URL when a browser may follow it safely (http, https, mailto), else ''."""
    if not url:
        return ""
    scheme = urlsplit(url.strip()).scheme.casefold()
    return url.strip() if scheme in LINK_SCHEMES else ""


@functools.lru_cache(maxsize=64)
def language_name(code: str) -> str:
    """The English name of an ISO 639 language code ("ru": Russian), else the code."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code


SEPARATOR = re.compile(r"(?<=[_/])")


def breakable(name: str) -> Markup:
    """A file name (escaped) that a narrow column breaks only after its separators (`_`, `/`; a
    browser breaks after `-` already), never between two letters."""
    return Markup("<wbr>").join(escape(part) for part in SEPARATOR.split(name))


def lang_attr(lang: str | None) -> Markup:
    """` lang="ru"` for a quote in the language its document was detected in (so it is read and
    hyphenated as such); nothing when unknown."""
    return Markup(f' lang="{lang}"') if lang and LANG.fullmatch(lang) else Markup("")


def lang_label(lang: str | None) -> Markup:
    """A visible label on a quote that is not in the page's language (English)."""
    if not lang or lang == PAGE_LANGUAGE or not LANG.fullmatch(lang):
        return Markup("")
    return Markup(f' <abbr class="lang" title="in {escape(language_name(lang))}">{lang}</abbr>')


class Guard:
    """ASGI middleware: security headers on every response, HEAD answered as GET without a body,
    and a trailing slash redirected relatively (never to the Host header's host)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        path: str = scope["path"]
        if path != "/" and path.endswith("/") and not path.startswith("/static/"):
            query = scope.get("query_string", b"").decode("latin-1")
            target = "/" + path.strip("/") + ("?" + query if query else "")
            response: Response = RedirectResponse(target, status_code=308)
            await self._send(response, scope, receive, send, head)
            return
        if head:
            scope = {**scope, "method": "GET"}

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b"", "more_body": message.get("more_body", False)}
            await send(message)

        await self.app(scope, receive, send_guarded)

    async def _send(self, response: Response, scope: Scope, receive: Receive, send: Send, head: bool) -> None:
        response.headers.update({k.decode(): v.decode() for k, v in HEADERS})
        if head:
            response.body = b""
        await response(scope, receive, send)


def pager(default: int = 50) -> Callable[..., Paging]:
    """The `limit`, `offset` and `page` parameters of a list, `default` rows a page."""

    def paging(
        request: Request,
        limit: int = Query(default, ge=1, le=500, description="Rows per page"),
        offset: int = Query(0, ge=0, le=1_000_000, description="Rows to skip"),
        page: int | None = Query(None, ge=1, le=100_000, description="Page number (instead of offset)"),
    ) -> Paging:
        if page is not None:
            offset = (page - 1) * limit
        query = tuple((k, v) for k, v in request.query_params.multi_items())
        return Paging(limit, offset, request.url.path, query)

    return paging


def known_parameters(request: Request) -> None:
    """Unknown query parameters are an error, not silently ignored."""
    route = request.scope.get("route")
    if route is None:
        return
    allowed: set[str] = set()
    todo = [route.dependant]
    while todo:  # the route's query parameters and those of its dependencies (paging)
        dependant = todo.pop()
        allowed |= {p.alias for p in dependant.query_params}
        todo += dependant.dependencies
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise UsageError(f"unknown parameter {unknown[0]!r}; this page takes: {', '.join(sorted(allowed)) or 'none'}")


def create_app(db: str, time_limit_ms: int | None = TIME_LIMIT_MS, on_reads: Callable[[str, Any], None] | None = None,
               warm: bool = True) -> FastAPI:
    """The app over the store at `db` (read-only). Each request's queries share `time_limit_ms`;
    `on_reads(path, reads)` is told what each request read (for tests of bounded pages)."""
    app = FastAPI(
        title="koryo", version=VERSION, docs_url=None, redoc_url=None, dependencies=[Depends(known_parameters)],
        description="A cited knowledge base about a migration corridor. Every figure links back to its source. "
                    "Lists take `limit`, `offset` (or `page`) and answer `total`, `next` and `prev`.",
    )
    app.router.redirect_slashes = False
    app.add_middleware(Guard)
    env = Environment(loader=PackageLoader("koryo.web", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["link_url"] = link_url
    env.filters["lang_attr"] = lang_attr
    env.filters["breakable"] = breakable
    env.filters["lang_label"] = lang_label
    static = resources.files("koryo.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    cache = Versioned(db)
    app.state.summaries = cache

    if warm:
        def warm_up() -> None:
            try:
                summaries.warm(cache)
                summaries.get(cache, "ask")
                ask.warm_up()
            except StoreError:
                pass  # no store yet: the pages say so

        threading.Thread(target=warm_up, name="koryo-warm", daemon=True).start()

    def context(request: Request) -> Iterator[Context]:
        try:
            reader = Reader(db, time_limit_ms)
        except StoreError as exc:
            raise NotFound(str(exc)) from exc
        try:
            yield Context(reader, cache)
        finally:
            reader.close()
            if on_reads is not None:
                on_reads(request.url.path, reader.reads)

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
                # returned as is: the models document the shape (tests validate real answers against them)
                # and FastAPI's jsonable_encoder would walk every value again
                return JSONResponse(build(*args, **kwargs))

            api = "/api" + (path if path != "/" else "/home")
            app.get(path, response_class=HTMLResponse, include_in_schema=False)(as_html)
            app.get(api, summary=(build.__doc__ or path).strip(), response_model=MODELS.get(build.__name__),
                    responses=ERROR_RESPONSES)(as_json)
            listed = pages.LISTS.get(build.__name__)
            if listed is not None:
                @functools.wraps(build)
                def as_csv(*args: Any, **kwargs: Any) -> Response:
                    buf = io.StringIO()
                    write(build(*args, **kwargs)[listed], "csv", buf)
                    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                                    headers={"Content-Disposition": f'attachment; filename="{api.strip("/").replace("/", "-")}.csv"'})

                app.get(api + ".csv", summary=f"This view's {listed} as CSV (the same parameters)", responses=ERROR_RESPONSES,
                        response_class=Response)(as_csv)
            return build

        return register

    Ctx = Depends(context)
    Pages = Depends(pager())
    DocId = Path(ge=1, le=MAX_ID, description="A document's id")
    Index = Path(ge=0, le=100_000, description="A table's index in its document (0 first)")
    Lang = Query(None, pattern="^[a-z]{2,3}$", description="Only documents in this language (ISO 639 code)")
    Year = Query(None, pattern="^[0-9]{4}$", description="Only events that start in this year")
    Sort = Query(None, max_length=30, description="Sort by this (see the page's `sort` links); -NAME for descending")

    @page("/", "home.html")
    def home(ctx: Context = Ctx) -> dict[str, Any]:
        """What the knowledge base holds, key figures with their sources, the latest conflicts."""
        return pages.home(ctx)

    @page("/timeline", "timeline.html")
    def timeline(
        ctx: Context = Ctx, p: Paging = Pages,
        date_from: str | None = Query(None, alias="from", max_length=10, description="Year or ISO date"),
        date_to: str | None = Query(None, alias="to", max_length=10, description="Year or ISO date"),
        place: str | None = Query(None, max_length=200), group: str | None = Query(None, max_length=200),
        doc: str | None = Query(None, max_length=300), language: str | None = Lang, year: str | None = Year, sort: str | None = Sort,
    ) -> dict[str, Any]:
        """Events in date order (or by document), filterable by period, place, group, document, language and year, with facets."""
        return pages.timeline(ctx, date_from, date_to, place, group, doc, p, language, year, sort)

    @page("/statistics", "statistics.html")
    def statistics(ctx: Context = Ctx, p: Paging = Pages, doc: str | None = Query(None, max_length=300), language: str | None = Lang,
                   kind: str | None = Query(None, max_length=20, description=" or ".join(pages.TABLE_KINDS)),
                   sort: str | None = Sort) -> dict[str, Any]:
        """Every table of every document, sortable, filterable by document, language and kind, with facets."""
        return pages.statistics(ctx, p, doc, language, kind, sort)

    @page("/statistics/series", "series.html")
    def series(ctx: Context = Ctx, p: Paging = Depends(pager(20))) -> dict[str, Any]:
        """The same indicator lined up across documents and years."""
        return pages.series(ctx, p)

    @page("/statistics/{doc_id}/{index}", "table.html")
    def table(doc_id: int = DocId, index: int = Index, ctx: Context = Ctx) -> dict[str, Any]:
        """One table: cells with their header paths, observations, a chart."""
        return pages.table(ctx, doc_id, index)

    @app.get("/api/statistics/{doc_id}/{index}/observations.{fmt}", summary="A table's observations as CSV or JSON",
             responses=ERROR_RESPONSES)
    def table_download(fmt: str, doc_id: int = DocId, index: int = Index, ctx: Context = Ctx) -> Response:
        if fmt not in ("csv", "json"):
            raise UsageError(f"{fmt[:20]}: use csv or json")
        records = pages.table_records(ctx, doc_id, index)
        if fmt == "json":
            return JSONResponse(records)
        buf = io.StringIO()
        write(records, "csv", buf)
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="table-{doc_id}-{index}.csv"'})

    @page("/corridors", "corridors.html")
    def corridors(ctx: Context = Ctx, p: Paging = Pages, group: str | None = Query(None, max_length=200),
                  origin: str | None = Query(None, max_length=200), destination: str | None = Query(None, max_length=200),
                  kind: str | None = Query(None, max_length=20, description=", ".join(pages.FLOW_KINDS)),
                  doc: str | None = Query(None, max_length=300), language: str | None = Lang, sort: str | None = Sort) -> dict[str, Any]:
        """Flows of people: origin → destination, period, size when stated, with evidence; sortable, with facets."""
        return pages.corridors(ctx, group, origin, destination, p, kind, doc, language, sort)

    @page("/entities", "entities.html")
    def entities(ctx: Context = Ctx, p: Paging = Pages,
                 type: str | None = Query(None, pattern="^(person|place|organisation|group|policy)$"),
                 doc: str | None = Query(None, max_length=300, description="Only entities this document (file name) mentions"),
                 sort: str | None = Sort) -> dict[str, Any]:
        """People, places, organisations, groups and policies, sortable, with facets by type and document."""
        return pages.entities(ctx, type, p, doc, sort)

    @page("/entities/{key:path}", "entity.html")
    def entity(key: str = Path(max_length=300), ctx: Context = Ctx, p: Paging = Pages) -> dict[str, Any]:
        """One entity with its mentions, facts and events."""
        return pages.entity(ctx, key, p)

    @page("/help", "help.html")
    def help_directory(ctx: Context = Ctx, p: Paging = Pages,
                       service: str | None = Query(None, max_length=200, description="Only organisations offering this service"),
                       city: str | None = Query(None, max_length=200), country: str | None = Query(None, max_length=200),
                       kind: str | None = Query(None, max_length=40), doc: str | None = Query(None, max_length=300),
                       sort: str | None = Sort) -> dict[str, Any]:
        """Organisations that help migrants, sortable, filterable by service, city, country, kind and document, with facets."""
        return pages.help_directory(ctx, service, city, p, country, kind, doc, sort)

    @page("/sources", "sources.html")
    def sources(ctx: Context = Ctx, p: Paging = Pages, language: str | None = Lang,
                format: str | None = Query(None, max_length=20), sort: str | None = Sort) -> dict[str, Any]:
        """The stored documents, sortable, filterable by language and format, with facets."""
        return pages.sources(ctx, p, language, format, sort)

    DocRef = Path(max_length=300, description="A document's id, file name or the start of its sha256 (6 or more hex digits)")

    @page("/sources/{doc}", "source.html")
    def source(doc: str = DocRef, ctx: Context = Ctx,
               hl: str | None = Query(None, max_length=30, description="START-END offsets to highlight")) -> dict[str, Any]:
        """A document rendered with its figures marked; `hl` highlights a span and shows its citation."""
        return pages.source(ctx, pages.document_id(ctx, doc, MAX_ID), hl)

    @page("/sources/{doc}/tables/{number}", "table.html")
    def table_by_number(doc: str = DocRef, number: int = Path(ge=0, le=100_000, description="The table's number as printed"),
                        ctx: Context = Ctx) -> dict[str, Any]:
        """A table by its document and its number as printed (the stable link: "Table 3" is at …/tables/3)."""
        doc_id = pages.document_id(ctx, doc, MAX_ID)
        return pages.table(ctx, doc_id, pages.table_index(ctx, doc_id, number))

    @page("/conflicts", "conflicts.html")
    def conflicts(ctx: Context = Ctx, p: Paging = Pages, agreements: bool = False,
                  kind: str | None = Query(None, max_length=20), sort: str | None = Sort) -> dict[str, Any]:
        """Where sources disagree (or agree): one card per claim, side by side with citations, sortable, with facets; the documents' own checks."""
        return pages.conflicts(ctx, agreements, p, kind, sort)

    @page("/claims", "claims.html")
    def claims(ctx: Context = Ctx, p: Paging = Pages, disagreeing: bool = False) -> dict[str, Any]:
        """Every claim two sources or more make, with who agrees; `disagreeing=true` keeps those where they do not."""
        return pages.claims(ctx, p, disagreeing)

    @page("/claims/{claim_id}", "claim.html")
    def claim(ctx: Context = Ctx, claim_id: str = Path(..., max_length=40)) -> dict[str, Any]:
        """One claim: every statement side by side — figure, quote, document, date, rank and its reason."""
        return pages.claim(ctx, claim_id)

    @page("/revisions", "revisions.html")
    def revisions(ctx: Context = Ctx, p: Paging = Depends(pager(5))) -> dict[str, Any]:
        """Fact-level differences between consecutive revisions of one article, one pair per row."""
        return pages.revisions(ctx, p)

    @page("/search", "search.html")
    def search(
        ctx: Context = Ctx, p: Paging = Depends(pager(20)),
        q: str = Query("", description=f"Words to find; word* is a prefix (at most {search_page.MAX_QUERY_TERMS} words)"),
        kind: str | None = Query(None, description="text, table, fact, event or entity"),
        doc: str | None = Query(None, max_length=300), year: str | None = Query(None, pattern="^[0-9]{4}$", description="Only hits of this year"),
        place: str | None = Query(None, max_length=200), sort: str | None = Sort,
    ) -> dict[str, Any]:
        """Full-text search over documents, facts, events, tables and entities, ranked (or by year or document), with facets."""
        return search_page.search(ctx, q, kind, doc, year, place, p, sort)

    def answer(q: str) -> dict[str, Any]:
        return ask.ask(summaries.get(cache, "ask"), q)

    @app.get("/ask", response_class=HTMLResponse, include_in_schema=False)
    def ask_page(q: str = Query("", description="A question")) -> HTMLResponse:
        if not q.strip():
            return render("ask.html", {"title": "Ask", "question": ""})
        result = answer(q)
        return render("ask.html", {**result, "title": f"Ask: {result['question']}"})

    @app.get("/api/ask", summary="A question answered from the documents' statements, each cited; or abstained",
             responses=ERROR_RESPONSES)
    def ask_api(q: str = Query("", description=f"A question in any language (at most {ask.MAX_QUESTION_CHARS} characters)")) -> JSONResponse:
        return JSONResponse(answer(q))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return render("docs.html", {"title": "API"})

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
        return render("error.html", {"title": f"{status}", "status": status, "message": message}, status)

    @app.exception_handler(NotFound)
    def not_found(request: Request, exc: NotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(QueryTimeout)
    def too_slow(request: Request, exc: QueryTimeout) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(KoryoError)
    def bad_request(request: Request, exc: KoryoError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return error(request, 400, problems[:500] or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail) if exc.status_code != 404 else f"{request.url.path[:200]}: no such page")

    @app.exception_handler(Exception)
    def crash(request: Request, exc: Exception) -> Response:  # a bug: say so plainly, in the same shape
        return error(request, 500, f"internal error ({type(exc).__name__}); please report it")

    schema = app.openapi

    def openapi() -> dict[str, Any]:
        """The schema without FastAPI's 422 answers: the server answers 400 in the one error shape."""
        spec = schema()
        for operations in spec.get("paths", {}).values():
            for op in operations.values():
                op.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            spec.get("components", {}).get("schemas", {}).pop(name, None)
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
    return app
