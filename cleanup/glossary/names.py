"""Names: which spelling flags are about spelling, and which are about names the glossary does not know.

Translated analyses are full of transliterated names (Deir ez-Zor, Hashd, al-Qaim, Sahih al-Bukhari)
that no English dictionary holds. A spell checker calls each a misspelling, every time, with
suggestions that would change the name (`Hurairah` → `Hurrah`). Here a spelling flag is:
- dropped, when the word is a glossary form or name (possessive included: `ISIS's`, `Rasool’s`), or
  a glossary variant (a variant still in the text was kept on purpose: rejected, allowed, a mention);
- turned into one `name` note per distinct name per document when the word looks like a name: it is
  capitalised inside a sentence, or written capitalised inside a sentence elsewhere in the document,
  or starts a longer name (`Sahih al-Bukhari` at a sentence start), or carries a mark of
  transliteration (an Arabic article or particle `al-`, `ez-`, `Abu`, `Ibn`, `bin` before it, an
  ʿayn/hamza or apostrophe inside it, an `-allah`/`-ullah`/`-uddin` ending), or is the `ibn`/`bin` of
  a name (`Anas ibn Malik`); capitals on a title-case line (`Recomended Reading For The Week`) are no
  evidence, since every word has one there;
- kept as a spelling flag otherwise (`Accoding to` at a sentence start is a misspelling), and so is a
  word that is two words run together (`Thepeople`, with `The people` its suggestion: see `runon`)
  or a capitalised English word at a sentence start (`Meanwhile`).
A name is noted whole: the particles, articles, ʿayn and name words around the flagged words join it
(`Umar bin Al-Khattab`, `Abd al-Rahman al-Hamdani`). Arabic terms used as English words (`Zakat`)
never reach here: the checker is given them as words (see `loanwords`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace

import regex

from ..lazyregex import lazy_compile
from ..model import Flag, Severity
from ..words.capitals import mid_sentence_capitals, title_case_line
from ..words.marks import APOSTROPHES
from ..words.sentences import starts_sentence
from . import runon
from .matcher import ARABIC_PARTICLES
from .name_keys import fold_keys
from .suggestions import other_words

NAME_RULE = "NM001"
NAME_REASON = "a name the glossary does not know"
NAME_DOC = (
    "one note per distinct unknown name (a word the spell checker does not know, written as a name), the "
    'name whole, in category `name`: by default (`name-notes = "alike"`) only a name spelled like another '
    "name of the article or the glossary (`Rasoul` beside `Rasool`), with `all` every unknown name; never a "
    "suggestion, since a name is never corrected"
)
NAME_WHY = (
    "One person or place spelled two ways reads as two; the editor decides which spelling is the house's and "
    "puts it in the glossary, or adds a right name to `names:` so it is known from then on."
)
NAME_CATEGORY = "name"
SPELLING_CATEGORIES = frozenset({"Spelling", "TYPOS"})
INNER_MARKS = APOSTROPHES  # an ʿayn, hamza or apostrophe inside a word marks a transliteration
# Words that introduce a name: "Abu Hurairah", "Ibn Kathir", "Umm Qasr", "Sheikh Ahmed".
NAME_INTRODUCERS = frozenset("abu ibn bin bint ben umm abd abdul abdel sheikh shaykh imam sayyid".split())
# The lowercase particle inside a name, between two capitalised words: "Anas ibn Malik", "Fatima bint Asad".
NAME_LINKS = frozenset({"ibn", "bin", "bint"})
# Words that join the name beside them, on either side: "Abu Bakr", "Umar bin al-Khattab", "Adel Abdul Mahdi".
NAME_PARTICLES = frozenset("bin ibn bint ben abu abi abd abdul abdel abdur umm um ul bu albu banu bani".split())
Dictionary = Callable[[Collection[str]], frozenset[str]]  # which of these words are English words, as written
_WORD_BEFORE = lazy_compile(r"(\p{L}+)[ \t]+\Z")
_ARTICLE_NAME_AFTER = lazy_compile(r"[ \t]+(?:al|el|ad|ar|as|ash|at|az|ez|an|ibn|bin|abu)[\-‐‑]\p{Lu}\p{Ll}")
_CAPITAL_AFTER_NAME = lazy_compile(r"[ \t]+\p{Lu}\p{Ll}")
_CAPITAL_BEFORE = lazy_compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*[ \t]+\Z")
_NAME_ENDING = lazy_compile(
    r"(?:[au]llah|ollah|[ue]ddin|iddin)\Z", regex.IGNORECASE
)  # Nasrallah, Saifullah, Nasiruddin
_PARTICLE_BEFORE = lazy_compile(r"(?<![\p{L}\p{M}])(\p{Ll}{1,4})[-‐‑]\Z")
_POSSESSIVE = lazy_compile(r"['’‘ʼ]s\Z")
_LETTERS = lazy_compile(r"[\p{L}\p{M}\p{N}]+")
_MARKS_APART = str.maketrans({mark: " " for mark in INNER_MARKS})  # ʿ and ʾ are letters to Unicode
# Between two parts of one name: a space or hyphen, perhaps with an article ("Deir ez-Zor", "Masih-ad-Dajjal").
_NAME_GAP = lazy_compile(r"[ \t\-‐‑]*(?:\p{L}{1,4}[\-‐‑])?[ \t\-‐‑]*")


def looks_like_name(text: str, start: int, end: int, capitalised: frozenset[str]) -> bool:
    """Whether the word at [start, end) reads as a transliterated name (see the module's rules)."""
    word = text[start:end]
    if not word:
        return False
    if _transliteration_marked(text, start, end):
        return True
    return word[0].isupper() and _capital_of_a_name(text, start, end, capitalised)


def _capital_of_a_name(text: str, start: int, end: int, capitalised: frozenset[str]) -> bool:
    """Whether a capitalised word's capital marks a name: it is written so inside a sentence (here or
    elsewhere), or another capitalised word follows it (`Deir Ezzor`); neither counts on a title line."""
    if text[start:end] in capitalised:
        return True
    if title_case_line(text, start):
        return False
    return not starts_sentence(text, start) or bool(_CAPITAL_AFTER_NAME.match(text, end))


def _transliteration_marked(text: str, start: int, end: int) -> bool:
    """Whether the word carries a mark of an Arabic name, whatever its capitals (see the module's rules)."""
    word = text[start:end]
    capital = word[0].isupper()
    if any(mark in word[1:-1] for mark in INNER_MARKS) or (capital and _NAME_ENDING.search(word)):
        return True
    if word in NAME_LINKS and _CAPITAL_BEFORE.search(text, max(0, start - 40), start):
        return bool(_CAPITAL_AFTER_NAME.match(text, end))  # "Anas ibn Malik"
    particle = _PARTICLE_BEFORE.search(text, max(0, start - 6), start)
    if particle and particle.group(1) in ARABIC_PARTICLES:
        return True
    if word.lower() in ARABIC_PARTICLES and text[end : end + 1] in "-‐‑" and text[end + 1 : end + 2].isupper():
        return True  # the article of a name: "ez" in "Deir ez-Zor"
    if capital and _ARTICLE_NAME_AFTER.match(text, end):
        return True  # the first word of a longer name, even at a sentence start: "Sahih al-Bukhari"
    before = _WORD_BEFORE.search(text, max(0, start - 12), start)
    return bool(before and before.group(1).lower() in NAME_INTRODUCERS and capital)


def respellable(word: str) -> bool:
    """Whether a spelling suggestion may replace `word` automatically: only when it is in lowercase (a
    capitalised word may be a name no dictionary holds, at a sentence start too: `Hurairah` is not `Hurrah`)."""
    return word.islower()


def known_spelling(word: str, known: frozenset[str]) -> bool:
    """Whether a flagged word is a glossary word, possibly with a possessive ending, or written with
    another apostrophe (`Da`esh` for the variant `Da'esh`: glossary words are kept apart at marks)."""
    bare = _POSSESSIVE.sub("", word)
    return (
        bare in known or word in known or all(part in known for part in _LETTERS.findall(bare.translate(_MARKS_APART)))
    )


def sort_spelling_flags(
    flags: Iterable[Flag],
    text: str,
    known: frozenset[str],
    dictionary: Dictionary | None = None,
    every_name: bool = False,
) -> list[Flag]:
    """The checker's flags with spelling flags on known words dropped, those on two words run together
    given the split as their suggestion, and those on names turned into one `name` note per distinct
    name, the name whole; every other flag as it was. `dictionary` says which words are English."""
    kept: list[Flag] = []
    spelling: list[Flag] = []
    for flag in sorted(flags, key=lambda f: (f.start, f.end)):
        if flag.category not in SPELLING_CATEGORIES:
            kept.append(flag)
        elif not known_spelling(text[flag.start : flag.end], known):
            spelling.append(flag)
    if spelling:
        words = _Words(text, spelling, known, dictionary)
        kept += _sorted_spelling(spelling, text, words, every_name)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))


class _Words:
    """What a document's spelling flags need to know of words: which are English (those the document
    writes and the checker let pass, and one dictionary lookup for the rest), and which the document
    writes on their own."""

    def __init__(self, text: str, flags: Sequence[Flag], known: frozenset[str], dictionary: Dictionary | None):
        self.written = frozenset(_distinct(_LETTERS_ONLY, text) | _distinct(_MARKED_WORD, text))
        self.known = known
        self.standalone = self.written | frozenset(word.lower() for word in self.written) | known
        asked: set[str] = set()
        for flag in flags:
            word = text[flag.start : flag.end]
            parts = runon.parts_to_ask(word, self.standalone)
            asked.update(piece for part in parts for piece in _LETTERS_ONLY.findall(part))
            if word[:1].isupper() and starts_sentence(text, flag.start):
                asked.add(word.lower())
            before = _NAME_WORD_THEN_PARTICLE.findall(text, max(0, flag.start - _NEAR), flag.start)
            asked.update(word.lower() for word in before)
        # A word the document writes that the checker did not flag is a word; only the rest are looked up.
        flagged = {text[flag.start : flag.end] for flag in flags}
        unflagged = self.written.difference(flagged)
        looked_up = dictionary(asked.difference(self.written)) if dictionary else frozenset()
        self.known = known
        self.english = known | unflagged | looked_up

    def is_word(self, word: str) -> bool:
        """Whether `word` is English or a glossary word; one with marks inside when all its pieces are (`rak`at`)."""
        return word in self.english or all(piece in self.english for piece in _LETTERS_ONLY.findall(word))

    def in_names(self, word: str) -> bool:
        """Whether a capitalised word may be part of a name: no function word, and a glossary word or
        loanword (`Sahih al-Bukhari`) or no English word (`Ahmed`, not `Sheikh`)."""
        lowercase = word.lower()
        return lowercase not in runon.FUNCTION_WORDS and (word in self.known or not self.is_word(lowercase))


_LETTERS_ONLY = lazy_compile(r"[\p{L}\p{M}]+")
_MARKED_WORD = lazy_compile(rf"[\p{{L}}\p{{M}}]+(?:[{APOSTROPHES}][\p{{L}}\p{{M}}]+)+")
# A capitalised word before a particle or an article, which a name before it may take in (`Ahmed al-`).
_NAME_WORD_THEN_PARTICLE = lazy_compile(r"(\p{Lu}[\p{L}\p{M}]*)[ \t]+(?=[ʿʾ`'’]?\p{L}{1,5}(?:[ \t]|[-‐‑]))")
_NEAR = 40  # characters before a flagged word where the rest of its name may be written
_BLOCK = 1 << 16  # characters of text whose words are listed at once


def _distinct(words: regex.Pattern, text: str) -> set[str]:
    """The distinct matches of `words` (a pattern that never spans a line break), found a block of lines at a
    time: a list of every word of a long text would hold a string per word (70 MB at a million words)."""
    found: set[str] = set()
    start = 0
    while start < len(text):
        end = text.find("\n", start + _BLOCK)
        end = len(text) if end < 0 else end
        found.update(words.findall(text, start, end))
        start = end
    return found


def _sorted_spelling(flags: Sequence[Flag], text: str, words: _Words, every_name: bool) -> list[Flag]:
    """Spelling flags as run-together words, spelling flags, or `name` notes (one per distinct name)."""
    capitalised: frozenset[str] | None = None
    kept: list[Flag] = []
    spans: list[tuple[int, int]] = []  # the names found, parts of one name joined ("Deir ez-Zor")
    run_together: dict[int, int] = {}  # where words run together start, and where their first word ends
    for flag in flags:
        word = text[flag.start : flag.end]
        two = runon.split(word, words.is_word, words.standalone)
        if two is not None:
            kept.append(run_together_flag(flag, word, two))
            run_together[flag.start] = flag.start + two.index(" ")
            continue
        if capitalised is None:
            capitalised = mid_sentence_capitals(text)
        if _ordinary_capital(text, flag.start, word, words) or not (
            looks_like_name(text, flag.start, flag.end, capitalised) or other_words(word, flag.suggestions)
        ):
            kept.append(flag)
            continue
        end = flag.start + len(_POSSESSIVE.sub("", word))
        if spans and _NAME_GAP.fullmatch(text, spans[-1][1], flag.start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((flag.start, end))
    return kept + _name_notes(text, _whole_names(text, spans, words, run_together), words.known, every_name)


def _name_notes(text: str, spans: Sequence[tuple[int, int]], known: frozenset[str], every_name: bool) -> list[Flag]:
    """One note per distinct name that may be another spelling of a name of the document or of the
    glossary (`Rasoul` beside `Rasool`): the names an editor must make consistent. Every other unknown
    name is noted only with `every_name` (`cleanup glossary names` lists them across an archive)."""
    in_longer = {word for start, end in spans for word in _list_words(text[start:end]) if " " in text[start:end]}
    named: dict[str, tuple[int, int]] = {}
    for start, end in spans:
        name = text[start:end]
        if name not in named and not (" " not in name and set(_list_words(name)) <= in_longer):
            named[name] = (start, end)
    alike = spelled_alike(list(named), known)
    return [
        name_flag(start, end, name, alike.get(name, ""))
        for name, (start, end) in named.items()
        if every_name or name in alike
    ]


def spelled_alike(names: Sequence[str], known: frozenset[str]) -> dict[str, str]:
    """For each of `names` with a word that reads like another spelling of a word of another name here or of
    the glossary (the same sounds written otherwise, as `glossary suggest` tells them), that spelling."""
    spellings: dict[str, set[str]] = {}  # a sound key -> the words written for it
    for word in {w for name in names for w in _name_words(name)} | _glossary_words(known):
        for key in fold_keys(word):
            spellings.setdefault(key, set()).add(word)
    alike = {}
    for name in names:
        for word in _name_words(name):
            others = {
                other
                for key in fold_keys(word)
                for other in spellings.get(key, ())
                if other.casefold() != word.casefold()
            }
            if others:
                alike[name] = min(others)
                break
    return alike


def _name_words(name: str) -> list[str]:
    """The words of a name that carry it: not its particles and articles, three letters or more."""
    return [w for w in _list_words(name) if len(w) >= 3 and w.lower() not in ARABIC_PARTICLES | NAME_PARTICLES]


_GLOSSARY_WORDS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _glossary_words(known: frozenset[str]) -> frozenset[str]:
    """The capitalised words of the glossary's forms and names (asked once per glossary)."""
    cached = _GLOSSARY_WORDS.get(id(known))
    if cached is None or cached[0] is not known:
        cached = (known, frozenset(w for w in known if w[:1].isupper() and not w.isupper() and len(w) >= 3))
        _GLOSSARY_WORDS.clear()
        _GLOSSARY_WORDS[id(known)] = cached
    return cached[1]


def _list_words(name: str) -> list[str]:
    """The words of a name as the glossary keeps them apart (at marks, hyphens and spaces)."""
    return _LETTERS.findall(name.translate(_MARKS_APART))


def _ordinary_capital(text: str, start: int, word: str, words: _Words) -> bool:
    """Whether a capitalised word starts a sentence and is an English word in lowercase (`Meanwhile`),
    or one the document writes in lowercase (`Afterwards`, a British spelling an American dictionary
    lacks): its capital is the sentence's, not a name's."""
    if not (word[:1].isupper() and starts_sentence(text, start)):
        return False
    lowercase = word.lower()
    return lowercase in words.written or words.is_word(lowercase)


def run_together_flag(flag: Flag, word: str, two: str) -> Flag:
    """The spelling flag on two words run together, with the space put back as its one suggestion."""
    return replace(flag, message=f"“{word}” runs two words together: “{two}”", suggestions=(two,))


# A name's neighbours: an article joined by a hyphen before it ("al-" of "al-Khattab"), a word before
# it, a particle and the word after it (" bin Malik"), an article and the word after it (" al-Iraqi").
_HYPHEN_PARTICLE_BEFORE = lazy_compile(r"(?<![\p{L}\p{M}])(\p{L}{1,5})[-‐‑]\Z")
_WORD_BEFORE_NAME = lazy_compile(
    r"(?<![\p{L}\p{M}'’‘ʼʿʾ`])[ʿʾ`'’]?(\p{L}[\p{L}\p{M}]*(?:['’ʿʾ`](?!s[ \t])[\p{L}\p{M}]*)*)[ \t]+\Z"
)
# An ʿayn before a name (`ʿUmar`, `\`Abdullah`); an apostrophe only after a word, a sentence or an article's
# hyphen (`Narrated 'Umar`, `Al-'Aqaba`), not where it opens a quotation (`said, 'Umar`).
_AYN_BEFORE = lazy_compile(r"(?:(?<![\p{L}\p{M}])[ʿʾ`]|(?<=[\p{L}.;][ \t]+|[-‐‑])['’])\Z")
# A name word: capitalised, perhaps after an ʿayn, with ʿayn or hamza marks inside (`Saʿid`, `Al-ʿAwwam`), not
# taking a possessive ending.
_NAME_WORD_AFTER = rf"[ʿʾ`'’]?\p{{Lu}}[\p{{L}}\p{{M}}]*(?:[{APOSTROPHES}](?!s(?![\p{{L}}\p{{M}}]))[\p{{L}}\p{{M}}]+)*(?![\p{{L}}\p{{M}}])"
_PARTICLE_AND_NAME_AFTER = lazy_compile(rf"[ \t]+(\p{{L}}+)[ \t]+(?:\p{{L}}{{1,5}}[-‐‑])?{_NAME_WORD_AFTER}")
_ARTICLE_AND_NAME_AFTER = lazy_compile(rf"[ \t]+(\p{{L}}{{1,5}})[-‐‑]{_NAME_WORD_AFTER}")
_LAST_WORD = lazy_compile(r"(\p{L}+)\Z")
_NAME_AFTER = lazy_compile(rf"[ \t]+(?:\p{{L}}{{1,5}}[-‐‑])?{_NAME_WORD_AFTER}")


_QUOTES = "'’"


def _whole_names(
    text: str, spans: Sequence[tuple[int, int]], words: _Words, run_together: dict[int, int]
) -> list[tuple[int, int]]:
    """Each name widened to the particles and name words around it (`Rahman al-Hamdani` → `Abd
    al-Rahman al-Hamdani`, `Khattab` → `Umar bin al-Khattab`); names that come to overlap are one."""
    whole: list[tuple[int, int]] = []
    starts = sorted(run_together)
    for start, end in spans:
        start, end = _front_of_name(text, start, words, starts), _back_of_name(text, end, starts, run_together)
        if text[start] in _QUOTES and text[end : end + 1] in _QUOTES:
            start += 1  # a name in quotation marks (`put in 'Al-Harra'`): the mark before it is no ʿayn
        if whole and start <= whole[-1][1]:
            whole[-1] = (whole[-1][0], max(end, whole[-1][1]))
        else:
            whole.append((start, end))
    return whole


def _front_of_name(text: str, start: int, words: _Words, run_together: Sequence[int]) -> int:
    """Where a name begins: before its ʿayn, the articles and particles in front of it (`al-`, `bin`, `Abu`),
    and a name word in front of a particle (`Umar` in `Umar bin`), but never an English word (`Sheikh`)."""
    after_particle = False
    while True:
        ayn = _AYN_BEFORE.search(text, max(0, start - _NEAR), start)
        if ayn:
            start = ayn.start()
        article = _HYPHEN_PARTICLE_BEFORE.search(text, max(0, start - 6), start)
        if article and article.group(1).lower() in ARABIC_PARTICLES:
            start, after_particle = article.start(), True
            continue
        before = _WORD_BEFORE_NAME.search(text, max(0, start - _NEAR), start)
        if before is None:
            return start
        word = before.group(1)
        if word.lower() in NAME_PARTICLES:
            start, after_particle = before.start(), True
        elif (
            after_particle
            and len(word) > 1
            and word[0].isupper()
            and words.in_names(word)
            and not _starts_at(run_together, before.start(1))
        ):
            start, after_particle = before.start(), False
        else:
            return start


def _starts_at(starts: Sequence[int], position: int) -> bool:
    """Whether the sorted `starts` hold `position`."""
    index = bisect.bisect_left(starts, position)
    return index < len(starts) and starts[index] == position


def _back_of_name(text: str, end: int, run_together: Sequence[int], first_words: dict[int, int]) -> int:
    """Where a name ends: after a particle and the name word after it (`bin Malik`, `Abdul Mahdi`), or an
    article and its name word (`al-Iraqi`); a name that ends in a particle takes the word after it (`Ibn ʿUmar`),
    only the first of two words run together (`Ibn ʿUmar` of `Ibn ʿUmaradded`); no name goes on past one."""

    def takes(found: regex.Match | None) -> bool:
        return found is not None and bisect.bisect_right(run_together, found.start()) == bisect.bisect_right(
            run_together, found.end() - 1
        )

    last = _LAST_WORD.search(text, max(0, end - 6), end)
    if last and last.group(1).lower() in NAME_PARTICLES:
        after = _NAME_AFTER.match(text, end)
        if after and takes(after):
            end = after.end()
        elif after:
            index = bisect.bisect_right(run_together, after.start())
            return first_words[run_together[index]] if index < len(run_together) else end
    while True:
        linked = _PARTICLE_AND_NAME_AFTER.match(text, end)
        if linked and linked.group(1).lower() in NAME_PARTICLES and takes(linked):
            end = linked.end()
            continue
        article = _ARTICLE_AND_NAME_AFTER.match(text, end)
        if article and article.group(1).lower() in ARABIC_PARTICLES and takes(article):
            end = article.end()
            continue
        return end


def name_flag(start: int, end: int, name: str, like: str = "") -> Flag:
    """The note that a name is not in the glossary, and may be another spelling of `like` (no suggestions:
    which spelling is right is the editor's call)."""
    message = (
        f"unknown name “{name}”, spelled like “{like}”: if they are one name, put the spelling to use in the "
        "glossary (the other as its variant); if not, add it to `names:`"
        if like
        else f"unknown name “{name}”: add it to `names:` if it is right"
    )
    return Flag(start, end, NAME_RULE, message, (), NAME_CATEGORY, Severity.NOTE)


# A name as written: capitalised words joined by spaces or hyphens, each perhaps after an Arabic article
# (`Deir ez-Zor`, `Sahih al-Bukhari`, `Abu Hurairah`, `Anas ibn Malik`).
_NAME_PHRASE = lazy_compile(
    r"(?<![\p{L}\p{M}'’‘ʼʿʾ`\-])(?:\p{Ll}{1,4}[\-‐‑])?\p{Lu}[\p{L}\p{M}'’‘ʼʿʾ`]*"
    r"(?:(?:[ \t]+(?:(?:ibn|bin|bint)[ \t]+)?|[\-‐‑])(?:\p{Ll}{1,4}[\-‐‑])?\p{Lu}[\p{L}\p{M}'’‘ʼʿʾ`]*)*"
)
_NAME_WORD = lazy_compile(r"\p{Lu}[\p{L}\p{M}'’‘ʼʿʾ`]*")


def unknown_names(text: str, known: frozenset[str], is_english_word) -> Sequence[tuple[str, int]]:
    """(name, offset) of every name in `text` that has a word neither in the glossary nor in English and
    that looks like a name: what `cleanup glossary names` lists. English words at its ends are cut off
    (`The Hashd` is the name `Hashd`), and so are known words after its last unknown one; two words run
    together (`Thepeople`) are no name."""
    capitalised = mid_sentence_capitals(text)
    written = _LETTERS_ONLY.findall(text) + _MARKED_WORD.findall(text)
    standalone = frozenset(written) | frozenset(word.lower() for word in written) | known
    found = []
    for match in _NAME_PHRASE.finditer(text):
        words = list(_NAME_WORD.finditer(text, match.start(), match.end()))
        unknown = [
            w
            for w in words
            if not _ordinary(_POSSESSIVE.sub("", w.group()), known, is_english_word)
            and runon.split(w.group(), is_english_word, standalone) is None
        ]
        if not unknown or not any(looks_like_name(text, w.start(), w.end(), capitalised) for w in unknown):
            continue
        start = _name_start(text, match.start(), words, is_english_word)
        found.append((_POSSESSIVE.sub("", text[start : unknown[-1].end()]), start))
    return found


def _ordinary(word: str, known: frozenset[str], is_english_word) -> bool:
    return known_spelling(word, known) or is_english_word(word.lower()) or is_english_word(word)


def _name_start(text: str, start: int, words: list, is_english_word) -> int:
    """Where the name begins once ordinary English words at its front are cut off (`The Hashd`)."""
    for word in words:
        if not is_english_word(word.group().lower()) or text[start : word.start()].strip(" \t"):
            return start
        start = word.end()
        while start < len(text) and text[start] in " \t":
            start += 1
    return start
