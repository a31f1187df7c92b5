"""Bilingual files (XLIFF 1.2 and 2.0, TMX): the English targets checked and corrected, the Arabic sources
read beside them, segments with inline markup never edited, and bad files refused with one line."""

import codecs
import contextlib
import difflib
import json
import re
from pathlib import Path

import pytest
from lxml import etree

from cleanup.cli import main
from cleanup.formats import bilingual
from cleanup.formats.bilingual import BilingualError, read_bilingual
from cleanup.model import ProtectedSpan
from tests.conftest import ROOT
from tests.source.test_source import GLOSSARY

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


def test_checking_a_bilingual_file_reads_its_targets_and_sources_in_one_parse(make_project, capsys, monkeypatch):
    parses = []
    parse = bilingual.parse_xml
    monkeypatch.setattr(bilingual, "parse_xml", lambda *a: parses.append(1) or parse(*a))
    make_project(GLOSSARY, {"seeds/brief.xlf": XLIFF_12})
    assert main(["check", "--grammar", "none", "--no-cache", "--select", "SRC"]) == 0  # flags only
    assert "SRC001" in capsys.readouterr().out and len(parses) == 1


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
    from cleanup.house import load_glossary
    from cleanup.pipeline import Settings, process

    data = TMX.replace('<tmx version="1.4">', "<tmx>").replace('encoding="UTF-8"', "encoding='utf-8'").encode()
    outcome = process(read_bilingual(data).english, Settings(load_glossary([("g.yaml", GLOSSARY)])))
    written = write_bilingual(data, outcome)
    assert written.startswith(b"<?xml version=\"1.0\" encoding='utf-8'?>\n<tmx>") and b"ISIS" in written


DATA = ROOT / "tests" / "data"
REAL = sorted((DATA / "locize-xliff").glob("*.xliff")) + sorted((DATA / "xliff2-om").glob("*.xlf"))
REAL.remove(DATA / "xliff2-om" / "withXmlLang.xlf")  # its one target says it is French (a test of its own)
DECLARATION = re.compile(r"^<\?xml[^>]*\?>")


def _into_english(data: bytes) -> str:
    """A real file (they translate from English into German, French or Spanish) made to translate into
    English, with `Daash ,` put before each target's text so that every file has something to correct."""
    text = re.sub(r'(target-language|trgLang)="[^"]*"', r'\1="en"', data.decode("utf-8"))
    return re.sub(r"(<target(?:\s[^>]*)?>)(?=[^<\s])", r"\1Daash , ", text)


def _declared(text: str, encoding: str) -> str:
    """The text with an XML declaration naming `encoding` (replacing the one it has)."""
    return f'<?xml version="1.0" encoding="{encoding}"?>' + DECLARATION.sub("", text)


def _variants(text: str) -> dict[str, bytes]:
    """The file as written (UTF-8), as UTF-16 with a byte-order mark, with CRLF line endings, and in
    windows-1252 when its characters fit."""
    found = {
        "utf8": text.encode("utf-8"),
        "utf16": codecs.BOM_UTF16_LE + _declared(text, "UTF-16").encode("utf-16-le"),
        "crlf": re.sub(r"\r?\n", "\r\n", text).encode("utf-8"),
    }
    with contextlib.suppress(UnicodeEncodeError):
        found["cp1252"] = _declared(text, "windows-1252").encode("cp1252")
    return found


def _codec(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16"
    return "cp1252" if b'encoding="windows-1252"' in data[:60] else "utf-8"


def _edited_outside_targets(before: str, after: str) -> list[str]:
    """The differences between two texts of a file that fall outside the content of a <target> or <seg>."""
    targets = [(m.start(2), m.end(2)) for m in re.finditer(r"<(target|seg)(?:\s[^>]*)?>(.*?)</\1>", before, re.S)]
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        f"{tag} {before[i1:i2]!r} -> {after[j1:j2]!r}"
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal" and not any(start <= i1 and i2 <= end for start, end in targets)
    ]


def test_real_files_keep_every_byte_outside_the_edited_targets(make_project):
    """Real XLIFF 1.2 and 2.0 files (locize/xliff and the XLIFF 2.0 object model's OASIS samples, MIT), each
    as UTF-8, UTF-16, CRLF and windows-1252: `fix` edits target text only, keeps the encoding, byte-order
    mark, declaration and line endings, and a second run changes nothing (the file byte for byte)."""
    files = {
        f"seeds/{variant}/{path.name}": data
        for path in REAL
        for variant, data in _variants(_into_english(path.read_bytes())).items()
    }
    project = make_project(GLOSSARY, files)
    assert main(["fix", "-q", "--grammar", "none", "--no-cache", "seeds", "--out", "once"]) == 0
    unedited = set()
    for name, data in files.items():
        written = (project / "once" / name.removeprefix("seeds/")).read_bytes()
        etree.fromstring(written)  # still well-formed
        codec = _codec(data)
        assert written.startswith(data[:2]) and written.count(b"\r\n") == data.count(b"\r\n"), name
        assert _edited_outside_targets(data.decode(codec), written.decode(codec)) == [], name
        if written == data:
            unedited.add(Path(name).name)
    assert unedited == {"example_angular12.xliff"}  # sources only: nothing to correct, returned byte for byte
    assert main(["fix", "-q", "--grammar", "none", "--no-cache", "once", "--out", "twice"]) == 0
    for name in files:
        relative = name.removeprefix("seeds/")
        assert (project / "twice" / relative).read_bytes() == (project / "once" / relative).read_bytes(), name


def _fixed(project: Path, name: str, *options: str) -> bytes:
    """`cleanup fix` on seeds/NAME (exit 0) and the edition it wrote."""
    assert main(["fix", "-q", "--grammar", "none", "--no-cache", *options, f"seeds/{name}"]) == 0
    return (project / "corrected" / name).read_bytes()


def _findings(capsys, name: str, *options: str) -> list[dict]:
    main(["check", "--grammar", "none", "--no-cache", "--format", "json", *options, f"seeds/{name}"])
    return json.loads(capsys.readouterr().out)["files"][0]["findings"]


WINDOWS_1252 = (
    '<?xml version="1.0" encoding="windows-1252"?>\r\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\r\n'
    ' <file source-language="ar" target-language="en-GB" datatype="plaintext" original="b.txt"><body>\r\n'
    '  <trans-unit id="1"><source>&#1583;&#1575;&#1593;&#1588; &#1601;&#1610; &#1593;&#1601;&#1585;&#1610;&#1606;'
    "</source><target>Caf\u00e9 owners say Daash is in Afrin .</target></trans-unit>\r\n"
    " </body></file>\r\n</xliff>\r\n"
)


def test_a_windows_1252_xliff_is_written_back_in_windows_1252(make_project, capsys):
    """Its Arabic sources (character references, as windows-1252 must write them) read as Arabic; a
    correction windows-1252 cannot hold (ʿ) is written as a character reference; every other byte kept."""
    glossary = (
        GLOSSARY + "  - preferred: \u02bfAfrin\n    variants: [Afrin]\n    source: [\u0639\u0641\u0631\u064a\u0646]\n"
    )
    data = WINDOWS_1252.encode("cp1252")
    project = make_project(glossary, {"seeds/b.xlf": data})
    assert {f["source"]["text"] for f in _findings(capsys, "b.xlf", "--select", "SRC")} <= {"داعش", "عفرين"}
    written = _fixed(project, "b.xlf")
    expected = WINDOWS_1252.replace("Daash is in Afrin .", "ISIS is in &#703;Afrin.")
    assert written == expected.encode("cp1252")
    assert etree.fromstring(written).find(".//{*}source").text == "داعش في عفرين"


UTF16_TMX = (
    '<?xml version="1.0" encoding="UTF-16"?>\r\n<tmx version="1.4">\r\n<header srclang="ar" datatype="plaintext"/>\r\n'
    "<body>\r\n<tu>\r\n<tuv xml:lang='ar-SY'><seg>قال رسول إن داعش هاجم.</seg></tuv>\r\n"
    "<tuv xml:lang='en'><seg>Rasul said Daash attacked .</seg></tuv>\r\n"
    "<tuv xml:lang='en-GB'><seg>Rasul said that Daesh attacked.</seg></tuv>\r\n"
    "<tuv xml:lang='enm'><seg>Rasul seyde Daash.</seg></tuv>\r\n</tu>\r\n</body>\r\n</tmx>\r\n"
)


def test_a_utf16_tmx_keeps_its_encoding_and_line_endings_and_every_english_variant_is_corrected(make_project):
    """`en` and `en-GB` are both English (only the last was read before); `enm` (Middle English) is not."""
    project = make_project(GLOSSARY, {"seeds/m.tmx": codecs.BOM_UTF16_LE + UTF16_TMX.encode("utf-16-le")})
    written = _fixed(project, "m.tmx")
    assert written.startswith(codecs.BOM_UTF16_LE)
    expected = UTF16_TMX.replace("Rasul said Daash attacked .", "Rasool said ISIS attacked.").replace(
        "Rasul said that Daesh", "Rasool said that ISIS"
    )
    assert written.decode("utf-16") == expected


NOTHING_TO_DO = (
    "<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file target-language='en' "
    "original='x' source-language='ar' datatype='plaintext'><body><trans-unit id='1' xml:space='preserve'>"
    "<source>داعش</source><target>ISIS  \u00a0fled</target><note></note></trans-unit></body></file></xliff>"
)


def test_a_file_with_nothing_to_correct_is_written_byte_for_byte(make_project):
    """No declaration added, `<note></note>` not made `<note/>`, quotes and attribute order as they were."""
    project = make_project(GLOSSARY, {"seeds/n.xlf": NOTHING_TO_DO.replace("ISIS  \u00a0", "ISIS ")})
    assert _fixed(project, "n.xlf") == NOTHING_TO_DO.replace("ISIS  \u00a0", "ISIS ").encode("utf-8")


GERMAN = (
    '<xliff version="1.2"><file source-language="de-DE" target-language="en"><body>'
    '<trans-unit id="1"><source>Die Zahl stieg um 1,5 Prozent.</source><target>The number rose by 1.5 percent.</target>'
    '</trans-unit><trans-unit id="2"><source>Angela Merkel</source><target>Angela Merkel</target></trans-unit>'
    "</body></file></xliff>"
)


@pytest.mark.parametrize("language", ["de-DE", "arn", "en"])
def test_sources_are_checked_only_when_they_are_arabic(make_project, capsys, language):
    """German writes 1.5 as `1,5` (no SRC001/SRC002): an XLIFF from German (or Mapudungun, `arn`) into
    English is checked as English alone."""
    make_project(GLOSSARY, {"seeds/g.xlf": GERMAN.replace("de-DE", language)})
    assert _findings(capsys, "g.xlf") == []


def test_a_target_language_is_compared_by_its_primary_subtag(make_project, capsys):
    make_project(GLOSSARY, {"seeds/g.xlf": GERMAN.replace('target-language="en"', 'target-language="enm"')})
    assert main(["check", "--grammar", "none", "seeds/g.xlf"]) == 2
    assert "seeds/g.xlf: translates into enm, not English" in capsys.readouterr().err


INLINE = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="ar" target-language="en" datatype="html" original="a.html"><body>
  <trans-unit id="1"><source>قالت <g id="1">قسد</g> إن ثلاثة أصيبوا.</source>
   <target>The <g id="1">Qasad</g> said<x id="2"/> three were wounded .</target></trans-unit>
  <trans-unit id="2"><source>هاجم <g id="1">داعش</g> القرية.</source>
   <target><g id="1">ISIS</g> attacked the village.</target></trans-unit>
  <trans-unit id="3"><source>داعش</source><target>Da<g id="1">ash</g> <ph id="2">&lt;br/&gt;</ph></target></trans-unit>
  <trans-unit id="4"><source>١٢٣</source><target><bpt id="1">&lt;b id="7"&gt;</bpt>123<ept id="1">&lt;/b&gt;</ept></target></trans-unit>
  <trans-unit id="5"><source>داعش</source><target>Daash fled
     .</target></trans-unit>
 </body></file>
</xliff>
"""


def test_a_target_with_inline_markup_is_read_across_it_and_corrected_around_its_tags(make_project, capsys):
    """Tags and placeholders are protected characters: the words between them are corrected, an edit that
    would cross one (or remove a line break) is not made; a name inside `<g>` counts (no false SRC003), a
    placeholder's code (`<b id="7">`) is not read as text (no false SRC002 for its 7)."""
    project = make_project(GLOSSARY, {"seeds/a.xlf": INLINE})
    found = {(f["rule"], f["line"]) for f in _findings(capsys, "a.xlf")}
    assert ("GL:SDF", 1) in found and ("SP001", 1) in found
    assert not [rule for rule, line in found if line in (2, 4)]
    written = _fixed(project, "a.xlf").decode("utf-8")
    expected = INLINE.replace(
        '<g id="1">Qasad</g> said<x id="2"/> three were wounded .',
        '<g id="1">SDF</g> said<x id="2"/> three were wounded.',
    )
    assert written == expected.replace("Daash fled", "ISIS fled")  # a line break in a target is kept


TRANSLATE_NO = """<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="ar" target-language="en" datatype="plaintext" original="a"><body>
  <trans-unit id="1" translate="no"><source>داعش</source><target>Daash</target></trans-unit>
  <group id="g" translate="no"><trans-unit id="2"><source>داعش</source><target>Daash</target></trans-unit></group>
  <trans-unit id="3"><source>داعش</source><target xml:lang="fr">Daech</target></trans-unit>
  <trans-unit id="4"><source>داعش</source><target>Daash</target></trans-unit>
 </body></file>
</xliff>
"""
TRANSLATE_NO_20 = """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
 <file id="f"><unit id="1" translate="no"><segment><source>داعش</source><target>Daash</target></segment></unit>
 <unit id="2"><segment><source>داعش</source><target>Daash</target></segment></unit></file>
</xliff>
"""


@pytest.mark.parametrize("text", [TRANSLATE_NO, TRANSLATE_NO_20])
def test_units_not_to_translate_and_targets_in_another_language_are_left_alone(make_project, text):
    """translate="no" on a unit or its group (XLIFF 1.2 and 2.0), a target marked xml:lang="fr": not read,
    not edited; the one English unit to translate is."""
    project = make_project(GLOSSARY, {"seeds/t.xlf": text})
    assert read_bilingual(text.encode()).english.text == "Daash"
    written = _fixed(project, "t.xlf").decode("utf-8")
    head, _, tail = text.rpartition(">Daash<")
    assert written == head + ">ISIS<" + tail  # the last target only


FINAL = """<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="ar" target-language="en" datatype="plaintext" original="a"><body>
  <trans-unit id="1" approved="yes"><source>داعش</source><target>Daash fled .</target></trans-unit>
  <trans-unit id="2"><source>داعش</source><target state="final">Daash fled .</target></trans-unit>
  <trans-unit id="3"><source>داعش</source><target state="translated">Daash fled .</target></trans-unit>
 </body></file>
</xliff>
"""


def test_an_approved_or_final_target_is_flagged_never_edited(make_project, capsys):
    """The translator's workflow closed it: each fix it would get is a flag saying so, the state untouched."""
    project = make_project(GLOSSARY, {"seeds/f.xlf": FINAL})
    findings = _findings(capsys, "f.xlf")
    held = [(f["rule"], f["line"]) for f in findings if "marked final" in f["message"]]
    assert held == [("GL:ISIS", 1), ("SP001", 1), ("GL:ISIS", 2), ("SP001", 2)]
    written = _fixed(project, "f.xlf").decode("utf-8")
    assert written == FINAL.replace('"translated">Daash fled .', '"translated">ISIS fled.')
    xliff_20 = TRANSLATE_NO_20.replace('<unit id="1" translate="no"><segment>', '<unit id="1"><segment state="final">')
    assert read_bilingual(xliff_20.encode()).english.held == (ProtectedSpan(0, 5),)


PROLOG = """<?xml version="1.0" encoding="UTF-8"?>
<!-- exported from <xliff version="1.2"> by hand -->
<?tool mode="x"?>
<xliff version="1.2"><file source-language="ar" target-language="en"><body>
<trans-unit id="1"><source>داعش</source><target>Daash</target></trans-unit></body></file></xliff>
<!-- after the root: kept -->
<?after root?>
"""


def test_comments_and_instructions_around_the_root_are_kept(make_project):
    """A comment before the root that holds `<xliff` no longer cuts the prolog; nothing after the root is dropped."""
    project = make_project(GLOSSARY, {"seeds/p.xlf": PROLOG})
    assert _fixed(project, "p.xlf").decode("utf-8") == PROLOG.replace(">Daash<", ">ISIS<")


def test_a_bilingual_file_is_checked_against_its_own_sources(make_project, capsys):
    """A NAME.ar.txt beside an XLIFF does not replace the sources inside it; --source is refused for it."""
    make_project(GLOSSARY, {"seeds/brief.xlf": XLIFF_12, "seeds/brief.ar.txt": "نص آخر ٧٧٧\n"})
    sources = {f["source"]["text"] for f in _findings(capsys, "brief.xlf", "--select", "SRC")}
    assert "٦٠٠" in sources and "٧٧٧" not in sources
    assert main(["check", "--grammar", "none", "seeds/brief.xlf", "--source", "seeds/brief.ar.txt"]) == 2
    assert "seeds/brief.xlf: a bilingual file holds its own sources" in capsys.readouterr().err


def test_a_target_marked_french_in_an_english_file_is_not_corrected_as_english(make_project, capsys):
    """The OASIS sample whose one target says xml:lang="fr" in a file into English: nothing to check."""
    text = _into_english((DATA / "xliff2-om" / "withXmlLang.xlf").read_bytes())
    make_project(GLOSSARY, {"seeds/w.xlf": text})
    assert main(["fix", "-q", "--grammar", "none", "seeds/w.xlf"]) == 2
    assert "has its target in another language than English" in capsys.readouterr().err


def test_glossary_suggest_reads_the_sources_inside_a_bilingual_file(make_project, capsys):
    make_project(GLOSSARY, {"seeds/brief.xlf": XLIFF_12})
    assert main(["glossary", "suggest", "--source", "seeds"]) == 0
    assert "no article has its source beside it" not in capsys.readouterr().err


SEGMENTED = (
    "\ufeff<?xml version='1.0' encoding='utf-8'?><xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'>"
    "<file original='a.html' source-language='ar' target-language='en-US' datatype='html'><body>\n"
    "<trans-unit id='7' approved='no'>\n<source xml:lang='ar'>قال رسول. هاجم داعش.</source>\n"
    "<seg-source><mrk mid='1' mtype='seg'>قال رسول.</mrk> <mrk mid='2' mtype='seg'>هاجم داعش.</mrk></seg-source>\n"
    "<target xml:lang='en-US'><mrk mid='1' mtype='seg'>Rasul said .</mrk> <mrk mid='2' mtype='seg'>"
    "<bpt id='1'>&lt;b></bpt>Daash<ept id='1'>&lt;/b></ept> attacked.</mrk></target>\n"
    "<alt-trans match-quality='100'><source>هاجم داعش.</source><target>Daash attacked.</target></alt-trans>\n"
    "</trans-unit>\n</body></file></xliff>"
)


def test_a_segmented_unit_as_okapi_and_trados_write_it(make_project):
    """Rebuilt after Okapi's XLIFF filter tests (`<seg-source>`, `<mrk mtype="seg">` in the target, paired
    codes, an `<alt-trans>` match; a UTF-8 byte-order mark, single quotes): the segments inside the target
    are corrected, the match and everything else stays byte for byte."""
    project = make_project(GLOSSARY, {"seeds/s.xlf": SEGMENTED.encode("utf-8")})
    expected = SEGMENTED.replace("Rasul said .", "Rasool said.").replace("</bpt>Daash", "</bpt>ISIS")
    assert _fixed(project, "s.xlf") == expected.encode("utf-8")


MARKERS = """<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
 <file id="f"><unit id="1">
  <segment><source>داعش</source><target>Daash said <sm id="m" translate="no"/>Daash Radio</target></segment>
  <segment><source>داعش</source><target>Daash TV<em startRef="m"/> and Daash</target></segment>
  <segment><source>داعش</source><target><mrk id="k" translate="no">Daash</mrk> Daash</target></segment>
 </unit></file>
</xliff>
"""


def test_text_marked_translate_no_inside_a_target_is_kept(make_project):
    """XLIFF 2.0 `<sm translate="no"/>` … `<em startRef/>` (here across two segments) and `<mrk translate="no">`:
    the text between is read, never edited; the rest of the targets is."""
    project = make_project(GLOSSARY, {"seeds/m.xlf": MARKERS})
    expected = (
        MARKERS.replace(">Daash said", ">ISIS said")
        .replace("and Daash<", "and ISIS<")
        .replace("</mrk> Daash", "</mrk> ISIS")
    )
    assert _fixed(project, "m.xlf").decode("utf-8") == expected
