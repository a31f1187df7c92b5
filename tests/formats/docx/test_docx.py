"""Word files in and out: the text read from every paragraph, the corrected edition written as real tracked
changes with comments, checked by LibreOffice (an independent reader) and by python-docx and docx2python."""

import io
import json
import warnings
import zipfile

import docx
import pytest
from docx2python import docx2python
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from cleanup.cli import main
from cleanup.formats.docx import read_docx, write_docx
from cleanup.formats.docx.package import w
from cleanup.house import load_glossary
from cleanup.pipeline import Settings, process
from tests import libreoffice
from tests.conftest import ROOT, SEED, TWO_ENTRIES
from tests.wordfiles import build_docx, bulk_docx, seed_docx

needs_libreoffice = pytest.mark.skipif(libreoffice.soffice() is None, reason="LibreOffice (soffice) is not installed")
CORRECTED_SEED = ROOT / "corrected" / SEED.name

RICH = [
    [
        ("text", "The "),
        ("text", "Da", "b"),
        ("text", "ash fighters , said "),
        ("link", "Daash site", "https://example.org/daash"),
        ("text", " and "),
        ("field", "Daash"),
        ("footnote", "See the Daash report."),
        ("text", " end."),
    ],
    [
        ("text", "An untouched paragraph with "),
        ("text", "bold", "b"),
        ("text", " and "),
        ("text", "italic", "i"),
        ("text", " words."),
    ],
    [[[[("text", "A cell about Daash")]], [[("text", "Another cell")]]]],
    [
        ("text", "Kept "),
        ("ins", "Translator", "Daash"),
        ("del", "Translator", "gone"),
        ("tab",),
        ("text", "after the Rasul , here."),
    ],
    [
        ("text", "See "),
        ("cfield", 'HYPERLINK "https://example.org/Daash"', "the Daash page"),
        ("text", " about Daash."),
    ],
]


def _settings() -> Settings:
    return Settings(load_glossary([("glossary/house.yaml", TWO_ENTRIES)]))


def _paragraph_xml(data: bytes, part: str = "word/document.xml") -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read(part))
    return [etree.tostring(p, method="c14n") for p in root.iter(w("p"))]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    """The seed made into a Word file by python-docx, through `cleanup fix` in the project (review and clean)."""
    folder = tmp_path_factory.mktemp("seed-docx")
    article = folder / "seed.docx"
    article.write_bytes(seed_docx(SEED.read_text(encoding="utf-8")))
    import os

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        for mode in ("review", "clean"):
            out = folder / mode
            assert main(["fix", "-q", "--no-cache", "--grammar", "none", "--docx-mode", mode, str(article), "--out", str(out)]) == 0  # fmt: skip
    finally:
        os.chdir(here)
    return folder


@needs_libreoffice
def test_the_seed_as_a_word_file_accepts_to_the_corrected_edition_and_rejects_to_the_original(seed_run):
    revisions = libreoffice.read_odt(libreoffice.convert(seed_run / "review" / "seed.docx", seed_run / "lo"))
    assert revisions.accepted == CORRECTED_SEED.read_text(encoding="utf-8")
    assert revisions.rejected == SEED.read_text(encoding="utf-8")
    log = json.loads((seed_run / "review" / "seed.docx.changes.json").read_text(encoding="utf-8"))
    assert {author for _, author in revisions.changes} == {"cleanup"}
    assert {kind for kind, _ in revisions.changes} == {"insertion", "deletion"}
    notes = [text for author, text in revisions.comments if author == "cleanup"]
    assert len(notes) == len(log["changes"]) + len(log["flags"])  # one comment per change and per flag
    for change in log["changes"]:
        assert any(note.startswith(change["rule"].split("+")[0] + ":") for note in notes)


@needs_libreoffice
def test_clean_mode_writes_the_corrected_text_with_no_revisions(seed_run):
    clean = seed_run / "clean" / "seed.docx"
    revisions = libreoffice.read_odt(libreoffice.convert(clean, seed_run / "lo-clean"))
    assert revisions.changes == [] and revisions.comments == []
    assert revisions.accepted == CORRECTED_SEED.read_text(encoding="utf-8")
    assert "\n".join(p.text for p in docx.Document(str(clean)).paragraphs) == CORRECTED_SEED.read_text(encoding="utf-8")


def test_a_second_reader_agrees_on_the_text(seed_run):
    """docx2python reads the clean edition's paragraphs as the corrected text, and the review edition's
    original as the seed."""
    corrected = CORRECTED_SEED.read_text(encoding="utf-8").split("\n")
    with docx2python(seed_run / "clean" / "seed.docx") as read:
        assert [line for line in read.text.split("\n\n")] == corrected


def test_fix_on_its_own_word_output_changes_nothing(seed_run, monkeypatch):
    monkeypatch.chdir(ROOT)
    for mode in ("review", "clean"):
        out = seed_run / f"again-{mode}"
        assert main(["fix", "-q", "--no-cache", "--grammar", "none", str(seed_run / mode / "seed.docx"), "--out", str(out)]) == 0  # fmt: skip
        log = json.loads((out / "seed.docx.changes.json").read_text(encoding="utf-8"))
        assert log["changes"] == []


@needs_libreoffice
def test_rich_documents_keep_formatting_links_fields_and_other_authors_changes(tmp_path):
    data = build_docx(RICH)
    document = read_docx(data).document
    outcome = process(document, _settings())
    written = write_docx(data, outcome)
    (tmp_path / "rich.docx").write_bytes(written)
    revisions = libreoffice.read_odt(libreoffice.convert(tmp_path / "rich.docx", tmp_path))
    lines = revisions.accepted.split("\n")
    assert lines[0].startswith("The ISIS fighters, said ISIS site and ")  # a term split across runs, and a link's text
    assert lines[1:4] == ["An untouched paragraph with bold and italic words.", "A cell about ISIS", "Another cell"]
    assert lines[4] == "Kept Daash\tafter the Rasool, here."  # another author's insertion is left as it is
    assert revisions.rejected.split("\n")[4] == "Kept gone\tafter the Rasul , here."
    assert ("insertion", "Translator") in revisions.changes and ("deletion", "Translator") in revisions.changes
    before, after = _paragraph_xml(data), _paragraph_xml(written)
    assert after[1] == before[1]  # untouched paragraphs are byte for byte the same XML
    assert after[3] == before[3]  # the second table cell
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(written)).read("word/document.xml"))
    inserted = body.find(f".//{w('ins')}/{w('r')}")
    assert inserted is not None and inserted.find(f"{w('rPr')}/{w('b')}") is not None  # "Da" was bold
    link = body.find(f".//{w('hyperlink')}")
    assert link is not None and link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") == "rIdLink1"  # fmt: skip
    field = body.find(f".//{w('fldSimple')}")
    assert field is not None and "".join(field.itertext()) == "Daash"  # text inside a field is never edited
    assert lines[5] == "See the Daash page about ISIS."  # a complex field's result is never edited, nor its code
    assert (
        'HYPERLINK "https://example.org/Daash"'
        in zipfile.ZipFile(io.BytesIO(written)).read("word/document.xml").decode()
    )
    notes = zipfile.ZipFile(io.BytesIO(written)).read("word/footnotes.xml").decode()
    assert '<w:delText xml:space="preserve">Daash</w:delText>' in notes and "ISIS" in notes  # footnotes too


@given(st.lists(st.integers(min_value=1, max_value=400), max_size=12))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_run_splits_never_change_the_corrected_text(cuts):
    """However a paragraph's text is cut into runs, the corrected text is the same; only where the
    revisions fall differs. Accepting our revisions (reading the current text) gives it back."""
    text = 'In a report , the Daash cells met Rasul  in al-Badia; Da\'ash fighters returned. They said "yes" .'
    points = sorted({c % len(text) for c in cuts} - {0})
    pieces = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    data = build_docx([[("text", piece, "b" if index % 2 else "") for index, piece in enumerate(pieces)]])
    whole = process(read_docx(build_docx([[("text", text)]])).document, _settings())
    outcome = process(read_docx(data).document, _settings())
    assert outcome.corrected == whole.corrected
    for mode in ("review", "clean"):
        assert read_docx(write_docx(data, outcome, mode)).document.text == whole.corrected


@needs_libreoffice
def test_comments_already_in_the_document_are_kept_beside_ours(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    first = paragraph.add_run("The Daash cell ")
    paragraph.add_run("met the Rasul.")
    document.add_comment(first, text="Check this name.", author="Editor", initials="ED")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    (tmp_path / "commented.docx").write_bytes(write_docx(data, process(read_docx(data).document, _settings())))
    revisions = libreoffice.read_odt(libreoffice.convert(tmp_path / "commented.docx", tmp_path))
    assert ("Editor", "Check this name.") in revisions.comments
    assert sorted(author for author, _ in revisions.comments) == ["Editor", "cleanup", "cleanup"]
    assert revisions.accepted == "The ISIS cell met the Rasool."


def test_headers_are_read_after_the_body_and_changed_as_tracked_changes_without_comments():
    data = build_docx([[("text", "The Rasul spoke.")]], header="Daash weekly")
    document = read_docx(data).document
    assert document.text == "The Rasul spoke.\nDaash weekly"
    written = write_docx(data, process(document, _settings()))
    header = zipfile.ZipFile(io.BytesIO(written)).read("word/header1.xml").decode()
    assert "<w:del " in header and "<w:ins " in header and "commentRange" not in header
    assert read_docx(written).document.text == "The Rasool spoke.\nISIS weekly"


def test_in_place_writes_the_tracked_word_file_over_the_article_and_undo_restores_it(make_project):
    data = build_docx([[("text", "The Daash cell.")]])
    project = make_project(TWO_ENTRIES, {"seeds/a.docx": data})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none", "--in-place"]) == 0
    changed = (project / "seeds" / "a.docx").read_bytes()
    assert read_docx(changed).document.text == "The ISIS cell." and b"<w:ins " in zipfile.ZipFile(io.BytesIO(changed)).read("word/document.xml")  # fmt: skip
    assert main(["undo"]) == 0
    assert (project / "seeds" / "a.docx").read_bytes() == data


def test_decisions_from_the_review_page_apply_to_the_word_output(make_project):
    data = build_docx([[("text", "Later the Daash cell came and the Rasul spoke.")]])
    project = make_project(TWO_ENTRIES, {"seeds/a.docx": data})
    decisions = """\
article: seeds/a.docx
decisions:
  - rule: "GL:ISIS"
    before: "Daash"
    after: "ISIS"
    context_before: "Later the "
    context_after: " cell came"
    decision: reject
"""
    (project / "corrected").mkdir()
    (project / "corrected" / "a.docx.decisions.yaml").write_text(decisions, encoding="utf-8")
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 0
    assert read_docx((project / "corrected" / "a.docx").read_bytes()).document.text == (
        "Later the Daash cell came and the Rasool spoke."
    )


def test_check_reports_a_word_file_like_a_text_file(make_project, capsys):
    make_project(TWO_ENTRIES, {"seeds/a.docx": build_docx([[("text", "The Daash cell.")]])})
    assert main(["check", "--grammar", "none", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["text"]) for f in found["files"][0]["findings"]] == [("GL:ISIS", "Daash")]


def _zip(parts: dict[str, str] | list[tuple[str, str]], encrypted: bool = False) -> bytes:
    """A zip of `parts`; a list may name one part twice; `encrypted` marks every part as zip-encrypted."""
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # Python warns of a duplicate name: the point of that case
        for name, text in parts.items() if isinstance(parts, dict) else parts:
            archive.writestr(name, text)
    data = bytearray(buffer.getvalue())
    if encrypted:  # set the "encrypted" flag bit in every local and central header, as a zip password does
        for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature)
            while at >= 0:
                data[at + flags_at] |= 0x1
                at = data.find(signature, at + 4)
    return bytes(data)


MACRO_TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'  # fmt: skip
SHEET_TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'  # fmt: skip


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "is password-protected (encrypted) or an old binary .doc"),
        (b"PK\x03\x04 this zip is cut short", "is not a readable .docx"),
        (b"Just some text saved with the wrong name.\n", "is not a readable .docx"),
        (_zip({"[Content_Types].xml": MACRO_TYPES, "word/document.xml": "<x/>"}), "is macro-enabled (.docm)"),
        (_zip({"[Content_Types].xml": SHEET_TYPES, "xl/workbook.xml": "<x/>"}), "is not a Word document"),
        (_zip({"readme.txt": "hello"}), "is a zip file but not a Word document (no [Content_Types].xml)"),
        (_zip({"[Content_Types].xml": "<Types"}), "has a damaged part [Content_Types].xml (line 1"),
        (_zip({"[Content_Types].xml": SHEET_TYPES, "word/document.xml": "<x/>"}, encrypted=True), "is encrypted"),
        (
            _zip([("[Content_Types].xml", SHEET_TYPES), ("word/document.xml", "<x/>"), ("word/document.xml", "<y/>")]),
            "holds two parts named word/document.xml",
        ),
    ],
)
def test_a_bad_word_file_fails_alone_with_one_line_and_writes_nothing(make_project, capsys, data, says):
    good = build_docx([[("text", "The Daash cell.")]])
    project = make_project(TWO_ENTRIES, {"seeds/bad.docx": data, "seeds/good.docx": good})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"seeds/bad.docx: {says}") or f"\nseeds/bad.docx: {says}" in error, error
    assert "Traceback" not in error
    written = sorted(p.name for p in (project / "corrected").iterdir())
    assert not [name for name in written if name.startswith("bad.docx")]
    assert "good.docx" in written  # the rest of the run finishes


LIMITS = [  # a file just past each bound on what reading a Word file may cost; the words each refusal starts with
    (lambda: bulk_docx("<w:p/>", 1, extra=257 << 20), "unpacks to more than a Word document holds (over 256 MB"),
    (
        lambda: bulk_docx("<w:p/>", 400_000, packed=True),
        "has a part word/document.xml that unpacks to 655 times its packed size",
    ),
    (lambda: bulk_docx(f'<w:p w:rsidR="{"A" * 8_000_000}"/>', 9), "has more text and markup than a Word document"),
    (lambda: bulk_docx("<w:bookmarkEnd/>", 2_000_000, "<w:p>", "</w:p>"), "has more markup than a Word document holds"),
    (lambda: bulk_docx("<w:p/>", 250_001), "has more than 250,000 paragraphs"),
    (lambda: bulk_docx("<w:tab/>", 500_001, "<w:p><w:r>", "</w:r></w:p>"), "has more than 500,000 runs of text"),
    (lambda: bulk_docx(f"<w:p><w:r><w:t>{'a' * 1_000_000}</w:t></w:r></w:p>", 6), "has more than 3,000,000 characters"),
    (lambda: bulk_docx("<w:sdt><w:sdtContent>", 300, after="<w:p/>"), "has XML in word/document.xml nested more"),
    (lambda: bulk_docx(f'<w:p w:rsidR="{"A" * 10_000_001}"/>', 1), "has XML in word/document.xml nested more"),
]


@pytest.mark.parametrize(("build", "says"), LIMITS, ids=[says.split(" (")[0] for _, says in LIMITS])
def test_a_word_file_past_a_limit_fails_alone_with_one_line(make_project, capsys, build, says):
    """Each bound on what a Word file may cost (bench/docx_limits.py measures the worst file under it):
    the file is refused with one line naming it, and the rest of the run is written."""
    good = build_docx([[("text", "The Daash cell.")]])
    project = make_project(TWO_ENTRIES, {"seeds/big.docx": build(), "seeds/good.docx": good})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"seeds/big.docx: {says}") or f"\nseeds/big.docx: {says}" in error, error
    assert len([line for line in error.splitlines() if "big.docx" in line]) == 1 and "Traceback" not in error
    written = sorted(p.name for p in (project / "corrected").iterdir())
    assert not [name for name in written if name.startswith("big.docx")] and "good.docx" in written
    assert main(["check", "-q", "--grammar", "none", "seeds/big.docx"]) == 2
    assert capsys.readouterr().err.startswith(f"seeds/big.docx: {says}")


def test_a_word_file_just_under_the_limits_is_read(make_project):
    """250,000 paragraphs, the most a Word file may have, with a term to correct in the last one."""
    data = bulk_docx("<w:p/>", 249_999, after="<w:p><w:r><w:t>The Daash cell.</w:t></w:r></w:p>")
    project = make_project(TWO_ENTRIES, {"seeds/long.docx": data})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 0
    assert read_docx((project / "corrected" / "long.docx").read_bytes()).document.text.endswith("The ISIS cell.")


@pytest.mark.parametrize(
    ("piece", "before", "after"),
    [
        ('<w:r><w:t xml:space="preserve">Daash </w:t></w:r>', "<w:p>", "</w:p>"),
        ('<w:t xml:space="preserve">Daash </w:t>', "<w:p><w:r>", "</w:r></w:p>"),
    ],
    ids=["runs", "pieces of one run"],
)
def test_a_paragraph_of_thousands_of_runs_each_changed_is_written(make_project, piece, before, after):
    """Each change cuts and wraps its own run (this took minutes when every change searched the paragraph)."""
    project = make_project(TWO_ENTRIES, {"seeds/a.docx": bulk_docx(piece, 3000, before, after, packed=True)})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 0
    edition = (project / "corrected" / "a.docx").read_bytes()
    assert read_docx(edition).document.text == "ISIS " * 3000
    fix = ["fix", "-q", "--no-cache", "--grammar", "none", "--docx-mode", "clean", "--out", "clean"]
    assert main(fix) == 0
    clean = docx.Document(str(project / "clean" / "a.docx"))
    assert clean.paragraphs[0].text == "ISIS " * 3000  # another reader agrees


def test_a_text_box_is_read_once_not_again_from_its_fallback_copy():
    box = "<w:txbxContent><w:p><w:r><w:t>Boxed Daash</w:t></w:r></w:p></w:txbxContent>"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    body = (
        f'<w:p><w:r><w:t xml:space="preserve">Before </w:t></w:r><w:r><mc:AlternateContent xmlns:mc="{mc}">'
        f'<mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p><w:p/>"
    )
    assert read_docx(bulk_docx(body, 1)).document.text == "Before \ufffc\nBoxed Daash\n"  # the shape an atom


def test_an_edition_with_more_tracked_changes_than_a_review_holds_is_refused(make_project, capsys, monkeypatch):
    from cleanup.formats.docx import revisions

    monkeypatch.setattr(revisions, "MAX_MARKS", 3)  # 20,000 changes take the rules longer than a test should
    project = make_project(TWO_ENTRIES, {"seeds/a.docx": build_docx([[("text", "Daash " * 4)]])})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("seeds/a.docx: would carry ") and "comments, more than 3 (more than a Word" in error
    assert not (project / "corrected" / "a.docx").exists()


def test_the_rendered_page_of_the_corrected_seed_is_saved(seed_run):
    """The corrected seed as LibreOffice renders it (PDF, then PNG): the picture the README shows."""
    if libreoffice.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    png = libreoffice.render_first_page(seed_run / "review" / "seed.docx", seed_run / "render")
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "corrected-seed-docx.png").write_bytes(png.read_bytes())


@needs_libreoffice
def test_a_word_file_written_by_libreoffice_round_trips_too(tmp_path, monkeypatch):
    """Another writer's structure (its own styles, bookmarks and run properties) as input."""
    (tmp_path / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    written = libreoffice.convert(tmp_path / "seed.txt", tmp_path, "docx:MS Word 2007 XML")
    monkeypatch.chdir(ROOT)
    assert main(["fix", "-q", "--no-cache", "--grammar", "none", str(written), "--out", str(tmp_path / "out")]) == 0
    revisions = libreoffice.read_odt(libreoffice.convert(tmp_path / "out" / "seed.docx", tmp_path / "lo"))
    assert revisions.accepted == CORRECTED_SEED.read_text(encoding="utf-8")
    assert revisions.rejected == SEED.read_text(encoding="utf-8")


@needs_libreoffice
def test_a_heading_a_table_and_a_term_split_across_formatted_runs(tmp_path):
    """A brief as an editor writes it in Word: a heading, bold and italic runs (one term split between
    two of them), and a table; LibreOffice's accept and reject give the corrected text and the original."""
    document = docx.Document()
    document.add_heading("The Daash cells in al-Badya", level=1)
    paragraph = document.add_paragraph("Qasad fighters , backed by the coalition, said that ")
    paragraph.add_run("Da").bold = True
    paragraph.add_run("'ash cells ")
    paragraph.add_run("attacked").italic = True
    paragraph.add_run(" a checkpoint .")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Rasul said the sleeping cells remain."
    table.cell(0, 1).text = "Casualties: 12"
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    glossary = TWO_ENTRIES + "  - preferred: SDF\n    variants: [Qasad]\n"
    outcome = process(read_docx(data).document, Settings(load_glossary([("g.yaml", glossary)])))
    (tmp_path / "brief.docx").write_bytes(write_docx(data, outcome))
    revisions = libreoffice.read_odt(libreoffice.convert(tmp_path / "brief.docx", tmp_path))
    assert revisions.accepted == outcome.corrected
    assert revisions.rejected == outcome.original.text
    assert "ISIS" in revisions.accepted.split("\n")[0] and "SDF fighters, backed" in revisions.accepted


@needs_libreoffice
def test_a_long_word_file_with_lists_tables_links_code_and_pictures_accepts_and_rejects_exactly(tmp_path):
    """The documentation's pages as LibreOffice writes them to .docx from HTML (headings, lists, tables, links, code,
    images): hundreds of changes and flags land where they belong, in both modes."""
    from markdown_it import MarkdownIt

    html = (
        MarkdownIt("commonmark")
        .enable("table")
        .render("\n\n".join(page.read_text(encoding="utf-8") for page in sorted((ROOT / "docs").glob("*.md"))))
    )
    (tmp_path / "readme.html").write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    data = libreoffice.convert(tmp_path / "readme.html", tmp_path, "docx:MS Word 2007 XML").read_bytes()
    document = read_docx(data).document
    outcome = process(document, _settings())
    assert len(outcome.changes) > 20
    original = libreoffice.read_odt(libreoffice.convert(tmp_path / "readme.docx", tmp_path / "original"))
    assert original.accepted == document.text.replace("\ufffc", "")  # a picture is one protected character
    for mode in ("review", "clean"):
        (tmp_path / f"{mode}.docx").write_bytes(write_docx(data, outcome, mode))
        read = libreoffice.read_odt(libreoffice.convert(tmp_path / f"{mode}.docx", tmp_path / mode))
        assert read.accepted == outcome.corrected.replace("\ufffc", "")
        assert read.rejected == (original.accepted if mode == "review" else read.accepted)


@pytest.mark.parametrize("number", ["1" * 5000, "²"])
def test_revision_ids_that_are_no_small_number_are_passed_over(make_project, number):
    """Our revisions and comments count on from the document's largest id; an id too long to read as a
    number (or of other digits) could never meet one of ours."""
    data = build_docx([[("text", "The Daash cell "), ("ins", "Editor", "met Rasul.")]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b'w:id="910"', f'w:id="{number}"'.encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    project = make_project(TWO_ENTRIES, {"seeds/a.docx": buffer.getvalue()})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 0
    written = zipfile.ZipFile(project / "corrected" / "a.docx").read("word/document.xml").decode()
    assert f'w:id="{number}"' in written and 'w:id="1"' in written


def test_thousands_of_changes_in_one_run_are_written_in_linear_time():
    """Each change used to cut the run's whole remaining text and scan every run of the paragraph: four
    times the changes must cost about four times the work (a ratio in one run, not an absolute time)."""
    import time

    costs = []
    for count in (1_500, 6_000):
        data = build_docx([[("text", "Daash " * count)]])
        outcome = process(read_docx(data).document, _settings())
        started = time.process_time()
        written = write_docx(data, outcome, "review")
        costs.append(time.process_time() - started)
        assert read_docx(written).document.text == outcome.corrected
    assert costs[1] < 8 * costs[0]  # quadratic would be 16 times
