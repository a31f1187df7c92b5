"""Capitals that say a word is a name: written so inside a sentence, not on a title-case line."""

from __future__ import annotations

from ..lazyregex import lazy_compile
from .sentences import starts_sentence

# A capitalised word, perhaps after an ʿayn or apostrophe that starts it (`the hadith of 'Aishah`).
_CAPITALISED_AFTER_AYN = lazy_compile(r"(?<![\p{L}\p{M}'’‘ʼʿʾ`])[ʿʾ`'’‘]?(?P<word>\p{Lu}[\p{L}\p{M}'’‘ʼʿʾ`]*\p{L})")
_TITLE_WORD = lazy_compile(r"[\p{L}\p{M}'’‘ʼʿʾ`]{4,}")  # shorter words (of, the, and) stay lowercase in titles
_TITLE_MIN_WORDS = 3
_TITLE_MAX_LINE = 200  # characters; a longer line is prose


def title_case_line(text: str, pos: int) -> bool:
    """Whether `pos` lies on a short line whose every word of four letters or more is capitalised (a
    title or heading), where a capital says nothing about a word being a name."""
    low, high = max(0, pos - _TITLE_MAX_LINE), min(len(text), pos + _TITLE_MAX_LINE)
    start = max(text.rfind("\n", low, pos), text.rfind("\r", low, pos)) + 1
    ends = [i for i in (text.find("\n", pos, high), text.find("\r", pos, high)) if i >= 0]
    end = min(ends) if ends else len(text)
    if (start == 0 and low > 0) or end - start > _TITLE_MAX_LINE:
        return False
    words = _TITLE_WORD.findall(text, start, end)
    return len(words) >= _TITLE_MIN_WORDS and all(word[0].isupper() for word in words)


def mid_sentence_capitals(text: str) -> frozenset[str]:
    """Words written capitalised somewhere inside a sentence of `text`, outside titles (so they are names there)."""
    return frozenset(
        m.group("word")
        for m in _CAPITALISED_AFTER_AYN.finditer(text)
        if not starts_sentence(text, m.start()) and not title_case_line(text, m.start())
    )
