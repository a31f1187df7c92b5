"""The language server (pygls over stdio): articles checked as they are opened, edited and saved; code
actions and hovers on their findings; the glossary's files checked, and everything checked again when
they are saved."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import from_fs_path, to_fs_path

from ..checkers import CheckerError
from ..fix import FixDidNotConverge
from ..house import GlossaryError
from ..model import Problem, ProblemsError
from ..version import VERSION
from .actions import ADD_NAME, code_actions
from .checking import Checked, check, problem_diagnostic
from .explain import RuleLinks
from .positions import Positions
from .project import Load, Project, SetupError, add_name

TEXT_LANGUAGES = {"plaintext", "text", "markdown"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
MARKDOWN = ({"markdown"}, {".md", ".markdown"})


@dataclass
class Open:
    """An open document as the editor has it: its text, version and language."""

    text: str
    version: int
    language: str


def changed(text: str, changes: Sequence[types.TextDocumentContentChangeEvent], encoding: str) -> str:
    """The text with the editor's changes made, in order; a change's range read with LSP's line breaks (CRLF,
    LF, CR only: a form feed or U+2028 inside a line is no line break)."""
    for change in changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            positions = Positions(text, encoding)
            start, end = positions.offset(change.range.start), positions.offset(change.range.end)
            text = text[:start] + change.text + text[end:]
        else:
            text = change.text
    return text


class Protocol(LanguageServerProtocol):
    """pygls's protocol, but the editor's changes are made by `changed` alone: pygls reads a change's lines as
    Python splits them (a form feed, U+2028 end a line there) and moves the change's position in place."""

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        # pygls 2.1 leak: a notification whose handler is a generator (didOpen, didChange, didClose) leaves its
        # future in `_request_futures` under a fresh id, never removed: about 2 KB a keystroke. Only a pending
        # request's future is needed there (to cancel it); a done one's callback no longer reads it.
        for msg_id in [msg_id for msg_id, future in self._request_futures.items() if future.done()]:
            del self._request_futures[msg_id]

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None


class Cleanup:
    """The server's state: the project it checks with, and each open article's last check."""

    def __init__(self, server: LanguageServer, load: Load, pages: Path) -> None:
        self.server = server
        self.load = load
        self.pages = pages
        self.project: Project | None = None
        self.links: RuleLinks | None = None
        self.open: dict[str, Open] = {}
        self.checked: dict[str, Checked] = {}
        self.pending: set[str] = set()
        self.glossary_uris: set[str] = set()  # glossary files that have had diagnostics (to clear them)

    # The project -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the configuration and glossary again; their problems as diagnostics on the glossary's files."""
        problems: list[Problem] = []
        try:
            project = self.load()
        except GlossaryError as error:
            problems = list(error.problems)
        except SetupError as error:
            self._say(types.MessageType.Error, f"cleanup: {error}")
        else:
            if self.project is not None:
                self.project.stop()
            self.project = project
            self.links = RuleLinks(project.settings, self.pages)
            self.glossary_uris |= {from_fs_path(str(path)) or "" for path in project.glossary_files}
        if problems and self.project is None:
            self._say(types.MessageType.Error, "cleanup: the glossary has problems; see its files' diagnostics")
        self._publish_glossary(problems)

    def _publish_glossary(self, problems: list[Problem]) -> None:
        by_uri: dict[str, list[types.Diagnostic]] = {uri: [] for uri in self.glossary_uris}
        for problem in problems:
            uri = from_fs_path(str(Path(problem.where.path or ".").resolve())) or ""
            by_uri.setdefault(uri, []).append(problem_diagnostic(problem, self._positions(uri)))
        self.glossary_uris |= set(by_uri)
        for uri, diagnostics in by_uri.items():
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics))

    def _positions(self, uri: str) -> Positions:
        """A file's positions, from the editor's text when it is open, else from the disk."""
        if uri in self.open:
            text = self.open[uri].text
        else:
            try:
                text = Path(to_fs_path(uri) or "").read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
        return Positions(text, self.encoding())

    def encoding(self) -> str:
        """The position encoding agreed with the client at initialization."""
        return self.server.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def _say(self, kind: types.MessageType, message: str) -> None:
        self.server.window_show_message(types.ShowMessageParams(kind, message))

    # Articles ----------------------------------------------------------------------------------------

    def is_article(self, uri: str) -> bool:
        document = self.open.get(uri)
        language = document.language if document else None
        return language in TEXT_LANGUAGES or Path(uri).suffix.lower() in TEXT_SUFFIXES

    def schedule(self, uri: str) -> None:
        """Check the document once the messages already read are handled: a burst of keystrokes is one check."""
        if uri not in self.pending:
            self.pending.add(uri)
            asyncio.get_running_loop().call_soon(self.check_now, uri)

    def check_now(self, uri: str) -> Checked | None:
        """Check the document's current text (unless it was checked as it is) and publish the diagnostics."""
        self.pending.discard(uri)
        document = self.open.get(uri)
        if document is None or self.project is None or self.links is None:
            return None
        last = self.checked.get(uri)
        if last is not None and last.text == document.text:
            return last
        markdown = document.language in MARKDOWN[0] or Path(uri).suffix.lower() in MARKDOWN[1]
        try:
            settings = self.project.settings_for(uri)
            checked = check(document.text, document.version, markdown, settings, self.encoding(), self.links)
        except (FixDidNotConverge, ProblemsError, CheckerError) as error:  # as `check` says it, without exiting
            self._say(types.MessageType.Error, f"cleanup: {uri}: {error}")
            return None
        self.checked[uri] = checked
        params = types.PublishDiagnosticsParams(uri, list(checked.diagnostics), document.version)
        self.server.text_document_publish_diagnostics(params)
        return checked

    def recheck_all(self) -> None:
        self.checked.clear()
        for uri in list(self.open):
            if self.is_article(uri):
                self.check_now(uri)

    def close(self, uri: str) -> None:
        self.open.pop(uri, None)
        self.checked.pop(uri, None)
        if self.project is not None:
            self.project.close(uri)
        if uri not in self.glossary_uris:
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    def add_name(self, name: str) -> None:
        """Add a name to the glossary file, then check everything open again with it."""
        if self.project is None:
            return
        try:
            written = add_name(self.project, name)
        except GlossaryError as error:
            self._say(types.MessageType.Error, f"cleanup: “{name}” not added: {error.problems[0]}")
            return
        self._say(types.MessageType.Info, f"cleanup: {written}: names ← {name}")
        self.reload()
        self.recheck_all()

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        checked = self.check_now(uri)
        if checked is None or self.links is None:
            return None
        offset = checked.positions.offset(position)
        for finding in checked.findings:
            if finding.start <= offset <= finding.end:
                text = self.links.explain(finding.rule, finding.message)
                content = types.MarkupContent(types.MarkupKind.Markdown, text)
                return types.Hover(content, checked.positions.range(finding.start, finding.end))
        return None


def build_server(load: Load, pages: Path) -> LanguageServer:
    """The server, its handlers registered; `load` gives the project (as the command line finds it)."""
    server = LanguageServer(
        "cleanup", VERSION, protocol_cls=Protocol, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
    )
    state = Cleanup(server, load, pages)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        root = _root(params)
        if root is not None:
            os.chdir(root)  # the configuration and glossary are found from the workspace's folder up
        state.reload()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        state.open[item.uri] = Open(item.text, item.version, item.language_id)
        if state.is_article(params.text_document.uri):
            state.check_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        document = state.open.get(params.text_document.uri)
        if document is None:
            return
        document.text = changed(document.text, params.content_changes, state.encoding())
        document.version = params.text_document.version
        if state.is_article(params.text_document.uri):
            state.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri in state.glossary_uris:
            state.reload()
            state.recheck_all()
        elif state.is_article(uri):
            state.check_now(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        state.close(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        checked = state.check_now(params.text_document.uri) if state.is_article(params.text_document.uri) else None
        if checked is None:
            return []
        return code_actions(params.text_document.uri, checked, params.range, params.context.only)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        if not state.is_article(params.text_document.uri):
            return None
        return state.hover(params.text_document.uri, params.position)

    @server.command(ADD_NAME)
    def add_name_command(name: str) -> None:
        state.add_name(str(name))

    return server


def _root(params: types.InitializeParams) -> str | None:
    """The workspace's folder: its first folder, else its root."""
    uri = params.workspace_folders[0].uri if params.workspace_folders else params.root_uri
    if uri:
        return to_fs_path(uri)
    return params.root_path


def serve(load: Load, pages: Path) -> None:
    """Serve over standard input and output until the client says exit."""
    build_server(load, pages).start_io()
