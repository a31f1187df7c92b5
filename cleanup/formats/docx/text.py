"""The text of a Word document: every paragraph of the body, then of its headers, footers, footnotes and
endnotes, one line each; text that no rule may edit (fields, existing tracked changes, tabs, breaks,
pictures, note marks, and the line between paragraphs that cannot be joined) is given to the pipeline as
protected spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from ...model import Document, ProtectedSpan
from .package import DocxError, Package, open_package, w

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
OBJECT = "\ufffc"  # stands for a picture, a symbol or a note mark: one protected character

# Containers whose runs are current text that may be edited.
_TRANSPARENT = frozenset(w(t) for t in ("hyperlink", "smartTag", "sdt", "sdtContent", "customXml", "dir", "bdo"))
# Containers whose runs are current text that must stay as they are: another author's revisions, simple fields.
_KEPT = frozenset(w(t) for t in ("ins", "moveTo", "fldSimple"))
_DELETED = frozenset(w(t) for t in ("del", "moveFrom"))
# Run content that reads as one protected character.
_CHARACTERS = {
    w("tab"): "\t",
    w("ptab"): "\t",
    w("br"): "\n",
    w("cr"): "\n",
    w("noBreakHyphen"): "\u2011",
    w("softHyphen"): "\u00ad",
    w("sym"): OBJECT,
    w("drawing"): OBJECT,
    w("pict"): OBJECT,
    w("object"): OBJECT,
    w("footnoteReference"): OBJECT,
    w("endnoteReference"): OBJECT,
    w("footnoteRef"): OBJECT,
    w("endnoteRef"): OBJECT,
}
_MATH = frozenset(f"{{http://schemas.openxmlformats.org/officeDocument/2006/math}}{t}" for t in ("oMath", "oMathPara"))
_NOTES = frozenset(w(t) for t in ("footnote", "endnote"))

# A 500-page report has some 1.5 million characters in a few thousand paragraphs (tables: tens of
# thousands) and up to some 100,000 runs; each paragraph and run read costs a few hundred bytes, and
# the rules' time and memory grow with the text.
MAX_TEXT = 3_000_000  # the rules cost about 160 MB a million characters where every other word is changed
MAX_PARAGRAPHS = 250_000
MAX_PIECES = 500_000  # runs' pieces of text, tabs and breaks


@dataclass(frozen=True, slots=True)
class Atom:
    """One piece of a paragraph's text: the run it is in, the element that holds it, its text, and
    whether a rule may edit it (only plain `w:t` text outside fields and revisions)."""

    run: etree._Element
    node: etree._Element
    text: str
    editable: bool


@dataclass(eq=False, slots=True)
class Paragraph:
    """A `w:p` of one part, where its text starts in the document's text, and the fields open before it."""

    part: str
    element: etree._Element
    start: int
    end: int
    fields: tuple[bool, ...]  # the open complex fields at its start: True once past `separate`


@dataclass
class DocxText:
    """A parsed .docx, its text as a Document, and where each paragraph's text lies."""

    package: Package
    document: Document
    paragraphs: list[Paragraph]


def read_docx(data: bytes) -> DocxText:
    """The text of a .docx (DocxError when it is not one) and the map back to its paragraphs."""
    package = open_package(data)
    pieces: list[str] = []
    protected: list[ProtectedSpan] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for part in [package.main, *package.stories]:
        fields: list[bool] = []
        for element in story_paragraphs(package.tree(part).getroot()):
            if paragraphs:  # one line a paragraph
                pieces.append("\n")
                if not mergeable(paragraphs[-1].element, element):
                    protected.append(ProtectedSpan(offset, offset + 1))
                offset += 1
            start, at_start = offset, tuple(fields)
            for atom in atoms(element, fields):
                if not atom.editable:
                    protected.append(ProtectedSpan(offset, offset + len(atom.text)))
                pieces.append(atom.text)
                offset += len(atom.text)
                if len(pieces) > MAX_PIECES or offset > MAX_TEXT:  # one paragraph may hold them all
                    _check_size(len(paragraphs), len(pieces), offset)
            paragraphs.append(Paragraph(part, element, start, offset, at_start))
            _check_size(len(paragraphs), len(pieces), offset)
    return DocxText(package, Document("".join(pieces), protected=tuple(protected)), paragraphs)


def _check_size(paragraphs: int, pieces: int, characters: int) -> None:
    """Refuse a document larger than MAX_PARAGRAPHS, MAX_PIECES or MAX_TEXT while it is read."""
    for count, limit, what in (
        (paragraphs, MAX_PARAGRAPHS, "paragraphs"),
        (pieces, MAX_PIECES, "runs of text"),
        (characters, MAX_TEXT, "characters of text"),
    ):
        if count > limit:
            raise DocxError(f"has more than {limit:,} {what}, more than a Word document holds; not read: split it")


def mergeable(first: etree._Element, second: etree._Element) -> bool:
    """Whether a change may join two paragraphs (a tracked deletion of the first one's mark): only
    neighbours in one container (not across cells, parts or tables), with no section break between."""
    previous = second.getprevious()
    while previous is not None and previous.tag != w("p") and previous.tag != w("tbl"):
        previous = previous.getprevious()
    return previous is first and first.find(f"{w('pPr')}/{w('sectPr')}") is None


def story_paragraphs(root: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs of a part in document order, leaving out fallback copies of text boxes and the
    separator notes Word keeps in the notes parts."""
    walker = etree.iterwalk(root, events=("start",))  # one walk, not each paragraph's ancestors again
    for _, element in walker:
        if element.tag == MC_FALLBACK or (element.tag in _NOTES and element.get(w("type"))):
            walker.skip_subtree()
        elif element.tag == w("p"):
            yield element


def atoms(paragraph: etree._Element, fields: list[bool]) -> Iterator[Atom]:
    """The pieces of a paragraph's current text in order; `fields` is the stack of open complex fields,
    updated as their marks pass (a field may run on into the next paragraph)."""
    yield from _container(paragraph, fields, kept=False)


def _container(element: etree._Element, fields: list[bool], kept: bool) -> Iterator[Atom]:
    for child in element:
        tag = child.tag
        if tag == w("r"):
            yield from _run(child, fields, kept)
        elif tag in _TRANSPARENT:
            yield from _container(child, fields, kept)
        elif tag in _KEPT:
            yield from _container(child, fields, True)
        elif tag in _MATH:
            yield Atom(child, child, OBJECT, False)
        elif tag in _DELETED or tag == w("p"):
            continue  # deleted text is not current text; a nested paragraph is read on its own


def _run(run: etree._Element, fields: list[bool], kept: bool) -> Iterator[Atom]:
    for node in run:
        tag = node.tag
        if tag == w("t"):
            yield Atom(run, node, node.text or "", not (kept or fields))
        elif tag in _CHARACTERS:
            yield Atom(run, node, _CHARACTERS[tag], False)
        elif tag == w("fldChar"):
            kind = node.get(w("fldCharType"))
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
