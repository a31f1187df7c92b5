"""Web pages (.html, .htm): the text of every block (title, headings, paragraphs, list items, cells) as the
article, markup left out of it; the corrected page is the original with only that text replaced, every
other byte (tags, attributes, comments, scripts, styles, code, character references) as it was.

The page is tokenized as an HTML5 tokenizer does (tags with quoted `>` in attributes, comments ended by
`-->` or `--!>`, script and style text up to their end tag only, titles with character references but no
tags, bogus comments, a tag cut off by the end of the file dropped), keeping where each piece of text
lies in the page. Blocks become paragraphs (a blank line between them), `<br>` a protected line
separator (U+2028), white space as a browser collapses it; text of `<code>`, `<kbd>`, `<samp>` and
`<pre>` is read but protected, and no edit spans markup between two pieces of text (a boundary)."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.entities import html5 as ENTITIES
from typing import Literal

from ..model import Document, Outcome, ProtectedSpan
from ..textio import DecodeError, UnsuitableEncoding, byte_order_mark, decode, text_encoding
from . import Contents, FormatError

MAX_BYTES = 256 << 20

# Elements that start and end a paragraph of their own.
BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li listing main menu nav ol p pre "
    "section summary table tbody td tfoot th thead title tr ul option optgroup select".split()
)
RAW_TEXT = frozenset("script style xmp iframe noembed noframes noscript textarea".split())  # never text
CODE = frozenset("code kbd samp pre listing".split())  # read, never edited
FOREIGN = frozenset(("svg", "math"))  # drawings and formulas: never text
# HTML elements that end the drawings and formulas open around them (the HTML standard's list).
BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu "
    "meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var".split()
)
WHITE = " \t\n\f\r"
PARAGRAPH = "\n\n"  # between blocks
LINE = "\u2028"  # a <br>: Unicode's line separator, a break inside a paragraph (the next line starts none)

_TAG_NAME = re.compile(r"</?([A-Za-z][^\t\n\f\r />]*)")
# One attribute (or the end of the tag): a quoted value may hold `>`; an open quote runs to the end of the file.
_ATTRIBUTE = re.compile(
    r"[\t\n\f\r /]*(?:(>)|=?[^\t\n\f\r />=]*[\t\n\f\r ]*"
    r"(?:=[\t\n\f\r ]*(?:\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z)|[^\t\n\f\r >]*))?)"
)
_COMMENT = re.compile(r"<!--(?:>|->|.*?(?:--!?>|\Z))", re.DOTALL)
# Character data: white space, a character reference, or words with single spaces between them.
_DATA = re.compile(
    r"[ \t\n\f\r]+|&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)|[^ \t\n\f\r&]+(?: [^ \t\n\f\r&]+)*|&"
)
_BLANK_LINE = re.compile(r"\n[ \t\f\r]*\n")
_SHORTCODE = re.compile(r"\[/?[A-Za-z_][\w-]*(?:[ \t\n][^\[\]]*)?/?\]")
_END_TAGS: dict[str, re.Pattern] = {
    name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE) for name in (*RAW_TEXT, "title")
}
_META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.IGNORECASE)
# Labels a page may declare that mean another encoding (the WHATWG Encoding standard's table, in part).
LONGEST_NAME = max(map(len, ENTITIES))
_LABELS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "utf-16": "utf-8"}
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})

Kind = Literal["literal", "reference", "space", "mark"]


class HtmlError(FormatError):
    """A page that cannot be read or written back; the message says why and what to do."""


@dataclass(frozen=True)
class Piece:
    """[start, end) of the text and [page_start, page_end) of the page it stands for: `literal` text as in
    the page, a character `reference` or a run of white `space` read as one space, or a `mark` that is
    not in the page (the blank line between blocks, a `<br>`'s line break)."""

    start: int
    end: int
    page_start: int
    page_end: int
    kind: Kind


@dataclass
class TextBuilder:
    """The article's text as it is read from a page (or from the posts of an export): pieces, protected
    spans and boundaries, with the blank line between paragraphs put in when the next text comes."""

    autop: bool = False  # a blank line in the markup also ends a paragraph (WordPress's post bodies)
    parts: list[str] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    protected: list[ProtectedSpan] = field(default_factory=list)
    boundaries: list[int] = field(default_factory=list)
    length: int = 0
    pending_break: str = ""  # PARAGRAPH after a block ended, LINE after a <br>
    pending_space: tuple[int, int, Kind, bool] | None = None  # white space since the last text, not yet read
    paragraph_open: bool = False  # text was read since the last break

    def document(self, encoding: str = "utf-8", bom: bool = False) -> Document:
        """The text read so far, with its protected spans and boundaries."""
        return Document(
            "".join(self.parts), encoding, bom, protected=tuple(self.protected), boundaries=tuple(self.boundaries)
        )

    def end_paragraph(self, line: str = PARAGRAPH) -> None:
        """A block starts or ends, or a line breaks (`<br>`, `line` LINE): white space before it is not read;
        two line breaks end the paragraph."""
        self.pending_space = None
        if self.length and (self.paragraph_open or self.pending_break):
            self.pending_break = LINE if line == LINE and not self.pending_break else PARAGRAPH
        self.paragraph_open = False

    def space(self, page_start: int, page_end: int, single: bool) -> None:
        """White space: read as one space before the next text of the paragraph (as a browser shows it)."""
        if self.paragraph_open and self.pending_space is None:
            self.pending_space = (page_start, page_end, "literal" if single else "space", False)
        elif self.pending_space is not None:  # more white space after a tag: it shows only while the first does,
            self.pending_space = (*self.pending_space[:3], True)  # so the first is never edited

    def text(self, text: str, page_start: int, page_end: int, kind: Kind, protect: bool) -> None:
        """Read a piece of text that lies at [page_start, page_end) of the page."""
        if self.pending_break:
            self._add(self.pending_break, page_start, page_start, "mark", True)
            self.pending_break = ""
        elif self.pending_space is not None:
            self._add(" ", *self.pending_space)
        self.pending_space = None
        self.paragraph_open = True
        self._add(text, page_start, page_end, kind, protect)

    def _add(self, text: str, page_start: int, page_end: int, kind: Kind, protect: bool) -> None:
        last = self.pieces[-1] if self.pieces else None
        if last is not None and kind != "mark" and last.kind != "mark" and last.page_end != page_start:
            self.boundaries.append(self.length)  # markup between this text and the last
        start, self.length = self.length, self.length + len(text)
        if protect:
            self.protected.append(ProtectedSpan(start, self.length))
        if last is not None and kind == last.kind == "literal" and last.page_end == page_start:
            self.pieces[-1] = Piece(last.start, self.length, last.page_start, page_end, "literal")
        else:
            self.pieces.append(Piece(start, self.length, page_start, page_end, kind))
        self.parts.append(text)

    def data(self, page: str, start: int, end: int, protect: bool, origin: Origin) -> None:
        """Character data of the page (`origin` says where it lies in the file): text, white space and
        character references, read section by section."""
        for section_start, section_end in self._prose(page, *origin.sections(start, end)):
            for match in _DATA.finditer(page, section_start, section_end):
                chunk, at, stop = match.group(), origin.start(match.start()), origin.end(match.end())
                if chunk[0] in WHITE and protect:  # code keeps its white space
                    self.text(chunk, at, stop, "literal", True)
                elif chunk[0] in WHITE:
                    if self.autop and _BLANK_LINE.search(chunk):
                        self.end_paragraph()
                    else:
                        self.space(at, stop, chunk == " ")
                elif chunk[0] == "&" and len(chunk) > 1:
                    self._reference(chunk, at, protect)
                else:
                    self.text(chunk, at, stop, "literal", protect)

    def _prose(self, page: str, *sections: tuple[int, int]) -> Iterator[tuple[int, int]]:
        """The sections, less WordPress's shortcodes (`[caption id="…"]`) in a post's body: markup, not text."""
        for start, end in sections:
            if self.autop:
                for shortcode in _SHORTCODE.finditer(page, start, end):
                    yield start, shortcode.start()
                    start = shortcode.end()
            yield start, end

    def _reference(self, chunk: str, at: int, protect: bool) -> None:
        """A character reference at `at` of the file: its decoded text stands for it; a named one is its
        longest known prefix."""
        size = len(chunk)
        if chunk[1] != "#":
            size = next((n for n in range(min(len(chunk), LONGEST_NAME + 1), 1, -1) if chunk[1:n] in ENTITIES), 0)
            if not size:
                self.text(chunk, at, at + len(chunk), "literal", protect)
                return
        # (Python drops control characters a page's numeric references name; a browser keeps them.)
        decoded = html.unescape(chunk[:size]) or chr(
            int(chunk[2:size].rstrip(";").lstrip("xX"), 16 if chunk[2] in "xX" else 10)
        )
        self.text(decoded, at, at + size, "reference", protect or len(decoded) != 1)
        if size < len(chunk):
            self.text(chunk[size:], at + size, at + len(chunk), "literal", protect)


@dataclass(frozen=True)
class Origin:
    """Where the HTML being read lies in the file: offset `starts[i]` of the HTML is `file_starts[i]` of the
    file (one section for a page; one per CDATA section of a WordPress post, which a `]]>` in it splits)."""

    starts: tuple[int, ...] = (0,)
    file_starts: tuple[int, ...] = (0,)

    def start(self, offset: int) -> int:
        """The file's offset of the character at `offset`."""
        if len(self.starts) == 1:
            return self.file_starts[0] + offset - self.starts[0]
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.file_starts[index] + offset - self.starts[index]

    def end(self, offset: int) -> int:
        """The file's offset just after the character before `offset` (the end of its section)."""
        if len(self.starts) == 1:
            return self.file_starts[0] + offset - self.starts[0]
        index = max(bisect.bisect_left(self.starts, offset) - 1, 0)
        return self.file_starts[index] + offset - self.starts[index]

    def sections(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """[start, end) cut where a section starts."""
        index = bisect.bisect_right(self.starts, start)
        while index < len(self.starts) and self.starts[index] < end:
            yield start, self.starts[index]
            start = self.starts[index]
            index += 1
        yield start, end


@dataclass
class HtmlText:
    """A page decoded, its text as a Document, and the pieces that map the text back to the page."""

    page: str
    document: Document
    pieces: list[Piece]


def read_html(data: bytes, encoding: str | None = None) -> HtmlText:
    """The text of a web page (HtmlError when it cannot be decoded)."""
    if len(data) > MAX_BYTES:
        raise HtmlError("is larger than a web page holds; split it")
    try:
        decoded = decode(data, encoding or _declared_encoding(data))
    except DecodeError as error:
        raise HtmlError(f"{error}; save the page as UTF-8 or give --encoding") from None
    page = decoded.text
    builder = TextBuilder()
    scan_html(builder, page, 0, len(page), Origin())
    return HtmlText(page, builder.document(decoded.encoding, decoded.bom), builder.pieces)


def write_html(data: bytes, outcome: Outcome) -> bytes:
    """The page with the corrected text put in place of the original's; every other byte as it was."""
    return written_back(read_html(data, outcome.original.encoding), outcome)


def written_back(read: HtmlText, outcome: Outcome) -> bytes:
    """The file `read` came from, with each change's text, escaped for HTML (so never a tag, a bare `&` nor
    the `]]>` that would end a CDATA section), in place of what it replaced; every other byte as it was."""
    original = outcome.original
    if read.document.text != original.text:
        raise HtmlError("has changed since it was read; run again")
    page = splice(read.page, read.pieces, outcome, lambda text: encodable(text.translate(ESCAPES), original.encoding))
    return byte_order_mark(original) + page.encode(original.encoding)


def splice(page: str, pieces: Sequence[Piece], outcome: Outcome, escape: Callable[[str], str]) -> str:
    """`page` with each change's text (escaped for where it goes) in place of what it replaced."""
    places = _Places(pieces)
    out, cursor = [], 0
    for change in outcome.changes:
        start, end = places.span(change.start, change.end)
        if cursor < start and page[start - 1] in "<&":  # a stray `<` or `&` the change would make markup of
            start -= 1
            out += [page[cursor:start], escape(page[start])]
        elif page[start - 1] != ";" and places.reference_ends(
            change.start, start
        ):  # `&#39` or `&copy`: closed, so it takes nothing after it
            out += [page[cursor:start], ";"]
        else:
            out.append(page[cursor:start])
        out.append(escape(outcome.corrected[change.new_start : change.new_end]))
        cursor = end
    out.append(page[cursor:])
    return "".join(out)


class _Places:
    """Where offsets of the text lie in the page."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.pieces = [piece for piece in pieces if piece.start < piece.end]
        self.starts = [piece.start for piece in self.pieces]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The page's span of the text's [start, end); an insertion goes after the text before it."""
        if start == end:
            for at in (self._after(start), self._before(start)):
                if at is not None:
                    return at, at
            raise HtmlError(f"internal error: an insertion at {start} falls in markup")
        first, last = self._before(start), self._after(end)
        if first is None or last is None or last < first:
            raise HtmlError(f"internal error: a change at {start} would edit markup")
        return first, last

    def reference_ends(self, offset: int, page_offset: int) -> bool:
        """Whether a character reference ends at the text's `offset`, at `page_offset`."""
        index = bisect.bisect_left(self.starts, offset) - 1
        piece = self.pieces[index] if index >= 0 else None
        return piece is not None and piece.kind == "reference" and piece.end == offset and piece.page_end == page_offset

    def _before(self, offset: int) -> int | None:
        """The page offset just before the text's `offset`, inside the piece it starts."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0 or offset >= self.pieces[index].end:
            return None
        return self._inside(self.pieces[index], offset)

    def _after(self, offset: int) -> int | None:
        """The page offset just after the text's `offset`, inside the piece that ends there or holds it."""
        index = bisect.bisect_left(self.starts, offset) - 1
        if index < 0:
            return None
        return self._inside(self.pieces[index], offset)

    @staticmethod
    def _inside(piece: Piece, offset: int) -> int | None:
        if piece.kind == "mark":
            return None
        if piece.kind == "literal":
            return piece.page_start + offset - piece.start
        return {piece.start: piece.page_start, piece.end: piece.page_end}.get(offset)


def scan_html(builder: TextBuilder, page: str, start: int, end: int, origin: Origin) -> None:
    """Read the HTML in page[start:end] into `builder`, tag by tag."""
    state = _State()
    pos = start
    while pos < end:
        opening = page.find("<", pos, end)
        if opening < 0:
            opening = end
        if opening > pos and not (state.skip or state.foreign):
            builder.data(page, pos, opening, state.code > 0, origin)
        if opening == end:
            break
        pos = _markup(builder, state, page, opening, end, origin)


@dataclass
class _State:
    code: int = 0  # open code elements
    foreign: int = 0  # open <svg> and <math> elements
    skip: bool = False  # inside text that is never read (after <plaintext>)


def _markup(builder: TextBuilder, state: _State, page: str, at: int, end: int, origin: Origin) -> int:
    """Read the markup that starts with the `<` at `at`; the offset after it."""
    following = page[at + 1 : at + 2]
    if page.startswith("<!--", at):
        match = _COMMENT.match(page, at, end)
        return match.end() if match else end
    if following in ("!", "?") or (
        following == "/" and page[at + 2 : at + 3] not in ("", ">") and not _letter(page, at + 2)
    ):
        if state.foreign and page.startswith("<![CDATA[", at):
            close = page.find("]]>", at, end)
            return close + 3 if close >= 0 else end
        close = page.find(">", at, end)  # a doctype or a bogus comment
        return close + 1 if close >= 0 else end
    if following == "/" and page[at + 2 : at + 3] == ">":
        return at + 3
    if not _letter(page, at + 1 + (following == "/")):
        if not (state.skip or state.foreign):
            builder.data(page, at, at + 1, state.code > 0, origin)  # a `<` that starts no markup is text
        return at + 1
    return _tag(builder, state, page, at, end, origin)


def _tag(builder: TextBuilder, state: _State, page: str, at: int, end: int, origin: Origin) -> int:
    name_match = _TAG_NAME.match(page, at, end)
    assert name_match is not None
    name, closing = name_match.group(1).lower(), page[at + 1] == "/"
    pos = name_match.end()
    while True:
        attribute = _ATTRIBUTE.match(page, pos, end)
        if attribute is None or attribute.end() == pos and not attribute.group(1):
            return end  # a tag cut off by the end of the file is dropped, with what follows
        pos = attribute.end()
        if attribute.group(1):
            break
    if state.skip:
        return pos
    self_closing = page[pos - 2] == "/"
    if name in FOREIGN:
        state.foreign = max(0, state.foreign + (-1 if closing else 0 if self_closing else 1))
        return pos
    if state.foreign and (closing and name not in ("br", "p") or name not in BREAKOUT):
        return pos
    state.foreign = 0  # an HTML element such as <p> or <h1> ends a drawing left open
    if name in BLOCKS:
        builder.end_paragraph()
    if name in CODE:
        state.code = max(0, state.code + (-1 if closing else 1))
    if name == "br":
        builder.end_paragraph(LINE)
    if closing:
        return pos
    if name == "plaintext":
        builder.end_paragraph()
        state.skip = True
        return pos
    if name == "title":
        close = _END_TAGS[name].search(page, pos, end)
        stop = close.start() if close else end
        builder.data(page, pos, stop, False, origin)
        builder.end_paragraph()
        return stop
    if name in RAW_TEXT:
        close = _END_TAGS[name].search(page, pos, end)
        return close.start() if close else end
    return pos


def _letter(page: str, at: int) -> bool:
    return page[at : at + 1].isascii() and page[at : at + 1].isalpha()


def _declared_encoding(data: bytes) -> str | None:
    """The encoding a page declares in a `<meta>` of its first 1024 bytes, as the HTML standard reads it."""
    match = _META_CHARSET.search(data, 0, 1024)
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    label = _LABELS.get(label, label)
    try:
        return text_encoding(label)
    except UnsuitableEncoding:
        return None  # an unknown label: read as UTF-8, as when none is declared


def encodable(text: str, encoding: str) -> str:
    """`text` with each character the page's encoding cannot hold written as a character reference."""
    return text.encode(encoding, "xmlcharrefreplace").decode(encoding)


Error = HtmlError


def read(data: bytes, encoding: str | None) -> Contents:
    return Contents(read_html(data, encoding).document)


def write(original: bytes, outcome: Outcome, mode: str) -> bytes:
    return write_html(original, outcome)
