"""Bytes to Document and back, keeping encoding, byte-order mark and line endings; no file access."""

from __future__ import annotations

import codecs

from .model import Document, LineIndex

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {name: bom for bom, name in _BOMS}


def leading_bom(data: bytes) -> tuple[bytes, str]:
    """The byte-order mark `data` starts with and the encoding it names, or (b"", "")."""
    return next(((bom, name) for bom, name in _BOMS if data.startswith(bom)), (b"", ""))


class DecodeError(Exception):
    """The bytes are not text in the expected encoding; the message says where and what to do."""


class BinaryFile(DecodeError):
    """The bytes look like a binary file, not text."""


class UnsuitableEncoding(ValueError):
    """An encoding name that is unknown, not a text encoding, or does not give back the same bytes."""


# Codecs that decode text yet may not give the same bytes back (escapes, shift sequences, IDNA rules).
_NOT_ROUND_TRIP = frozenset({"utf-7", "hz", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"})
# Names whose encoder would add a byte-order mark the file did not have: the same bytes without one.
_WITHOUT_BOM = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}
_WIDE = ("utf-16", "utf-32")  # encodings in which NUL bytes are ordinary text


def text_encoding(name: str) -> str:
    """The codec name to read and write files in, or UnsuitableEncoding saying why not and what to do."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UnsuitableEncoding(
            f"unknown encoding {name!r}; use a Python codec name such as utf-8 or cp1256"
        ) from None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_ROUND_TRIP:
        raise UnsuitableEncoding(
            f"encoding {name!r} cannot be used: it does not give back the bytes it read; use a text encoding such as "
            "utf-8, utf-16-le or cp1256"
        )
    return _WITHOUT_BOM.get(info.name, info.name)


def decode(data: bytes, encoding: str | None = None) -> Document:
    """Decode bytes into a Document; a byte-order mark wins over `encoding` (default UTF-8)."""
    bom, name = leading_bom(data)
    if bom:
        return Document(_decode(data[len(bom) :], name, len(bom)), name, bom=True)
    name = text_encoding(encoding) if encoding else "utf-8"
    if b"\x00" in data[:8192] and not name.startswith(_WIDE):
        raise BinaryFile("looks like a binary file (it contains NUL bytes); skipped")
    return Document(_decode(data, name, 0), name, bom=False)


ARABIC_WINDOWS = "cp1256"


def decode_arabic(data: bytes, encoding: str | None = None) -> Document:
    """Decode an Arabic text: a byte-order mark's encoding, else UTF-8 when the bytes are UTF-8, else
    `encoding`, else (none given) Windows Arabic (cp1256) when that reads as Arabic text."""
    try:
        return decode(data)
    except BinaryFile:
        if not encoding or not text_encoding(encoding).startswith(_WIDE):
            raise
    except DecodeError as error:
        if not encoding and not _reads_as_arabic(data.decode(ARABIC_WINDOWS)):  # every byte is a cp1256 character
            raise DecodeError(f"{error}, nor Windows Arabic (cp1256)") from None
    return decode(data, encoding or ARABIC_WINDOWS)


def _reads_as_arabic(text: str) -> bool:
    """Whether nearly every letter outside ASCII is Arabic (ISO-8859-6 read as cp1256 gives à, ç, è)."""
    wide = [char for char in text if not char.isascii() and char.isalpha()]
    arabic = sum("\u0600" <= char <= "\u06ff" for char in wide)
    return bool(wide) and arabic >= 0.95 * len(wide)


def diff_form(document: Document) -> tuple[str, str, str]:
    """How to write a diff `patch` can apply to this document: (encoding of the diff, text before its
    first line (the UTF-8 byte-order mark), and a note for a diff that is for reading only)."""
    if document.encoding.startswith(_WIDE):
        note = (
            f"# For reading only: the article is {document.encoding.upper()}, which patch and git apply cannot "
            "read; this diff is UTF-8. The change log (.changes.json) records every change exactly."
        )
        return "utf-8", "", note
    return document.encoding, "\ufeff" if document.bom else "", ""


def encode(document: Document, text: str) -> bytes:
    """Encode `text` the way `document` was stored: same encoding, and the BOM if it had one."""
    prefix = byte_order_mark(document)
    return prefix + text.encode(document.encoding)


def _decode(data: bytes, encoding: str, offset: int) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        label = "UTF-8" if encoding == "utf-8" else encoding
        line, column = _position(data[: error.start], encoding)
        raise DecodeError(
            f"{line}:{column}: not valid {label} at byte {error.start + offset} (0x{data[error.start]:02X})"
        ) from None
    if text.encode(encoding) != data:  # a codec with several byte forms for one text would rewrite untouched bytes
        raise DecodeError(f"1:1: the text would not be written back byte for byte in {encoding}")
    return text


def _position(valid: bytes, encoding: str) -> tuple[int, int]:
    """The 1-based line and column just after the bytes that decoded cleanly."""
    text = valid.decode(encoding, errors="replace")
    return LineIndex(text).position(len(text))


def byte_order_mark(document: Document) -> bytes:
    """The byte-order mark `encode` writes before the text of `document` (none when it had none)."""
    return _BOM_OF.get(document.encoding, b"") if document.bom else b""


def bytes_by_character(document: Document, texts: list[str]) -> dict[str, bytes] | None:
    """Each character of `texts` in the document's encoding, for a writer that encodes character by
    character (the review page); None when that would not give the bytes `encode` gives (a codec
    with shift states) or a character has no encoding."""
    table: dict[str, bytes] = {}
    try:
        for text in texts:
            for char in set(text) - table.keys():
                table[char] = char.encode(document.encoding)
        if any(b"".join(table[c] for c in text) != text.encode(document.encoding) for text in texts):
            return None
    except UnicodeEncodeError:
        return None
    return table
