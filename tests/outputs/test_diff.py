"""Word-level differences and file names as git quotes them."""

from cleanup.outputs.diff import Piece, pieces_from_texts, quoted_name


def test_word_pieces_cover_both_texts():
    pieces = pieces_from_texts("The Daash cell , left.", "The ISIS cell, left.")
    assert "".join(p.before for p in pieces) == "The Daash cell , left."
    assert "".join(p.after for p in pieces) == "The ISIS cell, left."
    assert Piece("a", "a").changed is False and Piece("a", "b").changed is True


def test_quoted_names_follow_gits_escapes():
    assert quoted_name("a.txt") == "a.txt"
    assert quoted_name('new\nline "x".txt') == '"new\\nline \\"x\\".txt"'
