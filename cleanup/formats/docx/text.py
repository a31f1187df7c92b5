"""The text of a Word document: every paragraph of the body, then of its headers, footers, footnotes and
endnotes, one line each. Text that no rule may edit is given to the pipeline as protected spans: fields,
existing tracked changes, tabs, breaks, pictures, note marks, the line between paragraphs that cannot be
joined, code (monospaced or in a code style), underlined blanks, and everything it does not read as words
(an equation, a shape, a page number, a form's check box: one protected character each, never nothing,
and the runs of spaces that set one apart). A part in a vocabulary it does not know is refused."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex
from lxml import etree

from ...model import Document, ProtectedSpan
from .looks import Looks, looks, paragraph_style
from .package import DocxError, Package, W, open_package, w

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MC_FALLBACK = f"{{{MC}}}Fallback"
MC_ALTERNATE = f"{{{MC}}}AlternateContent"
MC_CHOICE = f"{{{MC}}}Choice"
OBJECT = "\ufffc"  # stands for a picture, a symbol, a note mark or anything else not read: one protected character

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
# Marks and properties that take no room in the text; anything else not read is an OBJECT, never nothing.
_NO_WIDTH = frozenset(
    w(t)
    for t in (
        "pPr", "rPr", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr", "fldData", "instrText", "delInstrText",
        "delText", "lastRenderedPageBreak", "commentReference", "annotationRef", "separator",
        "continuationSeparator", "proofErr", "permStart", "permEnd", "bookmarkStart", "bookmarkEnd",
        "commentRangeStart", "commentRangeEnd", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
        "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
        "customXmlDelRangeEnd", "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd",
    )
)  # fmt: skip
_BLANK = regex.compile(r"[ \u00a0]{2,}")  # spaces that make a line to write on when underlined
CODE_SHARE = 0.9  # monospaced text this share of a document is its typeface (a text file saved as .docx)
_SPACED_OBJECT = regex.compile(r"(?<=\ufffc)[ \u00a0]{2,}|[ \u00a0]{2,}(?=\ufffc)")  # layout: a box set apart
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_SPACES = " \t\r\n"  # the spaces XML drops from the edges of text that does not preserve them
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
    code: list[ProtectedSpan] = []  # monospaced or code-styled text: code when it is set apart from the prose
    paragraphs: list[Paragraph] = []
    offset = 0
    styles = looks(package)
    for part in [package.main, *package.stories]:
        fields: list[bool] = []
        for element, bound in story_paragraphs(_wordprocessing_root(package, part)):
            if paragraphs:  # one line a paragraph
                pieces.append("\n")
                if not mergeable(paragraphs[-1].element, element):
                    protected.append(ProtectedSpan(offset, offset + 1))
                offset += 1
            start, at_start, style = offset, tuple(fields), paragraph_style(element)
            for atom in atoms(element, fields):
                for span in _protections(atom, offset, style, styles):
                    (code if span.code else protected).append(span)
                pieces.append(atom.text)
                offset += len(atom.text)
                if len(pieces) > MAX_PIECES or offset > MAX_TEXT:  # one paragraph may hold them all
                    _check_size(len(paragraphs), len(pieces), offset)
            if bound and offset > start:
                protected.append(ProtectedSpan(start, offset))
            paragraphs.append(Paragraph(part, element, start, offset, at_start))
            _check_size(len(paragraphs), len(pieces), offset)
    if sum(span.end - span.start for span in code) < CODE_SHARE * offset:  # else it is the body's typeface
        protected.extend(code)
    text = "".join(pieces)
    protected.extend(ProtectedSpan(*spaces.span()) for spaces in _SPACED_OBJECT.finditer(text))
    return DocxText(package, Document(text, protected=tuple(protected)), paragraphs)


def _protections(atom: Atom, offset: int, style: str | None, styles: Looks) -> Iterator[ProtectedSpan]:
    """What of an atom at `offset` no rule may edit: code (marked so), text that is not plain, a form's blanks."""
    end = offset + len(atom.text)
    if styles.is_code(atom.run, style):
        yield ProtectedSpan(offset, end, code=True)
    if not atom.editable:
        yield ProtectedSpan(offset, end)
    elif styles.is_underlined(atom.run, style):  # a form's fill-in blank keeps its width
        yield from (ProtectedSpan(offset + blank.start(), offset + blank.end()) for blank in _BLANK.finditer(atom.text))


def _wordprocessing_root(package: Package, part: str) -> etree._Element:
    """The root of a part this reader understands; DocxError for any other (never read as empty)."""
    root = package.tree(part).getroot()
    if etree.QName(root).namespace != W:
        raise DocxError(
            f"has {part} in a vocabulary this tool does not read ({etree.QName(root).namespace or 'no namespace'}); "
            "save it again from Word as a Word Document (.docx)"
        )
    return root


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
    neighbours in one container (not across cells, parts or tables), with no section break between,
    and not when another author has deleted that mark already."""
    previous = second.getprevious()
    while previous is not None and previous.tag != w("p") and previous.tag != w("tbl"):
        previous = previous.getprevious()
    properties = first.find(w("pPr"))
    return previous is first and (
        properties is None
        or (properties.find(w("sectPr")) is None and properties.find(f"{w('rPr')}/{w('del')}") is None)
    )


def story_paragraphs(root: etree._Element) -> Iterator[tuple[etree._Element, bool]]:
    """The paragraphs of a part in document order, each with whether a content control bound to data
    holds it, leaving out fallback copies of text boxes and the separator notes Word keeps in the notes parts."""
    walker = etree.iterwalk(root, events=("start", "end"))  # one walk, not each paragraph's ancestors again
    bound = 0  # data-bound content controls open here
    for event, element in walker:
        tag = element.tag
        if tag == w("sdt") and bound_to_data(element):
            bound += 1 if event == "start" else -1
        elif event == "end":
            continue
        elif tag == MC_FALLBACK or (tag in _NOTES and element.get(w("type"))):
            walker.skip_subtree()
        elif tag == w("p"):
            yield element, bound > 0


def bound_to_data(control: etree._Element) -> bool:
    """Whether a content control shows data from the document's data store (`w:dataBinding`): Word writes
    that data over its text, so its text is not the document's own to correct."""
    return control.find(f"{w('sdtPr')}/{w('dataBinding')}") is not None


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
            yield from _container(child, fields, kept or (tag == w("sdt") and bound_to_data(child)))
        elif tag in _KEPT:
            yield from _container(child, fields, True)
        elif tag == MC_ALTERNATE:
            yield from _alternative(child, child, lambda choice: _container(choice, fields, True))
        elif tag in _DELETED or tag == w("p") or tag in _NO_WIDTH:
            continue  # deleted text is not current text; a nested paragraph is read on its own
        elif isinstance(tag, str):  # an equation or anything else not read: one protected character
            yield Atom(child, child, OBJECT, False)


def _alternative(
    run: etree._Element, element: etree._Element, read: Callable[[etree._Element], Iterator[Atom]]
) -> Iterator[Atom]:
    """Markup-compatibility content (a shape as Word writes it): its first choice read as protected text,
    or one protected character when it holds no text (never nothing: the words beside it stay apart)."""
    choice = element.find(MC_CHOICE)
    found = list(read(choice)) if choice is not None else []
    yield from found if any(atom.text for atom in found) else [Atom(run, element, OBJECT, False)]


def shown_text(node: etree._Element) -> str:
    """A `w:t`'s text as Word and LibreOffice show it: without `xml:space="preserve"` its edge spaces are dropped."""
    text = node.text or ""
    return text if node.get(XML_SPACE) == "preserve" else text.strip(XML_SPACES)


def _run(run: etree._Element, fields: list[bool], kept: bool, nodes: etree._Element | None = None) -> Iterator[Atom]:
    for node in run if nodes is None else nodes:
        tag = node.tag
        if tag == w("t"):
            yield Atom(run, node, shown_text(node), not (kept or fields))
        elif tag in _CHARACTERS:
            yield Atom(run, node, _CHARACTERS[tag], False)
        elif tag == w("fldChar"):
            kind = node.get(w("fldCharType"))
            if kind == "begin":
                fields.append(False)
                if (
                    node.find(f"{w('ffData')}/{w('checkBox')}") is not None
                    or node.find(f"{w('ffData')}/{w('ddList')}") is not None
                ):
                    yield Atom(run, node, OBJECT, False)  # a form's check box or drop-down: drawn, with no result text
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif tag == MC_ALTERNATE:
            yield from _alternative(run, node, lambda choice: _run(run, fields, True, choice))
        elif tag not in _NO_WIDTH and isinstance(tag, str):  # a page number, ruby text, anything not read
            yield Atom(run, node, OBJECT, False)
