"""An XML file as its own decoded text: where each element and each piece of character data lies in it,
so that a writer can splice new text into the original and leave every other byte as it was."""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..textio import leading_bom

OBJECT = "\ufffc"  # stands for a tag, a placeholder or an unknown entity inside a text: one protected character
NEWLINE = " "  # a line break (with the blanks around it) inside a text: one protected space

_NO_BOM = ((b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"))
_DECLARED = re.compile(rb"<\?xml[^>]*?\sencoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']")
_STATEFUL = ("iso2022", "utf-7", "hz", "utf-16", "utf-32")  # codecs whose pieces cannot be encoded one by one

_TOKEN = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>"
    r"|<!DOCTYPE(?:[^\[>\"']|\"[^\"]*\"|'[^']*')*(?:\[(?:<!--.*?-->|\"[^\"]*\"|'[^']*'|[^\]\"'])*\]\s*)?>"
    r"|</[^>]*>|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S,
)
_NAME = re.compile(r"</?([^\s/>]+)")
_ATTRIBUTE = re.compile(r"([^\s=<]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_CHARACTER_DATA = re.compile(
    r"&(#[0-9]+|#x[0-9A-Fa-f]+|[^;]+);|[ \t]*(?:\r\n?|\n)[ \t]*|[^&\r\n \t]+|[ \t]++(?![\r\n])"
)
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n?|\n)[ \t]*")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


class XmlTextError(ValueError):
    """Bytes that cannot be decoded, or whose encoding cannot be written back piece by piece."""


@dataclass(frozen=True)
class XmlText:
    """A file's text decoded as its byte-order mark or declaration says, and how to encode it back."""

    text: str
    encoding: str
    bom: bytes


@dataclass(frozen=True)
class Element:
    """Where an element lies: its start tag [start, open_end), content [open_end, close_start), end at `end`."""

    name: str  # the local name, without its prefix
    start: int
    open_end: int
    close_start: int
    end: int


def decode(data: bytes) -> XmlText:
    """The file's text, decoded per its byte-order mark, else its XML declaration, else as UTF-8."""
    bom, encoding = leading_bom(data)
    encoding = encoding or next((e for b, e in _NO_BOM if data.startswith(b)), "")
    if not encoding:
        declared = _DECLARED.match(data)
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        name = codecs.lookup(encoding).name.replace("_", "-")
    except LookupError:
        raise XmlTextError(f"declares an encoding cleanup does not know ({encoding}); save it as UTF-8") from None
    if name.startswith(_STATEFUL) and not name.endswith(("-le", "-be")):
        raise XmlTextError(f"is in {encoding}, which cleanup cannot write back; save it as UTF-8")
    try:
        return XmlText(data[len(bom) :].decode(name), name, bom)
    except UnicodeDecodeError as error:
        raise XmlTextError(f"is not valid {encoding} at byte {error.start + len(bom)}; save it again") from None


def elements(text: str) -> list[Element]:
    """Every element of the (well-formed) text, in document order."""
    found: list[Element] = []
    open_: list[int] = []  # indices in `found` of the elements not yet closed
    for token in _TOKEN.finditer(text):
        tag = token.group()
        if tag.startswith(("<!", "<?")):
            continue
        if tag.startswith("</"):
            index = open_.pop()
            opened = found[index]
            found[index] = Element(opened.name, opened.start, opened.open_end, token.start(), token.end())
            continue
        found.append(Element(local_name(tag), token.start(), token.end(), token.end(), token.end()))
        if not tag.endswith("/>"):
            open_.append(len(found) - 1)
    return found


def local_name(tag: str) -> str:
    """The local name of a start or end tag's text (`<x:g id="1">` is `g`)."""
    name = _NAME.match(tag)
    return name.group(1).rpartition(":")[2] if name else ""


def attributes(tag: str) -> dict[str, str]:
    """A start tag's attributes by their local name (values not unescaped)."""
    return {m.group(1).rpartition(":")[2]: m.group(2) or m.group(3) or "" for m in _ATTRIBUTE.finditer(tag)}


@dataclass
class Reading:
    """Pieces of a file read as one text: the text, its spans no edit may touch, and where its editable
    text lies in the file (text offset and file offset at the start of each stretch read in step)."""

    pieces: list[str] = field(default_factory=list)
    length: int = 0
    protected: list[tuple[int, int]] = field(default_factory=list)
    points: list[tuple[int, int]] = field(default_factory=list)

    def add(self, text: str, protected: bool = False) -> None:
        """Text read at the end; `protected`, it may not be edited (and an empty one not inserted into)."""
        if protected:
            self.protected.append((self.length, self.length + len(text)))
        self.pieces.append(text)
        self.length += len(text)

    def point(self, at: int) -> None:
        """From here on the text's end is at file offset `at`, and the two advance together."""
        self.points.append((self.length, at))

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def file_offset(self, offset: int) -> int:
        """Where an offset of editable text (or an edge of it) lies in the file."""
        index = bisect.bisect_right(self.points, (offset, float("inf"))) - 1
        start, at = self.points[index]
        return at + offset - start


Kind = Callable[[str, dict[str, str]], str]  # an inner element's name and attributes -> what it is (read_content)


def read_content(text: str, element: Element, into: Reading, kind: Kind, holding: int = 0) -> int:
    """An element's content added to `into`: character data read (references resolved; line breaks and
    CDATA protected); `kind` says what an inner element is: `text` (its content read and editable, each tag
    one protected character), `kept` (its content read, protected), `atom` (one protected character), or a
    marker that opens (`hold`) or closes (`release`) a stretch read as protected. `holding`: the stretches
    open at the start; returned, those open at the end (a stretch may run on into the next element)."""
    cursor, kept, end = element.open_end, [False], element.close_start
    for token in _TOKEN.finditer(text, element.open_end, end):
        if token.start() < cursor:
            continue  # inside an atom
        _character_data(text, cursor, token.start(), into, any(kept) or holding > 0)
        cursor, tag = token.end(), token.group()
        if tag.startswith("<![CDATA["):
            into.add(_LINE_BREAK.sub(NEWLINE, tag[9:-3]), True)
            continue
        into.add(OBJECT, True)
        if tag.startswith("</"):
            kept.pop()
        elif not tag.startswith(("<!", "<?")):
            found = kind(local_name(tag), attributes(tag))
            if found in ("hold", "release"):
                holding = holding + 1 if found == "hold" else max(holding - 1, 0)
            if tag.endswith("/>"):
                continue
            if found == "atom":
                cursor = _closing(text, cursor, end)
            else:
                kept.append(found == "kept")
    _character_data(text, cursor, end, into, any(kept) or holding > 0)
    return holding


def _closing(text: str, start: int, end: int) -> int:
    """The end of the element whose start tag ends at `start` (after its matching end tag)."""
    level = 1
    for token in _TOKEN.finditer(text, start, end):
        tag = token.group()
        if tag.startswith("</"):
            level -= 1
            if not level:
                return token.end()
        elif not tag.startswith(("<!", "<?")) and not tag.endswith("/>"):
            level += 1
    return end


def _character_data(text: str, start: int, end: int, into: Reading, protected: bool) -> None:
    """Character data added to `into`: a reference as the one character it stands for (an unknown entity
    or a control character as a protected OBJECT), a line break as a protected NEWLINE."""
    if not protected:
        into.point(start)
    for piece in _CHARACTER_DATA.finditer(text, start, end):
        value, reference = piece.group(), piece.group(1)
        if reference is None and "\n" not in value and "\r" not in value:
            into.add(value, protected)
            continue
        character = _resolved(reference) if reference else "\n"
        if character in "\r\n":
            into.add(NEWLINE, True)
        elif character != OBJECT and (character.isprintable() or character == "\t"):
            into.add(character, protected)
        else:
            into.add(OBJECT, True)
        if not protected:
            into.point(piece.end())


def _resolved(reference: str) -> str:
    """The character a reference stands for; OBJECT for an entity the file declares itself (never expanded)."""
    if reference.startswith("#"):
        return chr(int(reference[2:], 16) if reference[1] in "xX" else int(reference[1:]))
    return _PREDEFINED.get(reference, OBJECT)


def escape(text: str) -> str:
    """Text as character data."""
    return text.translate(_ESCAPES)


def spliced(data: bytes, decoded: XmlText, splices: Sequence[tuple[int, int, str]]) -> bytes:
    """The file with each [start, end) of its text replaced by new text (in order, never overlapping): every
    other byte is the input's own; characters its encoding cannot hold become character references."""
    pieces, cursor, at = [decoded.bom], 0, len(decoded.bom)
    for start, end, new in splices:
        kept = len(decoded.text[cursor:start].encode(decoded.encoding))
        pieces.append(data[at : at + kept])
        pieces.append(new.encode(decoded.encoding, errors="xmlcharrefreplace"))
        at += kept + len(decoded.text[start:end].encode(decoded.encoding))
        cursor = end
    pieces.append(data[at:])
    return b"".join(pieces)
