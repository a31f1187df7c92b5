"""The routes of `cleanup serve`: the queue, an article's review page, saving its decisions, its state, a
Word article's editions, the glossary page and its edits, and the static files; every request first passes
`security.Guard`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..decisions import DecisionsError
from .background import Background
from .glossary import Desk
from .pages import glossary_page, queue_page, static_files
from .project import Article, Project
from .saving import NameEdit, PageEdit, save_decisions_from_page, valid_verdict, version
from .security import MAX_BODY, BodyTooLarge, Guard, refusal

MAX_EDITOR = 60  # characters of an editor's name
MAX_TEXT = 100_000  # characters of one string in a save


class BadRequest(Exception):
    """A body that is not a save: the message says what is wrong."""


def create_app(project: Project, background: Background, token: str, hosts: set[str]) -> Guard:
    """The application: its routes behind the guard."""
    files = static_files()
    pages = background.pages
    desk = Desk(project, background)
    title = ", ".join(project.args.paths or ["seeds"])

    def found(request: Request) -> Article | None:
        return project.served(request.path_params["name"])  # only a name the server listed: no path is built

    async def queue(request: Request) -> Response:
        return HTMLResponse(queue_page(token, title))

    async def queue_rows(request: Request) -> Response:
        await run_in_threadpool(background.look)
        await run_in_threadpool(background.notice_settings)
        answer = {
            "rows": background.queue(),
            "progress": background.progress(),
            "settings_problem": background.settings_problem,
        }
        return JSONResponse(answer)

    async def glossary(request: Request) -> Response:
        return HTMLResponse(glossary_page(token, title))

    async def glossary_view(request: Request) -> Response:
        await run_in_threadpool(background.notice_settings)
        return JSONResponse(await run_in_threadpool(desk.view))

    async def glossary_edit(request: Request) -> Response:
        try:
            body = await _body(request)
        except BodyTooLarge:
            return refusal(413, f"the body is larger than {MAX_BODY} bytes")
        except BadRequest as error:
            return refusal(400, str(error))
        status, answer = await run_in_threadpool(desk.answer, body)
        return JSONResponse(answer, status_code=status)

    async def static(request: Request) -> Response:
        file = files.get(request.path_params["file"])
        if file is None:
            return refusal(404, "no such file")
        return Response(file[0], media_type=file[1])

    async def article(request: Request) -> Response:
        chosen = found(request)
        if chosen is None:
            return refusal(404, "no such article in the served folders")
        status, page = await run_in_threadpool(pages.page, chosen, token)
        if status != 200:
            return refusal(status, page)
        return HTMLResponse(page)

    async def state(request: Request) -> Response:
        chosen = found(request)
        if chosen is None:
            return refusal(404, "no such article in the served folders")
        await run_in_threadpool(background.notice_changes, [chosen.name])
        now = await run_in_threadpool(version, chosen)
        row = background.rows.get(chosen.name)
        current = row is not None and row.version == now and background.settled(chosen.name)
        return JSONResponse({"version": now, "current": current, "stale": background.stale.get(chosen.name, [])})

    async def save(request: Request) -> Response:
        chosen = found(request)
        if chosen is None:
            return refusal(404, "no such article in the served folders")
        try:
            body = await _body(request)
            base, editor, edits, names = _save_request(body)
        except BodyTooLarge:
            return refusal(413, f"the body is larger than {MAX_BODY} bytes")
        except BadRequest as error:
            return refusal(400, str(error))
        when = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        try:
            saved = await run_in_threadpool(save_decisions_from_page, chosen, base, edits, names, editor, when)
        except DecisionsError as error:
            problems = "; ".join(str(problem) for problem in error.problems)
            return refusal(422, f"the decisions file does not read ({problems}); correct it first")
        background.again(chosen.name)  # even with conflicts: the save's other edits were written
        answer = {"version": saved.version, "merged": saved.merged, "decisions": saved.decisions}
        added = [name.name for name in names if name.now and not name.was]
        if added:  # marked for the glossary: written to its names at once, the articles they change checked again
            answer["glossary"] = await run_in_threadpool(desk.add_names, added)
        if saved.conflicts:
            return JSONResponse({**answer, "conflicts": saved.conflicts}, status_code=409)
        return JSONResponse(answer)

    async def edition(request: Request) -> Response:
        chosen = found(request)
        mode = request.query_params.get("mode", "review")
        if chosen is None or chosen.item.path.suffix.lower() != ".docx":
            return refusal(404, "no such Word article in the served folders")
        if mode not in ("review", "clean"):
            return refusal(400, "mode is review or clean")
        status, data = await run_in_threadpool(pages.edition, chosen, mode)
        if not isinstance(data, bytes):
            return refusal(status, data)
        name = chosen.item.path.stem + ("" if mode == "review" else ".clean") + ".docx"
        disposition = f"attachment; filename*=UTF-8''{_url_quoted(name)}"
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return Response(data, media_type=kind, headers={"content-disposition": disposition})

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)  # the browser asks for one on every page

    async def not_found(request: Request, error: Exception) -> Response:
        return refusal(404, "no such page")

    async def not_allowed(request: Request, error: Exception) -> Response:
        return refusal(405, "this method is not allowed here")

    routes = [
        Route("/", queue),
        Route("/api/queue", queue_rows),
        Route("/static/{file}", static),
        Route("/favicon.ico", no_icon),
        Route("/article/{name:path}", article),
        Route("/api/state/{name:path}", state),
        Route("/api/decisions/{name:path}", save, methods=["POST"]),
        Route("/edition/{name:path}", edition),
        Route("/glossary", glossary),
        Route("/api/glossary", glossary_view),
        Route("/api/glossary", glossary_edit, methods=["POST"]),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed})
    return Guard(app, token, hosts)


async def _body(request: Request) -> Any:
    data = b""
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY:
            raise BodyTooLarge
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise BadRequest("the body is not JSON") from None


def _save_request(body: Any) -> tuple[str, str, list[PageEdit], list[NameEdit]]:
    """A save's base version, editor, decisions and names, checked; BadRequest says what is wrong."""
    if not isinstance(body, dict) or set(body) - {"base", "editor", "decisions", "names"}:
        raise BadRequest("a save is an object with base, editor, decisions and names")
    base, editor = body.get("base"), body.get("editor")
    if not isinstance(base, str) or len(base) > 100:
        raise BadRequest("base: the version the page was made from")
    if not isinstance(editor, str) or not editor.strip() or len(editor) > MAX_EDITOR or not editor.isprintable():
        raise BadRequest(f"editor: your name, up to {MAX_EDITOR} printable characters")
    decisions, names = body.get("decisions", []), body.get("names", [])
    if not isinstance(decisions, list) or not isinstance(names, list):
        raise BadRequest("decisions and names are lists")
    edits = [_edit(item) for item in decisions]
    marked = [_name(item) for item in names]
    return base, editor.strip(), edits, marked


def _edit(item: Any) -> PageEdit:
    item = item if isinstance(item, dict) else {}
    key, stored = item.get("key"), item.get("stored")
    if (
        not _texts(key, 5)
        or not (stored is None or _texts(stored, 4))
        or not set(item) <= {"key", "was", "now", "stored"}
        or not valid_verdict(item.get("was"))
        or not valid_verdict(item.get("now"))
    ):
        raise BadRequest(
            "a decision is {key: [rule, before, after, context_before, context_after], was, now} "
            "(and stored: [rule, before, context_before, context_after], the key the file holds it by)"
        )
    rule, before, after, left, right = key
    return PageEdit((rule, before, after, left, right), item.get("was"), item.get("now"), _stored(stored))


def _texts(value: Any, length: int) -> bool:
    """A key: `length` strings a decisions file can hold, the first (the rule) not empty."""
    return (
        isinstance(value, list)
        and len(value) == length
        and all(isinstance(part, str) and _text(part) for part in value)
        and bool(value[0])
    )


def _stored(value: list[str] | None) -> tuple[str, str, str, str] | None:
    return None if value is None else (value[0], value[1], value[2], value[3])


def _name(item: Any) -> NameEdit:
    if (
        not isinstance(item, dict)
        or not isinstance(item.get("name"), str)
        or not item["name"].strip()
        or not _text(item["name"])
        or not isinstance(item.get("was"), bool)
        or not isinstance(item.get("now"), bool)
    ):
        raise BadRequest("a name is {name, was, now} (was and now: true or false)")
    return NameEdit(item["name"], item["was"], item["now"])


def _text(text: str) -> bool:
    """Text a decisions file can hold: not too long, and UTF-8 (no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return len(text) <= MAX_TEXT


def _url_quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
