"""XLIFF and TMX files for `real_files.py`: glossary variants planted into plain targets byte by byte,
and the bytes cleanup writes compared with the input's: every difference must lie inside a target."""

from __future__ import annotations

import re
from xml.etree import ElementTree

# The content of a target (XLIFF) or segment (TMX) element: where cleanup may write.
TARGET = re.compile(rb"(<(?:[\w.-]+:)?(?:target|seg)\b[^>]*>)(.*?)(</(?:[\w.-]+:)?(?:target|seg)\s*>)", re.S)
PLAIN = re.compile(rb"[A-Za-z]{3,} [A-Za-z]{3,}")


def plant(data: bytes, every: int = 3) -> tuple[bytes, int]:
    """A copy with " Daash " put between two words of every `every`-th target without markup."""
    planted = 0
    seen = 0

    def one(match: re.Match[bytes]) -> bytes:
        nonlocal planted, seen
        content = match.group(2)
        words = PLAIN.search(content)
        if b"<" in content or words is None:
            return match.group()
        seen += 1
        if seen % every != 1:
            return match.group()
        planted += 1
        space = words.start() + words.group().index(b" ")
        return match.group(1) + content[:space] + b" Daash " + content[space + 1 :] + match.group(3)

    return TARGET.sub(one, data), planted


_XLIFF_LANGUAGES = re.compile(rb'\b(source-language|srcLang|target-language|trgLang)(\s*=\s*["\'])([^"\']*)')
_TMX_SOURCE = re.compile(rb'<header\b[^>]*\bsrclang\s*=\s*["\']([^"\']*)')
_TMX_LANGUAGES = re.compile(rb'(<tuv\b[^>]*\b(?:xml:)?lang\s*=\s*["\'])([^"\']*)')


def relabel(data: bytes) -> bytes:
    """The file with its languages named Arabic (source) and English (target), byte for byte otherwise:
    the structure of files other tools write, in the language pair cleanup checks."""
    if _TMX_SOURCE.search(data) or b"<tmx" in data[:4096]:
        found = _TMX_SOURCE.search(data)
        source = found.group(1).lower() if found and found.group(1) != b"*all*" else b""
        if not source:
            first = _TMX_LANGUAGES.search(data)
            source = first.group(2).lower() if first else b""
        primary = source.split(b"-")[0]
        return _TMX_LANGUAGES.sub(
            lambda m: m.group(1) + (b"ar" if m.group(2).lower().split(b"-")[0] == primary else b"en"), data
        )
    source_names = (b"source-language", b"srcLang")
    return _XLIFF_LANGUAGES.sub(
        lambda m: m.group(1) + m.group(2) + (b"ar" if m.group(1) in source_names else b"en"), data
    )


def outside_targets(data: bytes) -> list[tuple[int, bytes]]:
    """The bytes of the file cut at the contents of its targets, each piece with where it starts: what
    cleanup must leave as it is."""
    pieces, last = [], 0
    for match in TARGET.finditer(data):
        pieces.append((last, data[last : match.start(2)]))
        last = match.end(2)
    pieces.append((last, data[last:]))
    return pieces


def as_utf8(data: bytes) -> bytes:
    """A UTF-16 file (by its byte order mark) as UTF-8, so that its markup can be found byte by byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16").encode("utf-8")
    return data


def first_difference_outside_targets(before: bytes, after: bytes) -> str:
    """Empty when `after` is `before` with only target contents changed, else where it first differs (in
    UTF-8 for a UTF-16 file: `encoding_kept` checks that its encoding is kept)."""
    before, after = as_utf8(before), as_utf8(after)
    pieces = outside_targets(before)
    position = 0
    for index, (start, piece) in enumerate(pieces):
        if index == len(pieces) - 1:
            at = max(position, len(after) - len(piece))
        elif index:
            at = after.find(piece[: piece.index(b">") + 1], position)  # the target's closing tag
        else:
            at = 0
        if at < 0 or after[at : at + len(piece)] != piece:
            at = max(at, position)
            same = mismatch(piece, after[at:])
            return (
                f"bytes outside targets differ at input byte {start + same}: "
                f"{piece[max(0, same - 20) : same + 30]!r} became {after[at + max(0, same - 20) : at + same + 30]!r}"
            )
        position = at + len(piece)
    return ""


def encoding_kept(before: bytes, after: bytes) -> str:
    """Empty when the BOM, XML declaration and line endings are kept, else what changed."""
    for mark in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if before.startswith(mark) != after.startswith(mark):
            return f"byte order mark {mark!r} added or lost"
    before, after = as_utf8(before), as_utf8(after)
    declaration = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*\?>")
    first, second = declaration.match(before), declaration.match(after)
    if first is None and second is not None:
        return f"an XML declaration is added to a file that has none: {second.group()!r}"
    if (first and first.group()) != (second and second.group()):
        return f"the XML declaration changed: {first and first.group()!r} became {second and second.group()!r}"
    crlf = before.count(b"\r\n"), after.count(b"\r\n")
    if crlf[0] != crlf[1]:
        return f"Windows line endings (CRLF) not kept: {crlf[0]} became {crlf[1]}"
    return ""


def well_formed(data: bytes) -> str:
    try:
        ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"output is not well-formed XML: {error}"
    return ""


def first_difference(before: bytes, after: bytes) -> str:
    at = mismatch(before, after)
    return f"at byte {at}: {before[max(0, at - 20) : at + 30]!r} became {after[max(0, at - 20) : at + 30]!r}"


def mismatch(first: bytes, second: bytes) -> int:
    """Where two byte strings first differ (the shorter one's length when one starts the other)."""
    return next(
        (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), min(len(first), len(second))
    )
