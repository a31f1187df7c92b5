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


class DecodeError(Exception):
    """The bytes are not text in the expected encoding; the message says where and what to do."""


class BinaryFile(DecodeError):
    """The bytes look like a binary file, not text."""


def decode(data: bytes, encoding: str | None = None) -> Document:
    """Decode bytes into a Document; a byte-order mark wins over `encoding` (default UTF-8)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Document(_decode(data[len(bom) :], name, len(bom)), name, bom=True)
    if b"\x00" in data[:8192]:
        raise BinaryFile("looks like a binary file (it contains NUL bytes); skipped")
    name = codecs.lookup(encoding).name if encoding else "utf-8"
    return Document(_decode(data, name, 0), name, bom=False)


def encode(document: Document, text: str) -> bytes:
    """Encode `text` the way `document` was stored: same encoding, and the BOM if it had one."""
    prefix = _BOM_OF.get(document.encoding, b"") if document.bom else b""
    return prefix + text.encode(document.encoding)


def _decode(data: bytes, encoding: str, offset: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        label = "UTF-8" if encoding == "utf-8" else encoding
        line, column = _position(data[: error.start], encoding)
        raise DecodeError(
            f"{line}:{column}: not valid {label} at byte {error.start + offset} (0x{data[error.start]:02X})"
        ) from None


def _position(valid: bytes, encoding: str) -> tuple[int, int]:
    """The 1-based line and column just after the bytes that decoded cleanly."""
    text = valid.decode(encoding, errors="replace")
    return LineIndex(text).position(len(text))
