"""`cleanup lsp` end to end: a real LSP client over stdio opens, edits and saves articles and the glossary."""

import asyncio
import shutil

import pytest
from lsprotocol import types

from cleanup.house import house_glossary
from cleanup.model import Document
from cleanup.pipeline import Settings, process
from cleanup.rules.registry import ALL_RULES
from tests.conftest import ROOT

from .session import Session, by_rule

ARTICLE = "The Daash fighters ,and more.\n\nYahya Rasool said the cells were \u201cweak \u201d.\n"


@pytest.fixture
def folder(tmp_path):
    """A project folder with the house glossary."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    return tmp_path


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 120))


def test_open_act_edit_shutdown(folder):
    """Initialize, open, diagnostics with their fixes, a code action applied, the edit checked again, shutdown."""

    async def session():
        lsp = Session(folder)
        result = await lsp.start("--grammar", "none")
        assert result.capabilities.code_action_provider and result.capabilities.hover_provider
        uri, found = await lsp.open("article.txt", ARTICLE)
        isis = by_rule(found, "GL:ISIS")[0]
        assert (isis.range.start.line, isis.range.start.character, isis.range.end.character) == (0, 4, 9)
        assert isis.severity == types.DiagnosticSeverity.Error and isis.source == "cleanup"
        assert isis.data["replacement"] == "ISIS"
        assert isis.code_description.href.endswith("glossary/house.yaml#L17")
        space = by_rule(found, "SP001")[0]
        page = folder / ".cache" / "cleanup" / "rules" / "SP001.md"
        assert space.code_description.href == page.as_uri()
        assert page.read_text(encoding="utf-8").startswith("# SP001\n")
        actions = await lsp.actions(uri, isis)
        apply_one = next(a for a in actions if a.is_preferred)
        assert apply_one.title == "cleanup: “Daash” → “ISIS” (GL:ISIS)"
        found = await lsp.apply(uri, apply_one)
        assert not by_rule(found, "GL:ISIS") and by_rule(found, "SP001")
        assert lsp.texts[uri].startswith("The ISIS fighters ,and")
        await lsp.stop()

    run(session())


def test_apply_every_change_gives_what_fix_writes(folder):
    async def session():
        lsp = Session(folder)
        await lsp.start("--grammar", "none")
        uri, found = await lsp.open("article.txt", ARTICLE)
        titles = [a.title for a in await lsp.actions(uri, found[0])]
        assert titles.count("cleanup: apply every change in the document (4)") == 1
        actions = await lsp.actions(uri, found[0], only=[types.CodeActionKind.SourceFixAll])
        assert [a.kind for a in actions] == [types.CodeActionKind.SourceFixAll]
        every = actions[0]
        found = await lsp.apply(uri, every)
        await lsp.stop()
        return lsp.texts[uri], found

    text, found = run(session())
    glossary = house_glossary([(str(p), p.read_text()) for p in sorted((ROOT / "glossary").glob("*.yaml"))])
    expected = process(Document(ARTICLE), Settings(glossary, ALL_RULES + glossary.rules)).corrected
    assert text == expected
    assert not [d for d in found if d.data and "replacement" in d.data]


def test_accept_a_suggestion_hover_and_ignore_on_this_line(folder):
    async def session():
        lsp = Session(folder)
        await lsp.start("--grammar", "none")
        text = "and the house was built.\n\nThe cells were weak and an house stood\n\nMore text here.\n"
        uri, found = await lsp.open("article.txt", text)
        lowercase = by_rule(found, "PA001")[0]
        assert lowercase.severity == types.DiagnosticSeverity.Warning and lowercase.data["suggestions"] == ["And"]
        accept = next(a for a in await lsp.actions(uri, lowercase) if "accept" in a.title)
        assert accept.title == "cleanup: accept “And” for “and” (PA001)"
        found = await lsp.apply(uri, accept)
        assert not by_rule(found, "PA001") and lsp.texts[uri].startswith("And the house")
        article = by_rule(found, "AA001")[0]
        hover = await lsp.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), article.range.start)
        )
        assert hover.contents.value.startswith("# AA001")
        ignore = next(a for a in await lsp.actions(uri, article) if a.title == "cleanup: ignore AA001 on this line")
        found = await lsp.apply(uri, ignore)
        assert not by_rule(found, "AA001")
        assert "an house stood <!-- cleanup: ignore AA001 -->\n" in lsp.texts[uri]
        await lsp.stop()

    run(session())


def test_positions_in_utf16_and_the_encodings_a_client_offers(folder):
    """An astral character (two UTF-16 units, four UTF-8 bytes) before a finding moves its column accordingly."""
    text = "\U0001f642 The Daash fighters.\n"
    columns = {}
    for encoding in (None, "utf-32", "utf-8"):

        async def session(encoding=encoding):
            lsp = Session(folder)
            result = await lsp.start("--grammar", "none", encodings=[encoding] if encoding else None)
            _, found = await lsp.open("emoji.txt", text)
            await lsp.stop()
            return result.capabilities.position_encoding, by_rule(found, "GL:ISIS")[0].range

        agreed, place = run(session())
        columns[agreed] = (place.start.character, place.end.character)
    assert columns == {"utf-16": (7, 12), "utf-32": (6, 11), "utf-8": (9, 14)}


def test_markdown_code_is_left_alone(folder):
    async def session():
        lsp = Session(folder)
        await lsp.start("--grammar", "none")
        _, found = await lsp.open("notes.md", "The `Daash` code and Daash prose.\n", language="markdown")
        await lsp.stop()
        return found

    found = run(session())
    assert [d.range.start.character for d in by_rule(found, "GL:ISIS")] == [21]


def test_add_a_name_to_the_glossary(folder):
    """A name note is a hint; adding the name writes the glossary file (comments kept) and checks again."""

    async def session():
        lsp = Session(folder)
        await lsp.start("--grammar", "harper")
        uri, found = await lsp.open("names.txt", "Abu Zaydoon met Abu Zaydun in Raqqa.\n")
        note = next(d for d in by_rule(found, "NM001") if "Raqqa" in d.message)
        assert note.severity == types.DiagnosticSeverity.Hint
        add = next(a for a in await lsp.actions(uri, note) if a.command is not None)
        assert add.title == "cleanup: add “Raqqa” to the glossary's names"
        found = await lsp.diagnostics(
            uri,
            lambda: lsp.client.workspace_execute_command(
                types.ExecuteCommandParams(add.command.command, add.command.arguments)
            ),
        )
        await lsp.stop()
        return found

    before = (folder / "glossary" / "house.yaml").read_text(encoding="utf-8")
    found = run(session())
    after = (folder / "glossary" / "house.yaml").read_text(encoding="utf-8")
    assert not [d for d in by_rule(found, "NM001") if "Raqqa" in d.message]
    assert "  - Raqqa\n" in after and after.startswith(before.split("terms:")[0])  # the header comments kept
    assert "  # Places\n" in after


def test_the_glossary_file_gets_diagnostics_and_is_reloaded_on_save(folder):
    house = folder / "glossary" / "house.yaml"
    good = house.read_text(encoding="utf-8")
    house.write_text(good.replace("  - preferred: Rasool\n", "  - preferred: Rasool\n    colour: red\n"), "utf-8")

    async def session():
        lsp = Session(folder)
        glossary = house.as_uri()
        lsp.client.diagnostics.pop(glossary, None)
        await lsp.start("--grammar", "none")
        while glossary not in lsp.client.diagnostics:
            await lsp.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        problems = list(lsp.client.diagnostics[glossary])
        house.write_text(good, encoding="utf-8")
        save = types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(glossary))
        cleared = await lsp.diagnostics(glossary, lambda: lsp.client.text_document_did_save(save))
        _, found = await lsp.open("article.txt", ARTICLE)
        await lsp.stop()
        return problems, cleared, found

    problems, cleared, found = run(session())
    line = good.splitlines().index("  - preferred: Rasool") + 1  # 0-based line of the bad key
    assert [(p.range.start.line, p.range.start.character) for p in problems] == [(line, 4)]
    assert "colour" in problems[0].message
    assert cleared == [] and by_rule(found, "GL:ISIS")


def test_edits_after_a_form_feed_or_line_separator_land_where_the_editor_made_them(folder):
    """LSP lines end at CRLF, LF and CR only: U+2028 and a form feed are characters inside a line."""

    async def session():
        lsp = Session(folder)
        await lsp.start("--grammar", "none")
        uri, found = await lsp.open("odd.txt", "One\u2028two\x0cthe Daash fighters.\n")
        isis = by_rule(found, "GL:ISIS")[0]
        assert (isis.range.start.line, isis.range.start.character) == (0, 12)
        found = await lsp.apply(uri, next(a for a in await lsp.actions(uri, isis) if a.is_preferred))
        await lsp.stop()
        return lsp.texts[uri], found

    text, found = run(session())
    assert text == "One\u2028two\x0cthe ISIS fighters.\n" and not by_rule(found, "GL:ISIS")
