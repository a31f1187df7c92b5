"""Encodings, byte-order marks and line endings survive a round trip; bad bytes give clear errors."""

import codecs
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanup.model import Document, LineIndex
from cleanup.textio import BinaryFile, DecodeError, decode, encode

TEXT = "Daash’s men\r\nقال Rasul\nlast line\rno final newline"


@pytest.mark.parametrize(
    "data, encoding, bom",
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", True),
    ],
)
def test_round_trip_is_byte_identical(data, encoding, bom):
    document = decode(data)
    assert (document.text, document.encoding, document.bom) == (TEXT, encoding, bom)
    assert encode(document, document.text) == data


def test_explicit_encoding_for_files_without_bom():
    data = "Rasul café".encode("cp1252")
    assert decode(data, "cp1252").text == "Rasul café"


def test_invalid_utf8_names_the_byte():
    with pytest.raises(DecodeError, match=r"^1:7: not valid UTF-8 at byte 6 \(0xFF\)$"):
        decode(b"Rasul \xff here")
    with pytest.raises(DecodeError, match=r"^3:2: "):
        decode(b"a\r\n\xc3\xa9\nb\xff")  # line 3, after "b"


def test_invalid_bytes_after_bom_count_the_bom():
    with pytest.raises(DecodeError, match="at byte 4 "):
        decode(codecs.BOM_UTF8 + b"a\xff")


def test_binary_file_is_recognised():
    with pytest.raises(BinaryFile):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_empty_file_is_fine():
    assert decode(b"") == Document("", "utf-8", False)


@pytest.mark.parametrize("text, newline", [("a\r\nb\r\n", "\r\n"), ("a\nb", "\n"), ("a\rb\r", "\r"), ("", "\n")])
def test_dominant_newline(text, newline):
    assert Document(text).newline == newline


def test_line_index_counts_every_kind_of_line_break():
    index = LineIndex("ab\r\ncd\ne\rf")
    assert [index.position(i) for i in (0, 1, 4, 7, 9)] == [(1, 1), (1, 2), (2, 1), (3, 1), (4, 1)]


@given(st.text(alphabet="ab\r\n\u2028", max_size=30))
def test_line_starts_are_where_a_pattern_of_every_line_break_ends(text):
    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert LineIndex(text).starts == expected
