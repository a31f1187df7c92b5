"""Run-together words: two words a translation lost the space between (`Thepeople`, `Isaid`, `ofAllah`).

A spell checker flags them, and capitalised they read like names; they are typos whose fix is the
space. A flagged word is two words when it splits into a head and a tail that are both words, and
one of them is a common function word (`The|people`, `Sufyan|and`), or the tail is a capitalised
word glued to a lowercase end (`of|Allah`, `The|Prophet`) or an ʿayn-marked name glued to a word
(`except|ʿAbdullah`). Names must never split (`Hisham` is not `His ham`, `Anas` not `An as`), so a
tail that is not a function word must also stand alone elsewhere in the document, as must a head
that is no function word; short parts are held to stricter tests (`Iman`, `Asad`), and capitalised
function words that begin names (`Is`, `At`, `His`) take only function words (`Ismat`, `Atwan`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..words.marks import APOSTROPHES

# Words a sentence is built on: a run-together word is nearly always one of them glued to its neighbour.
FUNCTION_WORDS = frozenset(
    """a an the i o he she we they you it his her its our their my your him them me us
    of to in on at by for from with about into upon over under after before since because while until
    and or but nor so then than that this these those there here who whom whose which what when where
    why how is was were are be been has have had do does did not no as if some any all each every
    one two will would shall should can could may might must said anyone anything everyone everything
    someone something nothing""".split()
)
# Function words that begin names when capitalised (`His|ham`, `Is|mat`, `Has|hem`, `At|wan`, `As|mar`): a
# capitalised one runs into a lowercase word only when that word is a function word too (`Has|every` is lost).
NAME_LIKE_HEADS = frozenset(
    "a an as at so no or if up us me am be do is was were are been has have had does did his her our its your "
    "their my".split()
)
# Two-letter tails that read as a word after a function word of three letters or more (`Who|is`,
# `Some|of`); `an`, `as`, `at` are left out: `Has|an` is the name Hasan.
SHORT_TAILS = frozenset({"is", "am", "of", "to", "in"})
# What `I` runs into (`Isaw`) among three-letter tails; any longer word also (`Isaid`): `Iman`, `Imad` stay.
AFTER_I = frozenset({"am", "saw", "was", "had", "did", "got", "ran", "sat", "ate", "can", "may"})
# Words before `is` that run into it (`Heis`, `Whois`).
BEFORE_IS = frozenset({"he", "she", "it", "who", "what", "that", "this", "there", "here"})
POSSESSIVE = tuple(mark + "s" for mark in APOSTROPHES)
MIN_TAIL = 3  # letters of a tail that is not in SHORT_TAILS
MIN_TAIL_AFTER_THE = 4  # `Thepeople` splits even when the text writes `people` nowhere else
MIN_TAIL_AFTER_LETTER = 4  # after a one-letter head: `Asad` is not `A sad`
MIN_OTHER_TAIL = 4  # a tail that is not a function word, after a head that is not one either
MAX_WORD = 40  # letters of a flagged word beyond which it is not split (two words are shorter)
MIN_NAME_THEN_WORD = 5  # a tail the text need not write alone, after a capitalised head it does write alone


def candidates(word: str) -> Iterator[tuple[str, str]]:
    """Every (head, tail) split of `word` whose cases could be two words' (`The|people`, `of|Allah`,
    `Allah's|Apostle`, `except|ʿAbdullah`); not judged yet. A long word is no two words run together."""
    if len(word) > MAX_WORD:
        return
    for cut in range(1, len(word)):
        head, tail = word[:cut], word[cut:]
        letters = _letters(_bare(tail))
        if not (head[-1].isalpha() or head.endswith(POSSESSIVE)) or not _head_case(head) or not letters.isalpha():
            continue
        if letters.islower() and tail[0].isalpha():
            yield head, tail
        elif letters[0].isupper() and letters[1:].islower() and (head[-1].islower() or head in ("I", "O")):
            yield head, tail


def _head_case(head: str) -> bool:
    """Whether `head` is written as a word is, marks of ʿayn and hamza aside: lowercase, capitalised, a
    possessive, or the pronoun `I` or the vocative `O` (a capital `A` is left out: `Asad` is a name)."""
    letters = _letters(_bare(head))
    if not letters.isalpha():
        return False
    return (
        (letters.islower() and (len(letters) > 1 or letters == "a"))
        or letters in ("I", "O")
        or (len(letters) > 1 and letters[0].isupper() and letters[1:].islower())
    )


def parts_to_ask(word: str, standalone: frozenset[str]) -> set[str]:
    """The parts of `word` that a dictionary must judge for `split` (so that one lookup serves them all):
    those the tests on case, length and the document leave open."""
    asked: set[str] = set()

    def ask(part: str) -> bool:
        asked.add(part)
        return True

    for head, tail in candidates(word):
        _two_words(head, tail, ask, standalone)
    return asked


def split(word: str, is_word: Callable[[str], bool], standalone: frozenset[str]) -> str | None:
    """`word` with the space put back (`The people`), or None when it is not two words. `is_word` says
    whether a part is an English word (as written); `standalone` holds the document's words, as written
    and in lowercase."""
    for head, tail in candidates(word):
        if _two_words(head, tail, is_word, standalone):
            return f"{head} {tail}"
    return None


def _two_words(head: str, tail: str, is_word: Callable[[str], bool], standalone: frozenset[str]) -> bool:
    bare_head, bare_tail = _bare(head), _bare(tail)
    tail_function = bare_tail == tail and tail in FUNCTION_WORDS
    if head.lower() in FUNCTION_WORDS:
        return _after_function_word(head, bare_tail, tail_function, is_word, standalone)
    if bare_head.lower() not in standalone:  # a name's first part is seldom a word of its own: `Hath|away`
        return False
    if tail_function:
        return len(tail) >= MIN_TAIL
    if bare_tail != tail or bare_tail[0].isupper():  # `Allah's|Apostle`, `except|ʿAbdullah`
        return is_word(bare_head) and (is_word(bare_tail) or bare_tail.lower() in standalone)
    if len(tail) >= MIN_NAME_THEN_WORD and bare_head[0].isupper():  # a name of the text, then a word: `ʿUmar|formerly`
        return is_word(tail)
    return len(tail) >= MIN_OTHER_TAIL and is_word(tail) and tail in standalone


def _after_function_word(
    head: str, tail: str, tail_function: bool, is_word: Callable[[str], bool], standalone: frozenset[str]
) -> bool:
    """Whether `tail` is a word after the function word `head` (`The|people`, `Who|is`, `I|saw`, `of|Allah`)."""
    if head[0].isupper() and head.lower() in NAME_LIKE_HEADS and tail.islower() and not tail_function:
        return False
    head = head.lower()
    if head == "i" and tail.islower():  # `Isaid`, `Iam`, `Irequested`: a short tail must be a verb it takes
        return tail in AFTER_I if len(tail) < MIN_TAIL_AFTER_LETTER else is_word(tail)
    if len(tail) < MIN_TAIL:
        return tail in SHORT_TAILS and (len(head) >= MIN_TAIL or tail == "is" and head in BEFORE_IS)
    if len(head) == 1 and len(tail) < MIN_TAIL_AFTER_LETTER:
        return False
    if head in ("a", "an") and (tail[0].lower() in "aeiou") != (head == "an"):
        return False  # `Anwar` is not `An war`
    if tail_function:
        return True
    if tail[0].isupper():  # `ofAllah`, `TheProphet`: the glued capital is evidence itself
        return is_word(tail) or tail in standalone
    if head == "the" and len(tail) >= MIN_TAIL_AFTER_THE:  # no name starts with `The` and a word: `Thepeople`
        return is_word(tail)
    return is_word(tail) and tail in standalone


def _letters(part: str) -> str:
    """A part without the marks of ʿayn and hamza inside it (`Ka`ba` → `Kaba`)."""
    return part.translate(_NO_MARKS)


_NO_MARKS = str.maketrans("", "", APOSTROPHES)


def _bare(part: str) -> str:
    """A part without its possessive ending or a leading ʿayn mark."""
    if part.endswith(POSSESSIVE):
        part = part[:-2]
    return part[1:] if part[:1] in APOSTROPHES else part
