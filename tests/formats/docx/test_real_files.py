"""Word files as other programs write them: equations, Strict Open XML, shapes, page numbers and ruby text
that the reader does not read as words, and forged packages. Real files from docx2python and mammoth
(tests/data/) and files built as Word writes them go through the real command line; the output is checked
with lxml and, where it is about what a reader sees, with LibreOffice."""

import io
import json
import zipfile

import pytest
from lxml import etree

from cleanup.cli import main
from cleanup.formats.docx import read_docx
from cleanup.formats.docx.package import w
from tests import libreoffice
from tests.conftest import ROOT, TWO_ENTRIES
from tests.wordfiles import OTHER, build_docx

DATA = ROOT / "tests" / "data"
M = OTHER["m"]
needs_libreoffice = pytest.mark.skipif(libreoffice.soffice() is None, reason="LibreOffice (soffice) is not installed")

# An inline equation at the end of a prose paragraph, as pandoc's equations.docx has them.
INLINE_MATH = (
    "<m:oMath><m:r><m:t>A</m:t></m:r><m:r><m:t>=</m:t></m:r><m:r><m:t>π</m:t></m:r>"
    "<m:sSup><m:e><m:r><m:t>r</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>"
)
ENDS_WITH_MATH = [
    ("text", "The army said the area that the Daash cells could reach from the camp in a day is "),
    ("xml", INLINE_MATH),
]
# A shape as Word writes it: DrawingML for readers that know it, VML as the fallback.
SHAPE = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/>'
    '<wp:docPr id="7" name="Shape 7"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
    'wordprocessingShape"><wps:wsp><wps:spPr><a:prstGeom prst="rect"/></wps:spPr><wps:bodyPr/></wps:wsp>'
    "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict>"
    '<v:rect style="width:72pt;height:36pt"/></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
)
PAGE_NUMBER = "<w:r><w:pgNum/></w:r>"
RUBY = (
    '<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/><w:hps w:val="10"/><w:hpsRaise w:val="18"/>'
    '<w:hpsBaseText w:val="20"/><w:lid w:val="ja-JP"/></w:rubyPr><w:rt><w:r><w:t>かん</w:t></w:r></w:rt>'
    "<w:rubyBase><w:r><w:t>漢</w:t></w:r></w:rubyBase></w:ruby></w:r>"
)
CHOICE_TEXT = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t xml:space="preserve">Daash  cells</w:t></mc:Choice>'
    '<mc:Fallback><w:t xml:space="preserve">Daash  cells</w:t></mc:Fallback></mc:AlternateContent></w:r>'
)
TRANSITIONAL_TO_STRICT = {
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    b"http://schemas.openxmlformats.org/officeDocument/2006/math": b"http://purl.oclc.org/ooxml/officeDocument/math",
}  # fmt: skip


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(parts: dict[str, bytes] | list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items() if isinstance(parts, dict) else parts:
            archive.writestr(name, data)
    return buffer.getvalue()


def _strict(data: bytes) -> bytes:
    """A Transitional .docx saved as Strict: every namespace and relationship type in its Strict name."""
    parts = _parts(data)
    for transitional, strict in TRANSITIONAL_TO_STRICT.items():
        parts = {name: part.replace(transitional, strict) for name, part in parts.items()}
    return _zipped(parts)


def _fix(mode: str, *paths: str, out: str = "corrected") -> int:
    return main(["fix", "-q", "--no-cache", "--grammar", "none", "--docx-mode", mode, *paths, "--out", out])


def _log(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _body(path) -> etree._Element:
    return etree.fromstring(_parts(path.read_bytes())["word/document.xml"])


def _equations(root: etree._Element) -> list[bytes]:
    """Each equation of a document (inline, or a paragraph of them), as canonical XML."""
    return [etree.tostring(m, method="c14n") for m in root.iter(f"{{{M}}}oMathPara", f"{{{M}}}oMath") if m.getparent().tag != f"{{{M}}}oMathPara"]  # fmt: skip


def test_a_flag_on_a_paragraph_ending_with_an_equation_is_a_comment_around_it_and_the_equation_is_kept(
    make_project, capsys
):
    data = build_docx([ENDS_WITH_MATH])
    project = make_project(TWO_ENTRIES, {"seeds/math.docx": data})
    for mode in ("review", "clean"):
        assert _fix(mode, "seeds/math.docx", out=mode) == 0, capsys.readouterr().err
    log = _log(project / "review" / "math.docx.changes.json")
    assert [flag["rule"] for flag in log["flags"]] == ["PA002"]
    assert [change["after"] for change in log["changes"]] == ["ISIS"]
    for mode in ("review", "clean"):
        assert _equations(_body(project / mode / "math.docx")) == _equations(
            etree.fromstring(_parts(data)["word/document.xml"])
        )
    equation = _body(project / "review" / "math.docx").find(f".//{{{M}}}oMath")
    assert equation.getprevious().tag == w("commentRangeStart") and equation.getnext().tag == w("commentRangeEnd")
    assert main(["check", "--grammar", "none", "--format", "json", "seeds/math.docx"]) == 1
    found = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert sorted(f["rule"] for f in found) == ["GL:ISIS", "PA002"]


@needs_libreoffice
def test_libreoffice_shows_the_equation_flag_as_a_comment(make_project, tmp_path):
    project = make_project(TWO_ENTRIES, {"seeds/math.docx": build_docx([ENDS_WITH_MATH])})
    assert _fix("review", "seeds/math.docx") == 0
    read = libreoffice.read_odt(libreoffice.convert(project / "corrected" / "math.docx", tmp_path / "lo"))
    assert [text.split(": ")[0] for author, text in read.comments] == ["GL:ISIS", "PA002"]
    assert read.accepted.startswith("The army said the area that the ISIS cells could reach")
    assert read.rejected.startswith("The army said the area that the Daash cells could reach")


def test_words_equations_from_a_real_file_go_through_fix_and_check_unchanged(make_project, capsys):
    data = (DATA / "docx2python" / "equations.docx").read_bytes()
    project = make_project(TWO_ENTRIES, {"seeds/equations.docx": data})
    for mode in ("review", "clean"):
        assert _fix(mode, "seeds/equations.docx", out=mode) == 0, capsys.readouterr().err
        before = _equations(etree.fromstring(_parts(data)["word/document.xml"]))
        assert len(before) == 3 and _equations(_body(project / mode / "equations.docx")) == before
    assert main(["check", "--grammar", "none", "seeds/equations.docx"]) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("mammoth/strict-format.docx", "Test"),
        ("docx2python/strict.docx", "Bullet1\nBullet2\nNumber1\nNumber2\nCellaa\nCellab\nCellba\nCellbb\n"),
    ],
)
def test_a_strict_open_xml_file_from_word_is_read(make_project, capsys, name, text):
    data = (DATA / name).read_bytes()
    assert read_docx(data).document.text == text
    project = make_project(TWO_ENTRIES, {"seeds/strict.docx": data})
    assert main(["check", "--grammar", "none", "seeds/strict.docx"]) == 0
    assert _fix("review", "seeds/strict.docx") == 0, capsys.readouterr().err
    assert _parts((project / "corrected" / "strict.docx").read_bytes()) == _parts(data)  # nothing to change


@needs_libreoffice
def test_a_strict_document_is_corrected_and_written_back_as_strict(make_project, capsys, tmp_path):
    data = _strict(
        build_docx([[("text", "The Daash cells , said the report.")], [("text", "See "), ("xml", INLINE_MATH)]])
    )
    project = make_project(TWO_ENTRIES, {"seeds/strict.docx": data})
    for mode in ("review", "clean"):
        assert _fix(mode, "seeds/strict.docx", out=mode) == 0, capsys.readouterr().err
        written = _parts((project / mode / "strict.docx").read_bytes())
        for part, content in written.items():
            assert not any(name in content for name in TRANSITIONAL_TO_STRICT), part  # Strict names only
        assert (
            etree.fromstring(written["word/document.xml"]).tag
            == "{http://purl.oclc.org/ooxml/wordprocessingml/main}document"
        )
        unchanged = {n for n, part in _parts(data).items() if written.get(n) == part}
        assert "_rels/.rels" in unchanged  # parts not edited stay byte for byte
        read = libreoffice.read_odt(libreoffice.convert(project / mode / "strict.docx", tmp_path / mode))
        assert read.accepted.split("\n")[0] == "The ISIS cells, said the report."
    rels = _parts((project / "review" / "strict.docx").read_bytes())["word/_rels/document.xml.rels"]
    assert b'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/comments"' in rels
    review = libreoffice.read_odt(libreoffice.convert(project / "review" / "strict.docx", tmp_path / "again"))
    assert review.rejected.split("\n")[0] == "The Daash cells , said the report."
    assert [text.split(": ")[0] for _, text in review.comments] == ["GL:ISIS", "SP001"]
    assert _fix("review", "review/strict.docx", out="again") == 0
    assert _log(project / "again" / "strict.docx.changes.json")["changes"] == []


def _with_document(data: bytes, document: bytes) -> bytes:
    return _zipped({**_parts(data), "word/document.xml": document})


GOOD = build_docx([[("text", "The Daash cell.")]])
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    b"<w:t>The Daash &xxe; cell.</w:t></w:r></w:p></w:body></w:document>"
)
NOT_WORD = b'<d:document xmlns:d="http://example.org/not-word"><d:p>The Daash cell.</d:p></d:document>'


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (_with_document(GOOD, XXE), "has a DOCTYPE in word/document.xml, which Word never writes"),
        (_with_document(GOOD, NOT_WORD), "has word/document.xml in a vocabulary this tool does not read"),
        (
            _zipped([*_parts(GOOD).items(), ("word/Document.xml", _parts(GOOD)["word/document.xml"])]),
            "holds two parts named word/document.xml",  # one name: OPC ignores case
        ),
    ],
)
def test_a_part_the_reader_does_not_understand_is_refused_with_one_line(make_project, capsys, data, says):
    project = make_project(TWO_ENTRIES, {"seeds/bad.docx": data, "seeds/good.docx": GOOD})
    assert _fix("review") == 2
    error = capsys.readouterr().err
    assert f"seeds/bad.docx: {says}" in error and "Traceback" not in error, error
    assert len([line for line in error.splitlines() if "bad.docx" in line]) == 1
    written = sorted(p.name for p in (project / "corrected").iterdir())
    assert "good.docx" in written and not [n for n in written if n.startswith("bad.docx")]


def test_a_strict_document_with_a_transitional_part_is_refused_not_read_as_empty(make_project, capsys):
    header = _parts(build_docx([[("text", "x")]], header="Daash weekly"))
    strict = _parts(_strict(build_docx([[("text", "x")]], header="Daash weekly")))
    mixed = _zipped({**strict, "word/header1.xml": header["word/header1.xml"]})
    make_project(TWO_ENTRIES, {"seeds/mixed.docx": mixed})
    assert _fix("review") == 2
    assert "seeds/mixed.docx: mixes Strict and Transitional Open XML in word/header1.xml" in capsys.readouterr().err


def test_part_names_that_differ_only_in_case_name_one_part(make_project, capsys):
    parts = _parts(build_docx([[("text", "The Daash cell.")]]))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/word/document.xml", b"/Word/Document.XML")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"WORD/document.xml")
    project = make_project(TWO_ENTRIES, {"seeds/case.docx": _zipped(parts)})
    assert _fix("review") == 0, capsys.readouterr().err
    assert read_docx((project / "corrected" / "case.docx").read_bytes()).document.text == "The ISIS cell."


@pytest.mark.parametrize(
    ("item", "reads"),
    [
        (SHAPE, "See the map \ufffc below"),
        (PAGE_NUMBER, "See the map \ufffc below"),
        (RUBY, "See the map \ufffc below"),
    ],
)
def test_what_the_reader_does_not_read_keeps_its_place_so_the_spaces_beside_it_stay(make_project, item, reads):
    blocks = [[("text", "See the map "), ("xml", item), ("text", " below the Daash line.")]]
    project = make_project(TWO_ENTRIES, {"seeds/shape.docx": build_docx(blocks)})
    assert _fix("review") == 0
    log = _log(project / "corrected" / "shape.docx.changes.json")
    assert [c["rule"] for c in log["changes"]] == ["GL:ISIS"]  # no SP003: the spaces are not a double space
    assert read_docx((project / "corrected" / "shape.docx").read_bytes()).document.text == reads + " the ISIS line."


def test_text_inside_a_runs_alternative_content_is_read_and_kept(make_project):
    blocks = [[("text", "Before "), ("xml", CHOICE_TEXT), ("text", " after the Daash line.")]]
    project = make_project(TWO_ENTRIES, {"seeds/choice.docx": build_docx(blocks)})
    assert _fix("review") == 0
    assert read_docx(build_docx(blocks)).document.text == "Before Daash  cells after the Daash line."
    log = _log(project / "corrected" / "choice.docx.changes.json")
    assert [(c["rule"], c["start"]) for c in log["changes"]] == [("GL:ISIS", 30)]  # its text is never edited
    choice = _body(project / "corrected" / "choice.docx").find(f".//{{{OTHER['mc']}}}Choice")
    assert "".join(choice.itertext()) == "Daash  cells"


@needs_libreoffice
def test_libreoffice_shows_the_spaces_beside_a_shape_kept(make_project, tmp_path):
    blocks = [[("text", "See the map "), ("xml", SHAPE), ("text", " below the Daash line.")]]
    project = make_project(TWO_ENTRIES, {"seeds/shape.docx": build_docx(blocks)})
    assert _fix("review") == 0
    read = libreoffice.read_odt(libreoffice.convert(project / "corrected" / "shape.docx", tmp_path / "lo"))
    assert read.accepted == "See the map  below the ISIS line."  # the shape is drawn between the two spaces


def _code_and_forms() -> bytes:
    """A brief as python-docx writes it: prose, a code listing in a `Source Code` style (no font of its own),
    code set in Courier New inside prose, and a form whose blanks are underlined spaces."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.add_paragraph("The Daash cells met , said the report.")
    document.styles.add_style("Source Code", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("    if  ( found ) :  File f = new java.io.File( name ) ;", style="Source Code")
    paragraph = document.add_paragraph("Open ")
    paragraph.add_run("Amaq.News ,  x.Update( )").font.name = "Courier New"
    paragraph.add_run(" to read it.")
    form = document.add_paragraph("Name:")
    form.add_run("            ").underline = True
    form.add_run(" Date:")
    form.add_run("      ").underline = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_code_and_underlined_blanks_are_never_respaced(make_project, capsys):
    data = _code_and_forms()
    project = make_project(TWO_ENTRIES, {"seeds/brief.docx": data})
    for mode in ("review", "clean"):
        assert _fix(mode, "seeds/brief.docx", out=mode) == 0, capsys.readouterr().err
        text = read_docx((project / mode / "brief.docx").read_bytes()).document.text.split("\n")
        assert text == [
            "The ISIS cells met, said the report.",
            "    if  ( found ) :  File f = new java.io.File( name ) ;",
            "Open Amaq.News ,  x.Update( ) to read it.",
            "Name:             Date:      ",
        ]
    log = _log(project / "review" / "brief.docx.changes.json")
    assert sorted(c["rule"] for c in log["changes"]) == ["GL:ISIS", "SP001"]
    assert main(["check", "--grammar", "none", "--format", "json", "seeds/brief.docx"]) == 1
    found = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert sorted(f["rule"] for f in found) == ["GL:ISIS", "SP001"]


@needs_libreoffice
def test_libreoffice_shows_code_and_blanks_as_written(make_project, tmp_path):
    data = _code_and_forms()
    project = make_project(TWO_ENTRIES, {"seeds/brief.docx": data})
    assert _fix("review", "seeds/brief.docx") == 0
    read = libreoffice.read_odt(libreoffice.convert(project / "corrected" / "brief.docx", tmp_path / "lo"))
    original = read_docx(data).document.text.split("\n")
    assert read.accepted.split("\n")[1:] == original[1:]
    assert read.accepted.split("\n")[0] == "The ISIS cells met, said the report."


def test_a_document_set_wholly_in_a_monospaced_font_is_prose_not_code(make_project):
    """A text file opened in LibreOffice and saved as .docx is all `Preformatted Text`; a translator may type
    in Courier throughout. Code is text set apart from the prose around it, not the body's typeface."""
    import docx

    document = docx.Document()
    for line in ("The Daash cells met , said the report.", "They left  at night."):
        document.add_paragraph().add_run(line).font.name = "Courier New"
    buffer = io.BytesIO()
    document.save(buffer)
    project = make_project(TWO_ENTRIES, {"seeds/typed.docx": buffer.getvalue()})
    assert _fix("clean") == 0
    assert read_docx((project / "corrected" / "typed.docx").read_bytes()).document.text == (
        "The ISIS cells met, said the report.\nThey left at night."
    )


def test_a_forms_check_boxes_keep_the_spaces_that_set_them_apart(make_project, capsys, tmp_path):
    """Word's referral form: `Office Use Only     [box] Urgent     [box] Routine`. A check box is a field
    with no result text; read as nothing, SP003 took the spaces around it for a double space."""
    data = (DATA / "docx2python" / "checked_boxes.docx").read_bytes()
    project = make_project(TWO_ENTRIES, {"seeds/form.docx": data})
    assert _fix("review", "seeds/form.docx") == 0, capsys.readouterr().err
    first = "Office Use Only     \ufffc Urgent     \ufffc Routine"
    assert read_docx(data).document.text.startswith(first)
    assert read_docx((project / "corrected" / "form.docx").read_bytes()).document.text.startswith(first)
    changed = [c["before"] for c in _log(project / "corrected" / "form.docx.changes.json")["changes"]]
    assert all("\ufffc" not in before for before in changed) and len(changed) == 9  # layout and sentence gaps only
    if libreoffice.soffice() is not None:
        read = libreoffice.read_odt(libreoffice.convert(project / "corrected" / "form.docx", tmp_path / "lo"))
        original = libreoffice.read_odt(libreoffice.convert(project / "seeds" / "form.docx", tmp_path / "lo0"))
        shown = [line for line in read.accepted.split("\n") if line.startswith("Office Use Only")]
        assert shown == ["Office Use Only      Urgent      Routine"] == original.accepted.split("\n")[:1]


def test_a_short_note_that_is_mostly_a_code_listing_keeps_the_listing(make_project):
    """As pandoc's codeblock.docx: one line of prose, a `Source Code` paragraph of three lines (line
    breaks), one more line of prose: code is most of the text, yet set apart from the prose."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.styles.add_style("Source Code", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("This is some code :")
    listing = document.add_paragraph(style="Source Code")
    for index, line in enumerate(("readDocx :: ReaderOptions", "         -> B.ByteString", "         -> Pandoc")):
        listing.add_run(line)
        if index < 2:
            listing.add_run().add_break()
    document.add_paragraph("from the beginning of the docx reader.")
    buffer = io.BytesIO()
    document.save(buffer)
    project = make_project(TWO_ENTRIES, {"seeds/note.docx": buffer.getvalue()})
    assert _fix("clean") == 0
    assert read_docx((project / "corrected" / "note.docx").read_bytes()).document.text == (
        "This is some code:\nreadDocx :: ReaderOptions\n         -> B.ByteString\n         -> Pandoc\n"
        "from the beginning of the docx reader."
    )
