"""A real LSP client (pytest-lsp's) talking to `python -m cleanup lsp` over stdio, and what the tests do
with it: open, change and save documents, wait for their diagnostics, apply the edits the server offers."""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

from lsprotocol import types
from pytest_lsp.client import LanguageClient, make_test_lsp_client

from tests.conftest import ROOT


class Session:
    """One server started in `folder` (its glossary/ found there), with the client's documents' texts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.client: LanguageClient = make_test_lsp_client()
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

    async def start(self, *options: str, encodings: list[str] | None = None) -> types.InitializeResult:
        cache = {"XDG_CACHE_HOME": str(self.folder / ".cache")}  # the rule pages the diagnostics link to
        await self.client.start_io(
            sys.executable, "-m", "cleanup", "lsp", *options, cwd=str(ROOT), env={**os.environ, **cache}
        )
        general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
        capabilities = types.ClientCapabilities(general=general)
        params = types.InitializeParams(capabilities=capabilities, root_uri=self.folder.as_uri())
        return await self.client.initialize_session(params)

    async def stop(self) -> None:
        await self.client.shutdown_session()
        await self.client.stop()

    async def diagnostics(self, uri: str, send) -> list[types.Diagnostic]:
        """Send something, then wait for the next diagnostics of `uri`."""
        self.client.diagnostics.pop(uri, None)
        send()
        while uri not in self.client.diagnostics:
            await self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(self.client.diagnostics[uri])

    async def open(self, name: str, text: str, language: str = "plaintext") -> tuple[str, list[types.Diagnostic]]:
        """Open a file of the folder (written there too, as an editor opens a file) and wait for its diagnostics."""
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        self.texts[uri], self.versions[uri] = text, 1
        item = types.TextDocumentItem(uri, language, 1, text)
        found = await self.diagnostics(
            uri, lambda: self.client.text_document_did_open(types.DidOpenTextDocumentParams(item))
        )
        return uri, found

    async def edit(self, uri: str, edits: list[types.TextEdit]) -> list[types.Diagnostic]:
        """Apply edits as the editor does (to its text), send them as incremental changes, wait for diagnostics."""
        changes = []
        for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            self.texts[uri] = apply(self.texts[uri], edit)
            changes.append(types.TextDocumentContentChangePartial(edit.range, edit.new_text))
        self.versions[uri] += 1
        document = types.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri)
        params = types.DidChangeTextDocumentParams(document, changes)
        return await self.diagnostics(uri, lambda: self.client.text_document_did_change(params))

    async def actions(
        self, uri: str, diagnostic: types.Diagnostic, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        context = types.CodeActionContext([diagnostic], only=only)
        params = types.CodeActionParams(types.TextDocumentIdentifier(uri), diagnostic.range, context)
        found = await self.client.text_document_code_action_async(params)
        return [_code_action(action) for action in found or []]

    async def apply(self, uri: str, action: types.CodeAction) -> list[types.Diagnostic]:
        """Apply a code action's edit to the document and wait for the new diagnostics."""
        assert action.edit is not None and action.edit.changes is not None
        return await self.edit(uri, list(action.edit.changes[uri]))


def _code_action(found: types.CodeAction | types.Command) -> types.CodeAction:
    """A code action as the server sent it: lsprotocol's client reads a code action that carries a command
    (and no edit) as a `Command` whose `command` is the action's command printed as a dict."""
    if isinstance(found, types.CodeAction):
        return found
    sent = ast.literal_eval(found.command)
    return types.CodeAction(
        found.title, command=types.Command(sent["title"], sent["command"], arguments=sent["arguments"])
    )


def apply(text: str, edit: types.TextEdit) -> str:
    """A text edit applied to an ASCII-or-BMP text whose lines end with LF (UTF-16 positions)."""
    return text[: offset(text, edit.range.start)] + edit.new_text + text[offset(text, edit.range.end) :]


def offset(text: str, position: types.Position) -> int:
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return before + index
        units += 2 if ord(char) > 0xFFFF else 1
    return before + len(line)


def by_rule(diagnostics: list[types.Diagnostic], rule: str) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.code == rule]
