"""WordPress exports (WXR) through the real command line: every post's and page's title and body corrected
in place, every other byte of the export as it was, and the file still an export an XML parser reads."""

import pytest
from lxml import etree

from cleanup.cli import main
from cleanup.formats.html import HtmlError
from cleanup.formats.wxr import read_wxr, write_wxr
from cleanup.house import load_glossary
from cleanup.model import Change, Outcome, Step
from cleanup.pipeline import Settings, process
from tests.conftest import ROOT
from tests.formats.test_html import corrected

EXPORT = ROOT / "tests" / "data" / "wordpress" / "centre.WordPress.2026-12-05.xml"
HOUSE = (ROOT / "glossary" / "house.yaml").read_text(encoding="utf-8")
NAMES = {"content": "http://purl.org/rss/1.0/modules/content/", "wp": "http://wordpress.org/export/1.2/"}

EXPORT_EDITS = [
    ("<![CDATA[The remnants of Daesh in Iraq&#8230;", "<![CDATA[The remnants of ISIS in Iraq&#8230;"),
    ("after defeating Daesh in Iraq", "after defeating ISIS in Iraq"),
    ("<strong>sleeping cells</strong>", "<strong>sleeper cells</strong>"),
    ("magazine , pockets of Da&#8217;ash are still active in alBadya.", "magazine, pockets of ISIS are still active in al-Badia."),
    ("fight the ISIL cells", "fight the ISIS cells"),
    ("/> Attacks by Daesh in 2019[/caption]", "/> Attacks by ISIS in 2019[/caption]"),
    ("the text goes on with Daesh.]]>", "the text goes on with ISIS.]]>"),
    ("<title>Qasad and Daesh: the Badia", "<title>SDF and ISIS: the Badia"),
    ("<h2>Qasad in Deir", "<h2>SDF in Deir"),
    ("The Syrian Democratic forces (Qasad) said that Daesh cells attacked a checkpoint near al Badya .",
     "The Syrian Democratic Forces (SDF) said that ISIS cells attacked a checkpoint near al-Badia."),
    ("2 attacks by Daash</li>", "2 attacks by ISIS</li>"),
    ("The centre studies Daesh, the SDF", "The centre studies ISIS, the SDF"),
]  # fmt: skip


def posts(data: bytes) -> list[tuple[str, str, str]]:
    """Each item's post type, title and body, as an XML parser (not ours) reads them."""
    root = etree.fromstring(data)
    return [
        (item.findtext("wp:post_type", namespaces=NAMES), item.findtext("title"),
         item.findtext("content:encoded", namespaces=NAMES))
        for item in root.iter("item")
    ]  # fmt: skip


def test_an_export_is_corrected_in_its_posts_and_nowhere_else(make_project):
    original = EXPORT.read_bytes()
    project = make_project(HOUSE, {f"seeds/{EXPORT.name}": original})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none"]) == 0  # found in the folder by its name
    written = (project / "corrected" / EXPORT.name).read_bytes()
    assert written.decode("utf-8") == corrected(original.decode("utf-8"), EXPORT_EDITS)
    before, after = posts(original), posts(written)
    assert [p[0] for p in after] == ["post", "post", "page", "attachment"]
    assert after[0][2] == corrected(before[0][2], [(a.replace("]]>", ""), b.replace("]]>", "")) for a, b in EXPORT_EDITS[1:7]])  # fmt: skip
    assert '<script>var s = "]]>"; if (a[b[0]]>1) { s = "Daesh"; }</script>' in after[0][2]  # split CDATA joined
    assert after[1][1] == "SDF and ISIS: the Badia & the Euphrates"
    assert after[3] == before[3]  # an attachment is not an article
    again = project / "again"
    assert main(["fix", "-q", "--no-cache", "--grammar", "none", f"corrected/{EXPORT.name}", "--out", str(again)]) == 0
    assert (again / EXPORT.name).read_bytes() == written


def test_text_split_by_a_cdata_end_is_never_edited_across_it():
    data = EXPORT.read_bytes().replace(b"The centre studies Daesh,", b"The centre studies Da]]><![CDATA[esh and Daesh,")
    read = read_wxr(data)
    assert "The centre studies Daesh and Daesh, the SDF" in read.document.text
    outcome = process(read.document, Settings(load_glossary([("g.yaml", HOUSE)])))
    written = write_wxr(data, outcome)
    assert b"The centre studies Da]]><![CDATA[esh and ISIS, the SDF" in written
    assert posts(written)[2][2].startswith("The centre studies Daesh and ISIS, the SDF")


def test_a_replacement_is_escaped_for_cdata_and_for_xml_text():
    """`R&D <x>]]>` put for the two first Qasads (a title in XML text, a heading in a CDATA body)."""
    data = EXPORT.read_bytes()
    document = read_wxr(data).document
    new, changes, shift = "R&D <x>]]>", [], 0
    for start in [i for i in range(len(document.text)) if document.text.startswith("Qasad", i)][:2]:
        changes.append(Change(start, start + 5, start + shift, start + shift + len(new), (Step("T", "test"),)))
        shift += len(new) - 5
    text = document.text.replace("Qasad", new, 2)
    written = write_wxr(data, Outcome(document, text, tuple(changes)))
    assert b"<title>R&amp;D &lt;x&gt;]]&gt; and Daesh" in written
    assert b"<h2>R&amp;D &lt;x&gt;]]&gt; in Deir" in written
    assert posts(written)[1][1].startswith("R&D <x>]]> and Daesh")  # XML text: the title as it was given
    assert "<h2>R&amp;D &lt;x&gt;]]&gt; in Deir" in posts(written)[1][2]  # HTML in CDATA, shown as given


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("<rss version='2.0'><channel><item><title>Daesh</title></item></channel></rss>", "is not a WordPress export"),
        ("<?xml version='1.0'?><rss><channel>", "is not well-formed XML (line 1, column 36"),
    ],
)
def test_an_xml_file_that_is_not_an_export_is_refused_with_one_line(make_project, capsys, text, says):
    project = make_project(HOUSE, {"seeds/feed.xml": text, f"seeds/{EXPORT.name}": EXPORT.read_bytes()})
    assert main(["fix", "-q", "--no-cache", "--grammar", "none", "seeds/feed.xml", "seeds"]) == 2
    assert f"seeds/feed.xml: {says}" in capsys.readouterr().err
    assert not (project / "corrected" / "feed.xml").exists() and (project / "corrected" / EXPORT.name).is_file()


def test_a_body_written_as_escaped_text_is_left_as_it_is():
    data = EXPORT.read_bytes().replace(
        b"<![CDATA[The centre studies Daesh, the SDF and the tribes of the Badia since 2015.]]>",
        b"&lt;p&gt;The centre studies Daesh&lt;/p&gt;",
    )
    assert "The centre studies" not in read_wxr(data).document.text
    with pytest.raises(HtmlError, match="has changed since it was read"):
        write_wxr(data, process(read_wxr(EXPORT.read_bytes()).document, Settings(load_glossary([("g.yaml", HOUSE)]))))
