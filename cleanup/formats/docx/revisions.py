"""The corrected edition as a Word document: each change a deletion and an insertion by "cleanup" with
its reasons in a comment, each flag a comment on its span (review mode); or the changes already made
(clean mode). Text and formatting the changes do not touch stay as they were."""

from __future__ import annotations

import bisect
import copy
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from ...model import Change, Flag, Outcome
from . import fragile
from .comments import CommentsPart
from .package import DocxError, max_id, w
from .text import XML_SPACE, Atom, DocxText, Paragraph, atoms, read_docx

AUTHOR = "cleanup"
MAX_MARKS = 20_000  # changes and flags written: each costs some 8 KB of XML tree (revision, runs, comment)


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
    marks = len(outcome.changes) + len(outcome.flags)
    if marks > MAX_MARKS:
        raise DocxError(
            f"would carry {marks:,} tracked changes and comments, more than {MAX_MARKS:,} (more than a Word document "
            "holds for review); not written: split it into smaller documents"
        )
    docx = _read_once(data, outcome)
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _Writer(docx, outcome, mode, stamp).write(_by_paragraph(docx.paragraphs, outcome))
    return docx.package.to_bytes()


def _read_once(data: bytes, outcome: Outcome) -> DocxText:
    """The document its reader parsed from these bytes, when it came with the outcome; else `data` parsed
    again, which must hold the text the outcome was made from."""
    parsed = outcome.original.parsed.take(data) if outcome.original.parsed else None
    if isinstance(parsed, DocxText):
        return parsed
    docx = read_docx(data)
    if docx.document.text != outcome.original.text:
        raise DocxError("has changed since it was read; run again")
    return docx


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
        self.earlier = _earlier_notes(docx.package.tree(docx.package.main).getroot(), self.comments)
        self.placed: dict[Change, list[etree._Element]] = {}  # what each change put where comments go
        self.fielded: dict[etree._Element, bool] = {}  # element -> whether it holds field marks
        self.framed = fragile.from_frame(docx)

    def write(self, edits: dict[Paragraph, _Edits]) -> None:
        if not self.review:  # flags are not written: a paragraph without changes is left byte for byte
            edits = {p: _Edits(found.pieces) for p, found in edits.items() if found.pieces}
        spans: dict[Paragraph, _Spans] = {}
        for paragraph, found in edits.items():
            cuts = {piece.start for piece in found.pieces} | {piece.end for piece in found.pieces}
            cuts |= {start for start, _, _ in found.flags} | {end for _, end, _ in found.flags}
            _split_at(paragraph, sorted(cuts))
            spans[paragraph] = _Spans(paragraph)
            self.docx.package.changed.add(paragraph.part)
        for paragraph, found in edits.items():
            for piece in sorted(found.pieces, key=lambda p: p.start, reverse=True):
                self._piece(paragraph, spans[paragraph], piece)
        if not self.review:
            _join_paragraphs(p for p, found in edits.items() for piece in found.pieces if piece.joins_next)
            return
        for change, placed in self.placed.items():
            if placed:
                note = _change_note(change)
                reason = next(filter(None, (fragile.untracked(item, self.framed) for item in placed)), None)
                self._comment(placed[0], placed[-1], f"{note} ({fragile.note(reason)})" if reason else note)
        for paragraph, found in edits.items():
            if _takes_comments(paragraph, self.docx.package.main):
                for start, end, flag in found.flags:
                    self._flag(paragraph, spans[paragraph], start, end, flag)

    def _piece(self, paragraph: Paragraph, spans: _Spans, piece: _Piece) -> None:
        inside = spans.within(piece.start, piece.end)
        if not all(spans.editable[index] for index in inside):
            raise DocxError(f"internal error: a change at {piece.change.start} would edit protected text")
        replaced = [spans.runs[index] for index in inside]
        change = piece.change
        inserted = self.outcome.corrected[change.new_start : change.new_end] if piece.inserts else ""
        style = _properties(replaced[0] if replaced else spans.neighbour(piece.start))
        placed = self._deleted(replaced) if self.review else []
        if inserted:
            new = _new_run(inserted, style)
            item = self._revision("ins", new) if self.review else new
            if replaced:
                (placed or replaced)[-1].addnext(item)
            else:
                _place(paragraph, spans, piece.start, item)
            placed.append(item)
        if not self.review:
            for run in replaced:
                run.getparent().remove(run)
        elif piece.joins_next:
            self._delete_mark(paragraph)
        if _takes_comments(paragraph, self.docx.package.main):  # a change never leaves its part
            self.placed.setdefault(change, []).extend(placed)

    def _deleted(self, runs: list[etree._Element]) -> list[etree._Element]:
        """Each run as deleted text, neighbours in one `w:del` (a deletion of many runs costs one)."""
        holders: list[etree._Element] = []
        for run in runs:
            for text in run.iter(w("t")):
                text.tag = w("delText")
            if not holders or run.getprevious() is not holders[-1]:
                holders.append(etree.Element(w("del")))
                run.addprevious(holders[-1])
                self._stamp(holders[-1])
            holders[-1].append(run)
        return holders

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

    def _flag(self, paragraph: Paragraph, spans: _Spans, start: int, end: int, flag: Flag) -> None:
        inside = [spans.runs[index] for index in spans.within(start, end)]
        note = _flag_note(flag)
        if not inside:
            return
        if self.earlier[paragraph.element, note] > 0:  # an earlier run's comment says it already
            self.earlier[paragraph.element, note] -= 1
            return
        first, last = _outside(inside[0]), _outside(inside[-1])
        following = last.getnext()
        if following is not None and following.tag == w("ins"):
            last = following
        self._comment(first, last, note)

    def _holds_fields(self, parent: etree._Element | None) -> bool:
        """Whether `parent` (a paragraph, a hyperlink...) holds a complex field's marks."""
        if parent is None:
            return False
        if parent not in self.fielded:
            self.fielded[parent] = next(parent.iter(w("fldChar")), None) is not None
        return self.fielded[parent]

    def _comment(self, first: etree._Element, last: etree._Element, note: str) -> None:
        """A comment on `first` to `last`, anchored around a plain-text content control or a field result
        holding them, its reference never in the first paragraph of a block control (LibreOffice loses
        or garbles the text there)."""
        assert self.comments is not None
        number = str(self._new_id())
        self.comments.add(number, note)
        first, last = _outside_plain_control(first), _outside_plain_control(last)
        if self._holds_fields(first.getparent()):  # asked once a paragraph: a scan a flag made it quadratic
            first, last = fragile.around_field(first, last)
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


def _split_at(paragraph: Paragraph, cuts: Sequence[int]) -> None:
    """Split runs so that each cut (a character offset in the paragraph, smallest first) falls between runs;
    each piece of text is cut at all its cuts at once, from its end, so that a paragraph costs time in its
    length and memory in its cuts."""
    found: list[tuple[Atom, list[int]]] = []
    index = 0
    for atom, offset in _atom_offsets(paragraph):
        end = offset + len(atom.text)
        while index < len(cuts) and cuts[index] < offset:
            index += 1  # a cut between pieces of text that are not runs' (no run to split)
        inside = []
        while index < len(cuts) and cuts[index] < end:
            inside.append(cuts[index] - offset)
            index += 1
        if inside:
            found.append((atom, inside))
        if index == len(cuts):
            break
    for atom, inside in reversed(found):
        _split_atom(atom, inside[::-1])


def _split_atom(atom: Atom, cuts: Sequence[int]) -> None:
    """Cut a piece of text (a `w:t` at offsets in its text as shown, largest first) and its run at each
    cut. The pieces keep their spaces (`xml:space`); edge spaces Word never showed are not written."""
    node, end = atom.node, len(atom.text)
    for at in (cut for cut in cuts if cut > 0):
        second = node.makeelement(node.tag, node.attrib)
        second.text = atom.text[at:end]
        second.set(XML_SPACE, "preserve")
        node.addnext(second)
        _split_run_before(atom.run, second)
        end = at
    if end < len(atom.text):
        node.text = atom.text[:end]
        node.set(XML_SPACE, "preserve")
    if cuts[-1] == 0:
        _split_run_before(atom.run, node)


def _split_run_before(run: etree._Element, node: etree._Element) -> None:
    """Move `node` and what follows it in `run` to a new run with the same properties, right after it."""
    if node.getparent() is not run:
        return  # an element read whole (an equation) or inside a run's alternative content: not split
    if all(sibling.tag == w("rPr") for sibling in node.itersiblings(preceding=True)):
        return  # the node already starts its run
    second = etree.Element(run.tag, attrib=dict(run.attrib))
    first = next(iter(run))
    if first.tag == w("rPr"):  # the schema puts a run's properties first
        second.append(copy.deepcopy(first))
    for child in [node, *node.itersiblings()]:
        second.append(child)
    run.addnext(second)


def _atom_offsets(paragraph: Paragraph) -> Iterator[tuple[Atom, int]]:
    offset = 0
    for atom in atoms(paragraph.element, list(paragraph.fields)):
        yield atom, offset
        offset += len(atom.text)


class _Spans:
    """Each run with text in a paragraph, in order, with its [start, end) in the paragraph's text and
    whether all of it may be edited (read once, before any change is made); found by offset with a
    binary search, so that a change costs no more in a paragraph of many runs than in a short one."""

    def __init__(self, paragraph: Paragraph) -> None:
        self.runs: list[etree._Element] = []
        self.starts: list[int] = []  # both never decrease: runs do not overlap
        self.ends: list[int] = []
        self.editable: list[bool] = []
        for atom, offset in _atom_offsets(paragraph):
            if self.runs and self.runs[-1] is atom.run:  # a run's pieces come one after another
                self.ends[-1] = offset + len(atom.text)
                self.editable[-1] = self.editable[-1] and atom.editable
            else:
                self.runs.append(atom.run)
                self.starts.append(offset)
                self.ends.append(offset + len(atom.text))
                self.editable.append(atom.editable)

    def within(self, start: int, end: int) -> list[int]:
        """The indexes of the runs with text that lie inside [start, end)."""
        found, index = [], bisect.bisect_left(self.starts, start)
        while index < len(self.runs) and self.starts[index] < end:
            if self.ends[index] <= end and self.starts[index] < self.ends[index]:
                found.append(index)
            index += 1
        return found

    def neighbour(self, offset: int) -> etree._Element | None:
        """The run whose formatting an insertion at `offset` takes: the one before it, else the one after."""
        before = bisect.bisect_right(self.ends, offset) - 1
        if before >= 0 and self.ends[before] == offset:
            return self.runs[before]
        after = bisect.bisect_left(self.starts, offset)
        return self.runs[after] if after < len(self.runs) and self.starts[after] == offset else None

    def ending(self, offset: int) -> etree._Element | None:
        """The editable run with text that ends at `offset`."""
        index = bisect.bisect_right(self.ends, offset) - 1
        while index >= 0 and self.ends[index] == offset:
            if self.editable[index] and self.starts[index] < offset:
                return self.runs[index]
            index -= 1
        return None

    def starting(self, offset: int) -> etree._Element | None:
        """The editable run with text that starts at `offset`."""
        index = bisect.bisect_left(self.starts, offset)
        while index < len(self.runs) and self.starts[index] == offset:
            if self.editable[index] and offset < self.ends[index]:
                return self.runs[index]
            index += 1
        return None

    def following(self, offset: int) -> etree._Element | None:
        """The first run (with text or not) that starts at or after `offset`."""
        index = bisect.bisect_left(self.starts, offset)
        return self.runs[index] if index < len(self.runs) else None


def _outside(run: etree._Element) -> etree._Element:
    """A run, or the `w:del` it is in: only runs this writer deleted are in one (others are not text)."""
    holder = run.getparent()
    return holder if holder is not None and holder.tag == w("del") else run


def _place(paragraph: Paragraph, spans: _Spans, offset: int, item: etree._Element) -> None:
    """Put an inserted run at `offset`: after the editable run ending there, else before the one starting
    there, else at the paragraph's end (or start)."""
    ending, starting = spans.ending(offset), spans.starting(offset)
    if ending is not None:
        _outside(ending).addnext(item)
    elif starting is not None:
        _outside(starting).addprevious(item)
    elif offset == 0 or not spans.runs:
        properties = paragraph.element.find(w("pPr"))
        if properties is not None:
            properties.addnext(item)
        else:
            paragraph.element.insert(0, item)
    else:
        following = spans.following(offset)
        (following.addprevious if following is not None else paragraph.element.append)(item)


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
    return "; ".join(f"{step.rule}: {step.note}" for step in change.steps)


def _flag_note(flag: Flag) -> str:
    suggestion = f" (suggestion: {', '.join(flag.suggestions[:3])})" if flag.suggestions else ""
    return f"{flag.rule}: {flag.message}{suggestion}"
