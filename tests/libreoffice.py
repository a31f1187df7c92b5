"""LibreOffice as an independent reader of the Word files cleanup writes: a .docx converted headless to ODT
(or PDF), and the ODT read back as LibreOffice understood it: its tracked changes, its comments, and the
text with every change accepted or every change rejected."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"
_PARAGRAPHS = (f"{{{TEXT}}}p", f"{{{TEXT}}}h")
_SKIPPED = {f"{{{OFFICE}}}annotation", f"{{{TEXT}}}tracked-changes", f"{{{TEXT}}}note-citation"}


def soffice() -> str | None:
    return shutil.which("soffice")


def convert(document: Path, folder: Path, kind: str = "odt") -> Path:
    """`document` converted by headless LibreOffice into `folder` (its own profile there)."""
    command = [
        "soffice",
        f"-env:UserInstallation=file://{folder.resolve()}/profile",
        "--headless",
        "--norestore",
        "--convert-to",
        kind,
        "--outdir",
        str(folder),
        str(document),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    result = folder / (document.stem + "." + kind.split(":")[0])
    assert finished.returncode == 0 and result.is_file(), f"LibreOffice could not convert {document}: {finished}"
    return result


@dataclass
class Revisions:
    """What LibreOffice read: each tracked change (kind, author), each comment (author, text), and the
    paragraphs' text with all changes accepted and with all rejected."""

    changes: list[tuple[str, str]]
    comments: list[tuple[str, str]]
    accepted: str
    rejected: str


def read_odt(odt: Path) -> Revisions:
    with zipfile.ZipFile(odt) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    regions: dict[str, tuple[str, str, str]] = {}
    for region in root.iter(f"{{{TEXT}}}changed-region"):
        change = next(iter(region))
        kind = change.tag.split("}")[1]
        author = change.findtext(f"{{{OFFICE}}}change-info/{{{DC}}}creator", "")
        deleted = "\n".join(_text(p, regions, accept=True) for p in change.iter() if p.tag in _PARAGRAPHS)
        regions[region.get(f"{{{TEXT}}}id", "")] = (kind, author, deleted)
    comments = [
        (a.findtext(f"{{{DC}}}creator", ""), "\n".join("".join(p.itertext()) for p in a.iter(f"{{{TEXT}}}p")))
        for a in root.iter(f"{{{OFFICE}}}annotation")
    ]
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    assert body is not None
    paragraphs = [p for p in _paragraphs(body)]
    return Revisions(
        [(kind, author) for kind, author, _ in regions.values()],
        comments,
        "\n".join(_text(p, regions, accept=True) for p in paragraphs),
        "\n".join(_text(p, regions, accept=False) for p in paragraphs),
    )


def _paragraphs(element):
    """Body paragraphs and headings in order (inside tables and sections too), not those of comments."""
    for child in element:
        if child.tag in _SKIPPED:
            continue
        if child.tag in _PARAGRAPHS:
            yield child
        else:
            yield from _paragraphs(child)


def _text(paragraph, regions, accept: bool) -> str:
    """A paragraph's text with the changes accepted or rejected."""
    out: list[str] = []
    inserting: set[str] = set()

    def walk(element) -> None:
        for child in element:
            tag = child.tag.split("}")[1]
            name = child.get(f"{{{TEXT}}}change-id", "")
            if child.tag in _SKIPPED:
                pass
            elif tag == "change-start":
                inserting.add(name)
            elif tag == "change-end":
                inserting.discard(name)
            elif tag == "change" and not accept and regions.get(name, ("",))[0] == "deletion":
                out.append(regions[name][2])
            elif tag == "s":
                _keep(out, inserting, accept, " " * int(child.get(f"{{{TEXT}}}c", "1")))
            elif tag == "tab":
                _keep(out, inserting, accept, "\t")
            elif tag == "line-break":
                _keep(out, inserting, accept, "\n")
            elif tag not in ("note",):
                _keep(out, inserting, accept, child.text or "")
                walk(child)
            _keep(out, inserting, accept, child.tail or "")

    _keep(out, inserting, accept, paragraph.text or "")
    walk(paragraph)
    return "".join(out)


def _keep(out: list[str], inserting: set[str], accept: bool, text: str) -> None:
    if accept or not inserting:
        out.append(text)


def render_first_page(document: Path, folder: Path) -> Path:
    """The first page of `document` as LibreOffice prints it (tracked changes and comments in the margin), as PNG."""
    pdf = convert(document, folder, 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}')
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(folder / "page")], check=True)
    return next(folder.glob("page*.png"))
