"""The registry of formats: every suffix claimed once, the help and README listing exactly its suffixes,
each format's file read and written back through `cleanup fix` unchanged, and runs on text and web pages free
of lxml."""

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.cli.parser import build_parser, command_parsers
from cleanup.config import Config
from cleanup.formats import FormatError
from cleanup.formats.registry import FORMATS, GLOBS, SUFFIXES, TEXT, format_for
from cleanup.textio import DecodeError
from tests.conftest import ROOT, TWO_ENTRIES

DATA = ROOT / "tests" / "data"
# A TMX file as translation tools write them (none of a licence that allows copying is kept in tests/data).
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ar" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body>
<tu tuid="1"><tuv xml:lang="ar"><seg>قال رسول إن ١٬٢٠٠ عائلة نزحت.</seg></tuv><tuv xml:lang="en-US"><seg>Rasool said <bpt i="1">&lt;b&gt;</bpt>1,200<ept i="1">&lt;/b&gt;</ept> families fled.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="ar-SA"><seg>داعش</seg></tuv><tuv xml:lang="en"><seg>ISIS</seg></tuv></tu>
</body></tmx>
""".encode()
# One file of each format (real files where tests/data keeps one), by format name.
FILES = {
    "text": (DATA / "ntrex" / "eng.txt").read_bytes(),
    "Markdown": (ROOT / "tests" / "data" / "new_articles" / "markdown_brief.md").read_bytes(),
    "Word": (DATA / "docx2python" / "google-docs.docx").read_bytes(),
    "XLIFF": (DATA / "realfiles" / "symfony" / "src_Symfony_Component_Translation_Tests_Fixtures_resources-clean.xlf").read_bytes(),
    "TMX": TMX,
    "HTML": (DATA / "html" / "remnants.html").read_bytes(),
    "WordPress export": (DATA / "wordpress" / "centre.WordPress.2026-12-05.xml").read_bytes(),
}  # fmt: skip


def test_every_suffix_names_one_format_and_every_format_its_own_module():
    suffixes = [suffix for entry in FORMATS for suffix in entry.suffixes]
    assert len(suffixes) == len(set(suffixes)) == len(SUFFIXES)
    assert all(re.fullmatch(r"\.[a-z]+", suffix) for suffix in suffixes)
    assert len({entry.name for entry in FORMATS}) == len(FORMATS)
    for entry in FORMATS:
        assert all(format_for(Path("a" + suffix.upper())) is entry for suffix in entry.suffixes)
        assert issubclass(entry.error, FormatError if not entry.plain else DecodeError)
    assert format_for(Path("notes")) is TEXT and format_for(Path("notes.rst")) is TEXT  # named explicitly: text
    assert Config().include == GLOBS


def _listed(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w.])\.[a-z]+\b", text))


def test_the_help_and_the_readme_list_exactly_the_registry_suffixes():
    commands = command_parsers(build_parser())
    for words in ("fix", "check"):
        paths = next(action for action in commands[words]._actions if action.dest == "paths")
        assert _listed(paths.help or "") == set(SUFFIXES), words
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    listing = page.split("- `PATH`: ", 1)[1].split("\n- ", 1)[0]
    assert _listed(listing.replace("`", "")) == set(SUFFIXES)


@pytest.mark.parametrize("entry", FORMATS, ids=[entry.name for entry in FORMATS])
def test_each_format_reads_and_writes_a_file_back_unchanged_through_the_cli(make_project, entry):
    name = "article" + entry.suffixes[-1]
    if entry.glob:
        name = entry.glob.replace("*", "article")
    data = FILES[entry.name]
    project = make_project(TWO_ENTRIES, {f"in/{name}": data})
    assert main(["fix", "-q", "--no-cache", "--select", "UC001", "--grammar", "none", "in", "--out", "out"]) == 0
    assert json.loads((project / "out" / f"{name}.changes.json").read_text(encoding="utf-8"))["changes"] == []
    written = (project / "out" / name).read_bytes()
    if entry.name == "Word":  # a new zip of the same parts, each byte for byte
        assert _parts(written) == _parts(data)
    else:
        assert written == data
    assert entry.read(data).document.text.strip()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


@pytest.mark.parametrize(("name", "text"), [("a.txt", "{}"), ("a.md", "# {}"), ("a.html", "<p>{}</p>")])
def test_a_run_on_text_or_web_pages_never_imports_lxml(make_project, name, text):
    project = make_project(TWO_ENTRIES, {f"seeds/{name}": text.format("Rasul said Daash fled.") + "\n"})
    run = "import sys; from cleanup.cli import main; main(['fix', '-q', '--grammar', 'none']); print('lxml' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", run], cwd=project, capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"
    assert (project / "corrected" / name).read_text(encoding="utf-8") == text.format("Rasool said ISIS fled.") + "\n"
