"""Places where LibreOffice cannot show a tracked change that Word shows (measured with LibreOffice 24 on
other authors' changes too): from a framed paragraph on (a drop cap is one), inside a plain-text content control, and in the first
paragraph of a block content control other than a table of contents. There a change's comment says so,
and comments are anchored where LibreOffice keeps the text they mark."""

from __future__ import annotations

from lxml import etree

from .package import w
from .text import DocxText

_FRAMED = "from a framed paragraph (a drop cap or a frame) on"
_PLAIN_CONTROL = "inside a plain-text content control"
_FIRST_IN_CONTROL = "in the first paragraph of a content control"


UNTRACKED = "LibreOffice shows no tracked change"  # how each such change's comment begins its warning


def note(reason: str) -> str:
    """What a change's comment adds where LibreOffice cannot show it as a tracked change."""
    return f"{UNTRACKED} {reason}: there this change reads as plain text; Word shows it"


def from_frame(docx: DocxText) -> set[etree._Element]:
    """The body paragraphs from the first framed one (`w:framePr`: a drop cap, a positioned block) on."""
    found: set[etree._Element] = set()
    for paragraph in docx.paragraphs:
        if paragraph.part != docx.package.main:
            break
        if found or paragraph.element.find(f"{w('pPr')}/{w('framePr')}") is not None:
            found.add(paragraph.element)
    return found


def untracked(item: etree._Element, framed: set[etree._Element]) -> str | None:
    """Why LibreOffice cannot show `item` (a w:del or w:ins) as a tracked change, or None."""
    paragraph = next(item.iterancestors(w("p")), None)
    if paragraph in framed:
        return _FRAMED
    if plain_control(item) is not None:
        return _PLAIN_CONTROL
    if paragraph is not None and first_in_control(paragraph):
        return _FIRST_IN_CONTROL
    return None


def plain_control(element: etree._Element) -> etree._Element | None:
    """The outermost plain-text content control (a run-level `w:sdt` with `w:text`) holding `element`."""
    found = None
    for ancestor in element.iterancestors():
        if ancestor.tag == w("p"):
            break
        if ancestor.tag == w("sdt") and ancestor.find(f"{w('sdtPr')}/{w('text')}") is not None:
            found = ancestor
    return found


def around_field(first: etree._Element, last: etree._Element) -> tuple[etree._Element, etree._Element]:
    """The runs opening and closing the complex field whose result holds `first` to `last`, when both are
    their neighbours (LibreOffice shows a comment inside a field's result as part of the field); else
    `first` and `last`."""
    begin, end = _field_mark(first, "begin", "end"), _field_mark(last, "end", "begin")
    return (begin, end) if begin is not None and end is not None else (first, last)


def _field_mark(element: etree._Element, wanted: str, nested: str) -> etree._Element | None:
    """The nearest unmatched field mark of kind `wanted` among `element`'s siblings, looking back for
    "begin" and forward for "end"."""
    depth = 0
    for other in element.itersiblings(preceding=wanted == "begin"):
        mark = other.find(w("fldChar"))
        kind = mark.get(w("fldCharType")) if mark is not None else None
        if kind == nested:
            depth += 1
        elif kind == wanted:
            if depth == 0:
                return other
            depth -= 1
    return None


def first_in_control(paragraph: etree._Element) -> bool:
    """Whether `paragraph` is the first one of a block (or table cell) content control that is not a
    document part (a table of contents is one, and LibreOffice reads it well)."""
    content = paragraph.getparent()
    if content is not None and content.tag == w("tc"):
        content = content.getparent()
    if content is None or content.tag != w("sdtContent"):
        return False
    control = content.getparent()
    first = next(content.iter(w("p")), None)
    return first is paragraph and control.find(f"{w('sdtPr')}/{w('docPartObj')}") is None


def reference_place(last: etree._Element) -> tuple[etree._Element, bool] | None:
    """Where a comment's reference goes instead of right after its end at `last`, when that is in the
    first paragraph of a content control (LibreOffice then loses that paragraph's text): the start of the
    next paragraph that is not a control's first (True), else the end of the one before (False); None to
    keep it after the end."""
    paragraph = next(last.iterancestors(w("p")), None)
    if paragraph is None or not first_in_control(paragraph):
        return None
    if paragraph.getnext() is not None and paragraph.getnext().tag == w("p"):
        return paragraph.getnext(), True
    control = next(paragraph.iterancestors(w("sdt")))
    for blocks, start in ((control.itersiblings(), True), (control.itersiblings(preceding=True), False)):
        for block in blocks:
            found = _safe_paragraph(block, start)
            if found is not None:
                return found, start
            if block.tag not in (w("sdt"), w("tc")):
                break  # a table or the section's end
    return None


def _safe_paragraph(block: etree._Element, first: bool) -> etree._Element | None:
    """`block` if it is a paragraph, the first (or last) paragraph of a table cell, else that of a control
    that is not its first."""
    if block.tag == w("p"):
        return block
    if block.tag == w("tc"):
        return block.find(w("p")) if first else block.findall(w("p"))[-1]
    later = block.findall(f"{w('sdtContent')}/{w('p')}")[1:] if block.tag == w("sdt") else []
    return (later[0] if first else later[-1]) if later else None
