"""Offsets and LSP positions: lines end at CRLF, LF or CR; characters count in the agreed code units."""

from hypothesis import given
from hypothesis import strategies as st
from lsprotocol.types import Position, PositionEncodingKind

from cleanup.lsp.positions import Positions

TEXT = "a\U0001f642b\r\né\rc\n\U0001f642"


def test_an_astral_character_is_two_utf16_units_four_utf8_bytes_one_utf32_character():
    at_b = TEXT.index("b")
    assert Positions(TEXT).position(at_b) == Position(0, 3)
    assert Positions(TEXT, PositionEncodingKind.Utf32).position(at_b) == Position(0, 2)
    assert Positions(TEXT, PositionEncodingKind.Utf8).position(at_b) == Position(0, 5)


def test_lines_end_at_crlf_lf_and_cr():
    positions = Positions(TEXT)
    assert positions.position(TEXT.index("é")) == Position(1, 0)
    assert positions.position(TEXT.index("c")) == Position(2, 0)
    assert positions.offset(Position(1, 99)) == TEXT.index("\rc")  # past a line's end: its end
    assert positions.offset(Position(9, 0)) == len(TEXT)


@given(st.text(alphabet="ab\n\r\U0001f642é ", max_size=30), st.sampled_from(list(PositionEncodingKind)))
def test_every_offset_comes_back(text, encoding):
    positions = Positions(text, encoding)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # between CR and LF: no position
        assert positions.offset(positions.position(offset)) == offset
