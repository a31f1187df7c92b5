"""The Word writer on files as other programs write them (python-docx, docx4j, Google Docs, pandoc's test
file rebuilt) and on hostile ones, through the command line: each output read back by an independent XML
read, validated against the WordprocessingML schema, and read by LibreOffice (its Accept All equals the
clean edition, its Reject All the original)."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from cleanup.cli import main
from cleanup.formats.docx.package import w
from tests import libreoffice, wordschema
from tests.conftest import ROOT, SEED, TWO_ENTRIES
from tests.wordfiles import body_docx, paragraph_mark_revisions_docx, run, seed_docx

DATA = ROOT / "tests" / "data"
needs_libreoffice = pytest.mark.skipif(libreoffice.soffice() is None, reason="LibreOffice (soffice) is not installed")
FIX = ["fix", "-q", "--no-cache", "--grammar", "none"]


def _rule(number: int, pattern: str, replacement: str) -> str:
    return (
        f"  - id: HS9{number:02d}\n    reason: a line-removing rule\n    pattern: '{pattern}'\n"
        f"    replacement: '{replacement}'\n    safety: safe\n    scope: document\n"
    )


def _fix(make_project, data: bytes, rules: str = "", glossary: str = TWO_ENTRIES) -> dict[str, bytes]:
    """`data` as seeds/a.docx through `cleanup fix` in both modes: the review and clean editions."""
    project = make_project(glossary + ("rules:\n" + rules if rules else ""), {"seeds/a.docx": data})
    written = {}
    for mode in ("review", "clean"):
        assert main([*FIX, "--docx-mode", mode, "seeds/a.docx", "--out", mode]) == 0
        written[mode] = (project / mode / "a.docx").read_bytes()
        assert wordschema.new_errors(data, written[mode]) == {}, mode  # every part written is schema-valid
    return written


def _part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def _read(data: bytes, folder: Path, name: str) -> libreoffice.Revisions:
    (folder / f"{name}.docx").write_bytes(data)
    return libreoffice.read_odt(libreoffice.convert(folder / f"{name}.docx", folder / name))


def _agrees(original: bytes, written: dict[str, bytes], folder: Path, empty: bool = True) -> libreoffice.Revisions:
    """LibreOffice's Reject All of the review edition is the original as it reads it, and its Accept All is
    the clean edition (`empty=False`: empty paragraphs left out of that comparison)."""
    before, review, clean = (_read(data, folder, n) for n, data in [("orig", original), *written.items()])
    assert review.rejected == before.rejected
    accepted, cleaned = review.accepted.split("\n"), clean.accepted.split("\n")
    assert accepted == cleaned if empty else [a for a in accepted if a] == [c for c in cleaned if c]
    return clean


@needs_libreoffice
def test_a_joined_line_before_a_section_break_keeps_the_section(make_project, tmp_path):
    """python-docx's five sections, each ended by an empty paragraph holding its properties: a rule that
    removes the first section's line joins that paragraph to the break, whose mark survives."""
    data = (DATA / "python-docx" / "sct-section-props.docx").read_bytes()
    written = _fix(make_project, data, _rule(1, r"Section 1 paragraph\.\n", ""))
    for mode in ("review", "clean"):
        sections = _part(written[mode]).findall(f".//{w('sectPr')}")
        assert len(sections) == 5, mode
        assert sections[0].find(w("pgSz")).get(w("orient")) == "landscape"
    body = _part(written["clean"]).find(w("body"))
    assert "".join(body[0].itertext()) == "" and body[0].find(f"{w('pPr')}/{w('sectPr')}") is not None
    # LibreOffice drops an empty paragraph that only ends a section, as when it accepts the review edition's
    # join; the clean one's keeps the bookmark of the line it joined, so it shows (as in Word)
    clean = _agrees(data, written, tmp_path, empty=False)
    assert clean.accepted.split("\n")[1:] == [f"Section {n} paragraph." for n in range(2, 6)]


@needs_libreoffice
def test_another_authors_paragraph_mark_revisions_survive_a_join(make_project, tmp_path):
    """pandoc's paragraph_insertion_deletion.docx (rebuilt): a join of the first two paragraphs keeps the
    second one's mark, which another author deleted, still pending in the clean edition."""
    data = paragraph_mark_revisions_docx()
    written = _fix(make_project, data, _rule(2, r"(?<=This is a)\n ", " "))
    marks = _part(written["clean"]).findall(f".//{w('pPr')}/{w('rPr')}/{w('del')}")
    assert [m.get(w("author")) for m in marks] == ["Seeley, Jason"]
    assert read_text(written["clean"]) == "This is a split\nParagraph."
    clean = _agrees(data, written, tmp_path)
    assert ("deletion", "Seeley, Jason") in clean.changes


def test_a_mark_another_author_deleted_is_never_deleted_twice(make_project):
    """A line-removing rule over a paragraph mark already deleted: the line stays (that mark is not ours to
    join again), and no mark holds two deletions (which the schema forbids)."""
    data = paragraph_mark_revisions_docx()
    written = _fix(make_project, data, _rule(3, r" split\n", ""))
    for mode, edition in written.items():
        for marks in _part(edition).iter(w("rPr")):
            assert len(marks.findall(w("del"))) <= 1, mode


def read_text(data: bytes) -> str:
    from cleanup.formats.docx import read_docx

    return read_docx(data).document.text


def test_fix_on_its_own_review_output_adds_no_comment(make_project):
    """docx4j's getting-started guide: a second `fix` of the review edition finds the same flags and
    recognises the comments the first run wrote (it added every flag's again: 702 became 1,050 here,
    1,520 became 2,686 with grammar flags)."""
    data = (DATA / "docx4j" / "Docx4j_GettingStarted.docx").read_bytes()
    project = make_project(TWO_ENTRIES, {"seeds/guide.docx": data})
    assert main([*FIX, "seeds/guide.docx", "--out", "once"]) == 0
    assert main([*FIX, "once/guide.docx", "--out", "twice"]) == 0
    counts = [len(_part((project / f / "guide.docx").read_bytes(), "word/comments.xml")) for f in ("once", "twice")]
    assert counts[0] > 100 and counts[1] == counts[0]
    log = json.loads((project / "twice" / "guide.docx.changes.json").read_text(encoding="utf-8"))
    assert log["changes"] == [] and log["flags"]
    assert wordschema.new_errors(data, (project / "twice" / "guide.docx").read_bytes()) == {}


def test_clean_mode_without_changes_leaves_the_document_part_byte_for_byte(make_project):
    """A Google Docs export with a flag and no change: clean mode writes no flag, so nothing is split (its
    right-to-left runs were cut at the flag: 9 `w:rtl` became 11, 228 with grammar flags)."""
    data = (DATA / "docx2python" / "google-docs.docx").read_bytes()
    project = make_project(TWO_ENTRIES, {"seeds/g.docx": data})
    assert main([*FIX, "--docx-mode", "clean", "seeds/g.docx", "--out", "clean"]) == 0
    log = json.loads((project / "clean" / "g.docx.changes.json").read_text(encoding="utf-8"))
    assert log["changes"] == [] and log["flags"]
    after = zipfile.ZipFile(project / "clean" / "g.docx")
    assert after.read("word/document.xml") == zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


@needs_libreoffice
def test_split_text_that_did_not_preserve_its_spaces_keeps_them_unshown(make_project, tmp_path):
    """Runs written without `xml:space="preserve"` (LibreOffice and Word drop their edge spaces): the text
    is read as shown, and the writer's splits keep the spaces at each cut and never show the edge ones."""
    body = (
        '<w:p><w:r><w:t> The Daash cell  met the Rasul . </w:t></w:r><w:r><w:t xml:space="preserve"> After all.</w:t></w:r>'
        f"<w:r><w:t> Un</w:t></w:r><w:r><w:t>seen </w:t></w:r></w:p><w:p>{run('After.')}</w:p><w:sectPr/>"
    )
    data = body_docx(body)
    written = _fix(make_project, data)
    clean = _agrees(data, written, tmp_path)
    assert clean.accepted.split("\n")[0] == "The ISIS cell met the Rasool. After all.Unseen"


@needs_libreoffice
def test_a_dangling_comments_link_gets_its_part_where_it_points(make_project, tmp_path):
    """The main document links a comments part that is missing: the comments are made there, under that
    one link (a second comments part made LibreOffice refuse the file)."""
    link = '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="notes/comments.xml"/>'  # fmt: skip
    data = body_docx(f"<w:p>{run('The Daash cell.')}</w:p><w:sectPr/>", rels=[link])
    written = _fix(make_project, data)
    package = zipfile.ZipFile(io.BytesIO(written["review"]))
    rels = package.read("word/_rels/document.xml.rels").decode()
    assert rels.count("relationships/comments") == 1 and "word/notes/comments.xml" in package.namelist()
    assert '/word/notes/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"' in package.read("[Content_Types].xml").decode()  # fmt: skip
    review = _read(written["review"], tmp_path, "review")
    assert [author for author, _ in review.comments] == ["cleanup"] and review.accepted == "The ISIS cell."


def test_a_header_link_to_the_main_document_reads_its_text_once(make_project):
    """A forged header relationship pointing at document.xml: the body is read once, so changes are never
    nested in review mode, and clean mode writes the edition (it was an internal error)."""
    link = '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="document.xml"/>'  # fmt: skip
    data = body_docx(f"<w:p>{run('The Daash cell.')}</w:p><w:sectPr/>", rels=[link])
    written = _fix(make_project, data)
    assert read_text(written["clean"]) == "The ISIS cell."
    review = _part(written["review"])
    assert review.find(f".//{w('del')}//{w('del')}") is None and len(review.findall(f".//{w('del')}")) == 1
    assert ["".join(i.itertext()) for i in review.iter(w("ins"))] == ["ISIS"]


DROP_CAP = '<w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="3" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/></w:pPr><w:r><w:t>T</w:t></w:r></w:p>'  # fmt: skip


@needs_libreoffice
def test_each_change_after_a_drop_cap_says_in_its_comment_that_libreoffice_cannot_show_it(make_project, tmp_path):
    """LibreOffice drops every tracked change after a drop cap (anyone's) and shows old and new text
    both; Word reads them. The changes stay tracked, and the comment of each one there says so."""
    body = f"<w:p>{run('The Rasul came.')}</w:p>{DROP_CAP}<w:p>{run('he Daash cell met.')}</w:p><w:sectPr/>"
    data = body_docx(body)
    written = _fix(make_project, data)
    review = _part(written["review"])
    assert ["".join(i.itertext()) for i in review.iter(w("ins"))] == ["Rasool", "ISIS"]  # tracked for Word
    read = _read(written["review"], tmp_path, "review")
    notes = sorted(text for author, text in read.comments if author == "cleanup")
    assert notes[0].startswith("GL:ISIS") and "LibreOffice shows no tracked change from a framed paragraph" in notes[0]
    assert notes[1].startswith("GL:Rasool") and "framed" not in notes[1]
    assert read.changes == [("deletion", "cleanup"), ("insertion", "cleanup")]  # the one before the drop cap


@needs_libreoffice
def test_a_change_in_a_framed_paragraph_says_that_libreoffice_cannot_show_it(make_project, tmp_path):
    """A paragraph in a frame at the page's foot (as POI's stress010.docx has one): LibreOffice shows no
    tracked change in it or after it, anyone's; the comment of each change there says so."""
    frame = '<w:pPr><w:framePr w:w="9792" w:h="432" w:wrap="around" w:hAnchor="page" w:x="1196" w:yAlign="bottom"/></w:pPr>'  # fmt: skip
    body = f"<w:p>{run('The Rasul came.')}</w:p><w:p>{frame}{run('*    The Daash note.')}</w:p><w:sectPr/>"
    written = _fix(make_project, body_docx(body))
    notes = sorted(t for a, t in _read(written["review"], tmp_path, "review").comments if a == "cleanup")
    framed = [note for note in notes if "from a framed paragraph" in note]
    assert len(framed) == 2 and all(n.startswith(("GL:ISIS", "SP003")) for n in framed)
    (rasool,) = [note for note in notes if note.startswith("GL:Rasool")]
    assert "framed" not in rasool


def test_a_comments_link_to_a_part_that_is_not_comments_fails_alone(make_project, capsys):
    link = '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="document.xml"/>'  # fmt: skip
    data = body_docx(f"<w:p>{run('The Daash cell.')}</w:p><w:sectPr/>", rels=[link])
    project = make_project(TWO_ENTRIES, {"seeds/a.docx": data})
    assert main([*FIX, "seeds/a.docx", "--out", "out"]) == 2
    error = capsys.readouterr().err
    assert "seeds/a.docx: links word/document.xml as its comments, which it is not (a damaged file)" in error
    assert "Traceback" not in error and not (project / "out" / "a.docx").exists()


def _control(inner: str, kind: str = "") -> str:
    return f'<w:sdt><w:sdtPr><w:id w:val="7"/>{kind}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


CONTROLS = (
    f"<w:p>{run('Before ')}{_control(run('the Daash cell'), '<w:text/>')}{run(' after.')}</w:p>"
    + _control(f"<w:p>{run('The Daash cell met.')}</w:p><w:p>{run('Second Rasul.')}</w:p>")
    + _control(
        f"<w:p>{run('Contents')}</w:p><w:p>{run('The Daash cells')}</w:p>",
        '<w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj>',
    )
    + f"<w:p>{run('Outside Rasul.')}</w:p><w:sectPr/>"
)


@needs_libreoffice
def test_content_controls_lose_no_text_and_changes_libreoffice_cannot_show_say_so(make_project, tmp_path):
    """A plain-text content control and the first paragraph of a block one (not a table of contents):
    LibreOffice shows no tracked change there (it shows old and new text both) and lost the text a
    comment inside marked. Comments are anchored around such a control or after that paragraph, so no
    text is lost, and those changes' comments say LibreOffice cannot show them; Word reads them all."""
    data = body_docx(CONTROLS)
    written = _fix(make_project, data)
    review = _part(written["review"])
    assert ["".join(i.itertext()) for i in review.iter(w("ins"))] == ["ISIS", "ISIS", "Rasool", "ISIS", "Rasool"]
    before, read, clean = (_read(d, tmp_path, n) for n, d in [("orig", data), *written.items()])
    assert read.rejected.replace("DaashISIS", "Daash") == before.rejected  # nothing lost
    assert read.accepted.replace("DaashISIS", "ISIS") == clean.accepted
    assert read.rejected.count("DaashISIS") == 2  # the two places LibreOffice cannot track
    notes = [text for author, text in read.comments if author == "cleanup"]
    assert sum("inside a plain-text content control" in n for n in notes) == 1
    assert sum("in the first paragraph of a content control" in n for n in notes) == 1
    assert sum("LibreOffice" in n for n in notes) == 2 and len(notes) == 5


def test_the_seed_as_a_word_file_is_schema_valid_in_both_modes(make_project):
    """Every part written for the seed with the house glossary and rules (tracked changes, deleted
    paragraph marks where scrape lines go, comments) validates."""
    house = (ROOT / "glossary" / "house.yaml").read_text(encoding="utf-8")
    rules = (ROOT / "glossary" / "rules.yaml").read_text(encoding="utf-8").split("rules:\n", 1)[1]
    written = _fix(make_project, seed_docx(SEED.read_text(encoding="utf-8")), rules, house)
    assert _part(written["review"]).find(f".//{w('pPr')}/{w('rPr')}/{w('del')}") is not None  # a join
    assert len(_part(written["review"], "word/comments.xml")) > 10
    assert len(_part(written["review"], "word/comments.xml")) > 10


@needs_libreoffice
def test_docx4j_content_controls_bound_to_data_get_no_comment_and_lose_no_text(make_project, tmp_path):
    """docx4j's OpenDoPE test file: every paragraph after the first is a one-paragraph content control
    bound to the data store; flags there once put comments in them, and LibreOffice lost text ("no
    hyperlink" read " hyperlink"). Bound text is the data's, not the document's: no comment goes there."""
    data = (DATA / "docx4j" / "OpenDoPE-hyperlinks.docx").read_bytes()
    written = _fix(make_project, data)
    before, review = _read(data, tmp_path, "orig"), _read(written["review"], tmp_path, "review")
    assert review.rejected == before.rejected and "no hyperlink" in review.rejected
    body = _part(written["review"])
    bound = [c for c in body.iter(w("sdt")) if c.find(f"{w('sdtPr')}/{w('dataBinding')}") is not None]
    assert bound and not any(next(c.iter(w("commentRangeStart")), None) is not None for c in bound)


@needs_libreoffice
def test_comments_on_field_results_and_cell_controls_keep_their_text(make_project, tmp_path):
    """docx4j's document-properties table: a flag on a field's result (an author's name) put its comment
    inside the field, which LibreOffice then showed as part of the field's text, and a comment inside a
    plain-text control around a table cell lost the cell's text. Comments now go around the field, and
    their references out of the control; the only difference left is LibreOffice's own empty paragraph
    before a document's first table once it holds comments."""
    data = (DATA / "docx4j" / "DOCPROP-builtin.docx").read_bytes()
    written = _fix(make_project, data)
    before, review = _read(data, tmp_path, "orig"), _read(written["review"], tmp_path, "review")
    assert review.rejected == "\n" + before.rejected
    assert "PA001" not in review.rejected and len(review.comments) >= 10


@needs_libreoffice
def test_text_bound_to_data_is_not_corrected_or_commented(make_project, tmp_path):
    """Content controls bound to the document's data store (`w:dataBinding`, as docx4j's OpenDoPE invoices
    write them): Word writes the data over their text, so neither a change nor a comment goes there (a
    comment inside one made LibreOffice lose its text); the same words outside are corrected."""
    binding = '<w:sdtPr><w:dataBinding w:xpath="/invoice/item" w:storeItemID="{8B049945-9DFE-4726-9DE9-CF5691E53858}"/><w:text/></w:sdtPr>'  # fmt: skip
    body = (
        f"<w:sdt>{binding}<w:sdtContent><w:p>{run('the Daash cell , bound .')}</w:p></w:sdtContent></w:sdt>"
        f"<w:p>{run('Its Daash item: ')}<w:sdt>{binding}<w:sdtContent>{run('apples from Daash')}</w:sdtContent></w:sdt></w:p>"
        f"<w:p>{run('The Daash cell , free .')}</w:p><w:sectPr/>"
    )
    data = body_docx(body)
    written = _fix(make_project, data)
    clean = _agrees(data, written, tmp_path)
    assert clean.accepted.replace("\r", "").split("\n")[:3] == [  # LibreOffice ends a block control's line with \r
        "the Daash cell , bound .",
        "Its ISIS item: apples from Daash",
        "The ISIS cell, free.",
    ]
    assert all(author == "cleanup" for author, _ in clean.comments) and not any(
        "lowercase" in text for _, text in _read(written["review"], tmp_path, "comments").comments
    )
