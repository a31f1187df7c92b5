"""The corrected edition as a Word document: each change a deletion and an insertion by "cleanup" with
its reasons in a comment, each flag a comment on its span (review mode); or the changes already made
(clean mode). Text and formatting the changes do not touch stay as they were."""

from __future__ import annotations

import bisect
import copy
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from ...model import Change, Flag, Outcome
from . import fragile
from .comments import CommentsPart
from .package import DocxError, max_id, w
from .text import Atom, DocxText, Paragraph, atoms, read_docx

AUTHOR = "cleanup"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_SPACES = " \t\r\n"  # the spaces XML drops from text that does not preserve them


@dataclass
class _Piece:
    """The part of a change that falls in one paragraph: [start, end) of its text, whether the change
    inserts its new text here (in its first paragraph), and whether it deletes the paragraph's mark."""

    change: Change
    start: int
    end: int
    inserts: bool
    joins_next: bool


@dataclass
class _Edits:
    """What falls in one paragraph: pieces of changes, and flags as (start, end, flag) in the paragraph."""

    pieces: list[_Piece] = field(default_factory=list)
    flags: list[tuple[int, int, Flag]] = field(default_factory=list)


def write_docx(data: bytes, outcome: Outcome, mode: str = "review", when: datetime | None = None) -> bytes:
    """The .docx `data` with the outcome's changes as tracked changes and comments ("review") or made
    ("clean"); DocxError when the document no longer has the text the outcome was made from."""
    docx = read_docx(data)
    if docx.document.text != outcome.original.text:
        raise DocxError("has changed since it was read; run again")
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _Writer(docx, outcome, mode, stamp).write(_by_paragraph(docx.paragraphs, outcome))
    return docx.package.to_bytes()


def _by_paragraph(paragraphs: Sequence[Paragraph], outcome: Outcome) -> dict[Paragraph, _Edits]:
    """The pieces of changes and the flags in each paragraph (a flag is cut at its first paragraph's end)."""
    starts = [p.start for p in paragraphs]
    found: dict[Paragraph, _Edits] = {}
    for change in outcome.changes:
        index = bisect.bisect_right(starts, change.start) - 1
        first = True
        while True:
            paragraph = paragraphs[index]
            start, end = max(change.start, paragraph.start), min(change.end, paragraph.end)
            joins = change.end > paragraph.end
            piece = _Piece(change, start - paragraph.start, end - paragraph.start, first, joins)
            found.setdefault(paragraph, _Edits()).pieces.append(piece)
            if not joins:
                break
            index, first = index + 1, False
    for flag in outcome.flags:
        paragraph = paragraphs[max(bisect.bisect_right(starts, flag.start) - 1, 0)]
        start, end = max(flag.start, paragraph.start), min(flag.end, paragraph.end)
        found.setdefault(paragraph, _Edits()).flags.append((start - paragraph.start, end - paragraph.start, flag))
    return found


class _Writer:
    """Puts one document's changes and flags into its XML, paragraph by paragraph."""

    def __init__(self, docx: DocxText, outcome: Outcome, mode: str, stamp: str) -> None:
        self.docx, self.outcome, self.review, self.stamp = docx, outcome, mode == "review", stamp
        parts = [docx.package.main, *docx.package.stories]
        self.comments = CommentsPart(docx.package, stamp, AUTHOR) if self.review else None
        self.next_id = 1 + max((max_id(docx.package.tree(p).getroot()) for p in parts), default=0)
        if self.comments:
            self.next_id = max(self.next_id, self.comments.next_id)
        self.wrapper: dict[etree._Element, etree._Element] = {}  # a deleted run -> its w:del
        self.earlier = _earlier_notes(docx.package.tree(docx.package.main).getroot(), self.comments)
        self.placed: dict[Change, list[etree._Element]] = {}  # what each change put where comments go
        self.past_drop_cap = fragile.past_drop_cap(docx)

    def write(self, edits: dict[Paragraph, _Edits]) -> None:
        if not self.review:  # flags are not written: a paragraph without changes is left byte for byte
            edits = {p: _Edits(found.pieces) for p, found in edits.items() if found.pieces}
        spans: dict[Paragraph, list[_Span]] = {}
        loose: list[tuple[etree._Element, bool]] = []
        for paragraph, found in edits.items():
            cuts = {piece.start for piece in found.pieces} | {piece.end for piece in found.pieces}
            cuts |= {start for start, _, _ in found.flags} | {end for _, end, _ in found.flags}
            _split_at(paragraph, sorted(cuts, reverse=True), loose)
            spans[paragraph] = _run_spans(paragraph)
            self.docx.package.changed.add(paragraph.part)
        for paragraph, found in edits.items():
            for piece in sorted(found.pieces, key=lambda p: p.start, reverse=True):
                self._piece(paragraph, spans[paragraph], piece)
        _drop_loose_spaces(loose)
        if not self.review:
            _join_paragraphs(p for p, found in edits.items() for piece in found.pieces if piece.joins_next)
            return
        for change, placed in self.placed.items():
            if placed:
                note = _change_note(change)
                reason = next(filter(None, (fragile.untracked(item, self.past_drop_cap) for item in placed)), None)
                self._comment(placed[0], placed[-1], f"{note} ({fragile.note(reason)})" if reason else note)
        for paragraph, found in edits.items():
            if _takes_comments(paragraph, self.docx.package.main):
                for start, end, flag in found.flags:
                    self._flag(paragraph, spans[paragraph], start, end, flag)

    def _piece(self, paragraph: Paragraph, spans: list[_Span], piece: _Piece) -> None:
        inside = _within(spans, piece.start, piece.end)
        if not all(span.editable for span in inside):
            raise DocxError(f"internal error: a change at {piece.change.start} would edit protected text")
        replaced = [span.run for span in inside]
        change = piece.change
        inserted = self.outcome.corrected[change.new_start : change.new_end] if piece.inserts else ""
        style = _properties(replaced[0] if replaced else _neighbour(spans, piece.start))
        placed = [self._deleted(run) for run in replaced] if self.review else []
        if inserted:
            new = _new_run(inserted, style)
            item = self._revision("ins", new) if self.review else new
            if replaced:
                (placed or replaced)[-1].addnext(item)
            else:
                _place(paragraph, spans, piece.start, item, self.wrapper)
            placed.append(item)
        if not self.review:
            for run in replaced:
                run.getparent().remove(run)
        elif piece.joins_next:
            self._delete_mark(paragraph)
        if _takes_comments(paragraph, self.docx.package.main):  # a change never leaves its part
            self.placed.setdefault(change, []).extend(placed)

    def _deleted(self, run: etree._Element) -> etree._Element:
        for text in run.iter(w("t")):
            text.tag = w("delText")
        holder = etree.Element(w("del"))
        run.addprevious(holder)
        self._stamp(holder)
        holder.append(run)
        self.wrapper[run] = holder
        return holder

    def _delete_mark(self, paragraph: Paragraph) -> None:
        """Mark the paragraph's end as deleted: accepting it joins the paragraph to the next."""
        properties = paragraph.element.find(w("pPr"))
        if properties is None:
            properties = etree.Element(w("pPr"))
            paragraph.element.insert(0, properties)
        marks = properties.find(w("rPr"))
        if marks is None:
            marks = etree.Element(w("rPr"))
            later = [c for c in properties if c.tag in (w("sectPr"), w("pPrChange"))]
            (later[0].addprevious if later else properties.append)(marks)
        deleted = etree.Element(w("del"))
        self._stamp(deleted)
        marks.insert(1 if len(marks) and marks[0].tag == w("ins") else 0, deleted)  # the schema puts it first

    def _revision(self, kind: str, run: etree._Element) -> etree._Element:
        holder = etree.Element(w(kind))
        self._stamp(holder)
        holder.append(run)
        return holder

    def _stamp(self, element: etree._Element) -> None:
        element.set(w("id"), str(self._new_id()))
        element.set(w("author"), AUTHOR)
        element.set(w("date"), self.stamp)

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _flag(self, paragraph: Paragraph, spans: list[_Span], start: int, end: int, flag: Flag) -> None:
        inside = [span.run for span in _within(spans, start, end)]
        note = _flag_note(flag)
        if not inside:
            return
        if self.earlier[paragraph.element, note] > 0:  # an earlier run's comment says it already
            self.earlier[paragraph.element, note] -= 1
            return
        first, last = self.wrapper.get(inside[0], inside[0]), self.wrapper.get(inside[-1], inside[-1])
        following = last.getnext()
        if following is not None and following.tag == w("ins"):
            last = following
        self._comment(first, last, note)

    def _comment(self, first: etree._Element, last: etree._Element, note: str) -> None:
        """A comment on `first` to `last`, anchored around a plain-text content control or a field result
        holding them, its reference never in the first paragraph of a block control (LibreOffice loses
        or garbles the text there)."""
        assert self.comments is not None
        number = str(self._new_id())
        self.comments.add(number, note)
        first, last = fragile.around_field(_outside_plain_control(first), _outside_plain_control(last))
        begin = etree.Element(w("commentRangeStart"))
        begin.set(w("id"), number)
        first.addprevious(begin)
        finish = etree.Element(w("commentRangeEnd"))
        finish.set(w("id"), number)
        last.addnext(finish)
        reference = etree.SubElement(etree.Element(w("r")), w("commentReference"))
        reference.set(w("id"), number)
        elsewhere = fragile.reference_place(last)
        if elsewhere is None:
            finish.addnext(reference.getparent())
        elif elsewhere[1]:  # at the start of a later paragraph
            properties = elsewhere[0].find(w("pPr"))
            elsewhere[0].insert(0 if properties is None else elsewhere[0].index(properties) + 1, reference.getparent())
        else:
            elsewhere[0].append(reference.getparent())


def _outside_plain_control(element: etree._Element) -> etree._Element:
    control = fragile.plain_control(element)
    return element if control is None else control


def _earlier_notes(body: etree._Element, comments: CommentsPart | None) -> Counter[tuple[etree._Element, str]]:
    """How many comments by cleanup each paragraph holds already, by their text (where an earlier run
    flagged it): a flag found again is not commented twice."""
    notes = comments.notes() if comments is not None else {}
    found: Counter[tuple[etree._Element, str]] = Counter()
    for start in body.iter(w("commentRangeStart")):
        paragraph = next(start.iterancestors(w("p")), None)
        note = notes.get(start.get(w("id"), ""))
        if paragraph is not None and note is not None:
            found[paragraph, note] += 1
    return found


def _takes_comments(paragraph: Paragraph, main: str) -> bool:
    """Comments are anchored in the body only: Word keeps none in headers and footers, and LibreOffice
    cannot open a file with comments in its notes (their changes are still tracked, and in the report)."""
    return paragraph.part == main


def _join_paragraphs(paragraphs) -> None:
    """Join each paragraph to the next one, as accepting the deletion of its mark does (last first): the
    next paragraph's mark survives, so the joined paragraph keeps its properties (a section break, another
    author's pending revision of that mark)."""
    for paragraph in reversed(list(dict.fromkeys(paragraphs))):
        following = paragraph.element.getnext()
        while following is not None and following.tag != w("p"):
            following = following.getnext()
        if following is None:
            continue
        properties = following.find(w("pPr"))
        at = 0 if properties is None else following.index(properties) + 1
        for offset, child in enumerate(c for c in list(paragraph.element) if c.tag != w("pPr")):
            following.insert(at + offset, child)
        paragraph.element.getparent().remove(paragraph.element)


def _split_at(paragraph: Paragraph, cuts: Sequence[int], loose: list[tuple[etree._Element, bool]]) -> None:
    """Split runs so that each cut (a character offset in the paragraph, largest first) falls between runs.
    The cuts inside one `w:t` are made together: cutting a long text one cut at a time copied it each time.
    The outer edges of split text written without `xml:space="preserve"` are noted in `loose`."""
    texted = [(offset, atom) for atom, offset in _atom_offsets(paragraph) if atom.text]
    starts = [offset for offset, _ in texted]  # increasing: texts do not overlap
    inside: list[int] = []  # cuts inside the `w:t` of texted[current], largest first
    current = -1
    for cut in cuts:
        index = bisect.bisect_right(starts, cut) - 1
        if index < 0:
            continue
        offset, atom = texted[index]
        if inside and (index != current or cut == offset):  # larger cuts first, as they came
            _split_text(texted[current][1], inside, loose)
            inside = []
        current = index
        if cut == offset:
            _split_run_before(atom.run, atom.node)
        elif cut < offset + len(atom.text):
            inside.append(cut - offset)
    if inside:
        _split_text(texted[current][1], inside, loose)


def _split_text(atom: Atom, cuts: Sequence[int], loose: list[tuple[etree._Element, bool]]) -> None:
    """Cut a `w:t` at each of `cuts` (offsets in it, largest first), each piece after the first in a run of its
    own; a piece is made from a copy of the element without its text, so each character is copied once. The
    spaces at the cuts are kept (`xml:space`); text that did not keep its spaces has its outer edges noted
    (True: the left edge) to drop theirs later."""
    text = atom.node.text or ""
    loosely = atom.node.get(XML_SPACE) != "preserve"
    atom.node.text = None
    ends = [len(text), *cuts]
    for end, start in itertools.pairwise(ends):  # the last piece first: each goes right after the first
        piece = copy.deepcopy(atom.node)
        piece.text = text[start:end]
        piece.set(XML_SPACE, "preserve")
        if loosely and end == len(text):
            loose.append((piece, False))
        atom.node.addnext(piece)
        _split_run_before(atom.run, piece)
    atom.node.text = text[: cuts[-1]]
    atom.node.set(XML_SPACE, "preserve")
    if loosely:
        loose.append((atom.node, True))


def _drop_loose_spaces(loose: list[tuple[etree._Element, bool]]) -> None:
    """Drop the spaces at the outer edges of split text that had no `xml:space="preserve"`: Word and
    LibreOffice never showed them, and with `preserve` now set they would appear."""
    for node, left in loose:
        text = node.text or ""
        node.text = text.lstrip(_XML_SPACES) if left else text.rstrip(_XML_SPACES)


def _split_run_before(run: etree._Element, node: etree._Element) -> None:
    """Move `node` and what follows it in `run` to a new run with the same properties, right after it."""
    if node.getparent() is not run:
        return  # an element read whole (an equation) or inside a run's alternative content: not split
    children = list(run)
    index = children.index(node)
    if all(child.tag == w("rPr") for child in children[:index]):
        return  # the node already starts its run
    second = etree.Element(run.tag, attrib=dict(run.attrib))
    properties = run.find(w("rPr"))
    if properties is not None:
        second.append(copy.deepcopy(properties))
    for child in children[index:]:
        second.append(child)
    run.addnext(second)


def _atom_offsets(paragraph: Paragraph) -> list[tuple[Atom, int]]:
    found, offset = [], 0
    for atom in atoms(paragraph.element, list(paragraph.fields)):
        found.append((atom, offset))
        offset += len(atom.text)
    return found


@dataclass
class _Span:
    """A run with text in a paragraph: its [start, end) in the paragraph's text, and whether all of it
    may be edited."""

    run: etree._Element
    start: int
    end: int
    editable: bool = True


def _run_spans(paragraph: Paragraph) -> list[_Span]:
    """Each run with text in the paragraph, in order (read once, before any change is made): their starts
    and their ends each increase, as a run's text is read all at once."""
    spans: dict[etree._Element, _Span] = {}
    for atom, offset in _atom_offsets(paragraph):
        span = spans.setdefault(atom.run, _Span(atom.run, offset, offset))
        span.end = offset + len(atom.text)
        span.editable = span.editable and atom.editable
    return list(spans.values())


def _within(spans: Sequence[_Span], start: int, end: int) -> list[_Span]:
    """The spans with text that lie inside [start, end). Spans follow one another in the paragraph, so they
    are found by bisection: a paragraph with thousands of changes is not scanned again for each."""
    found = []
    index = bisect.bisect_left(spans, start, key=_start)
    while index < len(spans) and spans[index].end <= end:
        if spans[index].start < spans[index].end:
            found.append(spans[index])
        index += 1
    return found


def _start(span: _Span) -> int:
    return span.start


def _end(span: _Span) -> int:
    return span.end


def _ending_at(spans: Sequence[_Span], offset: int) -> Sequence[_Span]:
    return spans[bisect.bisect_left(spans, offset, key=_end) : bisect.bisect_right(spans, offset, key=_end)]


def _starting_at(spans: Sequence[_Span], offset: int) -> Sequence[_Span]:
    return spans[bisect.bisect_left(spans, offset, key=_start) : bisect.bisect_right(spans, offset, key=_start)]


def _neighbour(spans: list[_Span], offset: int) -> etree._Element | None:
    """The run whose formatting an insertion at `offset` takes: the one before it, else the one after."""
    before, after = _ending_at(spans, offset), _starting_at(spans, offset)
    return before[-1].run if before else after[0].run if after else None


def _place(paragraph: Paragraph, spans: list[_Span], offset: int, item: etree._Element, wrapper) -> None:
    """Put an inserted run at `offset`: after the editable run ending there, else before the one starting
    there, else at the paragraph's end (or start)."""
    ending = [span.run for span in _ending_at(spans, offset) if span.editable and span.start < span.end]
    starting = [span.run for span in _starting_at(spans, offset) if span.editable and span.start < span.end]
    if ending:
        wrapper.get(ending[-1], ending[-1]).addnext(item)
    elif starting:
        wrapper.get(starting[0], starting[0]).addprevious(item)
    elif offset == 0 or not spans:
        properties = paragraph.element.find(w("pPr"))
        if properties is not None:
            properties.addnext(item)
        else:
            paragraph.element.insert(0, item)
    else:
        following = bisect.bisect_left(spans, offset, key=_start)
        (spans[following].run.addprevious if following < len(spans) else paragraph.element.append)(item)


def _properties(run: etree._Element | None) -> etree._Element | None:
    """A copy of a run's formatting for new text, without its own record of formatting changes."""
    found = run.find(w("rPr")) if run is not None else None
    if found is None:
        return None
    properties = copy.deepcopy(found)
    for change in properties.findall(w("rPrChange")):
        properties.remove(change)
    return properties


def _new_run(text: str, properties: etree._Element | None) -> etree._Element:
    """A run holding `text` (line breaks and tabs as Word writes them) with the given formatting."""
    run = etree.Element(w("r"))
    if properties is not None:
        run.append(properties)
    for index, line in enumerate(text.split("\n")):
        if index:
            etree.SubElement(run, w("br"))
        for column, piece in enumerate(line.split("\t")):
            if column:
                etree.SubElement(run, w("tab"))
            if piece:
                node = etree.SubElement(run, w("t"))
                node.text = piece
                node.set(XML_SPACE, "preserve")
    return run


def _change_note(change: Change) -> str:
    return "; ".join(f"{step.rule}: {step.reason}" for step in change.steps)


def _flag_note(flag: Flag) -> str:
    suggestion = f" (suggestion: {', '.join(flag.suggestions[:3])})" if flag.suggestions else ""
    return f"{flag.rule}: {flag.message}{suggestion}"
