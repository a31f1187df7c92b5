"""Bilingual files (XLIFF 1.2 and 2.0, TMX): the English targets checked and corrected, the Arabic sources
read beside them, segments with inline markup never edited, and bad files refused with one line."""

import json

import pytest
from lxml import etree
from test_source import GLOSSARY

from cleanup.cli import main
from cleanup.formats.bilingual import BilingualError, read_bilingual

XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="ar" target-language="en" datatype="plaintext" original="brief.txt">
    <body>
      <trans-unit id="1"><source>فلول داعش في البادية</source><target>Remnants of Daash in the Badia</target></trans-unit>
      <trans-unit id="2"><source>في عام ٢٠١٩، قتلت خلايا داعش ٦٠٠ شخص.</source><target>In 2019, Daash cells killed 60 people .</target></trans-unit>
      <trans-unit id="3"><source>وقالت قسد إن ثلاثة أصيبوا.</source><target>The <g id="b">Qasad</g> said three were wounded .</target></trans-unit>
    </body>
  </file>
</xliff>
"""
XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1">
    <unit id="u1"><segment><source>قال رسول إن ١٬٢٠٠ عائلة نزحت.</source><target>Rasul said 1,200 families fled.</target></segment></unit>
    <unit id="u2"><segment><source>داعش</source><target>Daash</target></segment></unit>
  </file>
</xliff>
"""
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ar" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body>
<tu><tuv xml:lang="ar"><seg>قال رسول إن ١٬٢٠٠ عائلة نزحت.</seg></tuv><tuv xml:lang="en-US"><seg>Rasool said 1,200 families fled .</seg></tuv></tu>
<tu><tuv xml:lang="ar-SA"><seg>داعش</seg></tuv><tuv xml:lang="en"><seg>Daash</seg></tuv></tu>
</body></tmx>
"""


def test_xliff_targets_are_corrected_and_sources_checked_beside_them(make_project, capsys):
    project = make_project(GLOSSARY, {"seeds/brief.xlf": XLIFF_12})
    assert main(["check", "--grammar", "none", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert {"SRC001", "SRC002", "GL:ISIS", "SP001"} <= {f["rule"] for f in findings}
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    written = (project / "corrected" / "brief.xlf").read_bytes()
    root = etree.fromstring(written)
    namespace = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    targets = ["".join(t.itertext()) for t in root.iterfind(".//x:target", namespace)]
    assert targets == [
        "Remnants of ISIS in the Badia",
        "In 2019, ISIS cells killed 60 people.",
        "The SDF said three were wounded.",  # edited around its inline markup
    ]
    assert b'<target>The <g id="b">SDF</g> said three were wounded.</target>' in written
    assert [s.text for s in root.iterfind(".//x:source", namespace)] == [
        s.text for s in etree.fromstring(XLIFF_12.encode()).iterfind(".//x:source", namespace)
    ]
    assert written.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff') and written.endswith(b"</xliff>\n")
    assert main(["fix", "-q", "--grammar", "none", str(project / "corrected" / "brief.xlf"), "--out", "again"]) == 0
    assert json.loads((project / "again" / "brief.xlf.changes.json").read_text(encoding="utf-8"))["changes"] == []


@pytest.mark.parametrize(("name", "text", "english"), [("u.xlf", XLIFF_20, "Rasul said 1,200 families fled.\nDaash"), ("m.tmx", TMX, "Rasool said 1,200 families fled .\nDaash")])  # fmt: skip
def test_xliff_2_and_tmx_are_read_as_english_targets_and_arabic_sources(name, text, english):
    read = read_bilingual(text.encode())
    assert read.english.text == english
    assert read.source.text == "قال رسول إن ١٬٢٠٠ عائلة نزحت.\nداعش"


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdef", "bcdefg", strict=True))
    + ']><xliff version="1.2"><file><body><trans-unit id="1"><source>داعش</source><target>&g;</target>'
    "</trans-unit></body></file></xliff>"
)  # a billion laughs: refused at once, never expanded


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("<xliff version='1.2'><file target-language='fr'><body/></file></xliff>", "translates into fr, not English"),
        ("<html><body>hello</body></html>", "is neither XLIFF nor TMX (its root element is <html>)"),
        ("<xliff version='1.2'><file", "is not well-formed XML (line 1, column 27"),
        (BOMB, "is not well-formed XML (line 1, column 4: Maximum entity amplification"),
        (
            "<tmx><body><tu><tuv xml:lang='fr'><seg>x</seg></tuv></tu></body></tmx>",
            "is a TMX file with no English units (xml:lang en)",
        ),
    ],
)
def test_a_bad_bilingual_file_is_refused_with_one_line(make_project, capsys, text, says):
    project = make_project(GLOSSARY, {"seeds/bad.xlf": text, "seeds/good.tmx": TMX})
    with pytest.raises(BilingualError, match=says.replace("(", r"\(").replace(")", r"\)")):
        read_bilingual(text.encode())
    assert main(["fix", "-q", "--grammar", "none"]) == 2
    assert f"seeds/bad.xlf: {says}" in capsys.readouterr().err
    assert sorted(p.name for p in (project / "corrected").iterdir() if p.name.startswith("bad")) == []
    assert (project / "corrected" / "good.tmx").is_file()


def test_a_segment_left_untranslated_is_flagged_on_its_own_line(make_project, capsys):
    """Segments pair one to one, so an empty target is seen where it is, not absorbed by alignment."""
    empty = XLIFF_20.replace("<target>Rasul said 1,200 families fled.</target>", "<target></target>")
    make_project(GLOSSARY, {"seeds/u.xlf": empty})
    assert main(["check", "--grammar", "none", "--select", "SRC", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["source"]["text"]) for f in findings] == [
        ("SRC007", 1, "قال رسول إن ١٬٢٠٠ عائلة نزحت.")
    ]


def test_the_prolog_survives_when_the_root_has_no_attributes():
    """The original declaration is kept whatever the root element looks like (here `<tmx>` bare)."""
    from cleanup.formats.bilingual import write_bilingual
    from cleanup.glossary.loader import load_glossary
    from cleanup.pipeline import Settings, process

    data = TMX.replace('<tmx version="1.4">', "<tmx>").replace('encoding="UTF-8"', "encoding='utf-8'").encode()
    outcome = process(read_bilingual(data).english, Settings(load_glossary([("g.yaml", GLOSSARY)])))
    written = write_bilingual(data, outcome)
    assert written.startswith(b"<?xml version=\"1.0\" encoding='utf-8'?>\n<tmx>") and b"ISIS" in written
