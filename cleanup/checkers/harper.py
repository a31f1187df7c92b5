"""Harper, the offline default checker: each paragraph linted on its own, lints turned into flags on the text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from ..lazyregex import lazy_compile
from ..model import Flag, Severity
from ..words.known import WORD
from . import AUTO_DIALECT, DEFAULT_DIALECT, HARPER_OFF_BY_DEFAULT, CheckerError, Span
from .warmup import warmed_linter

# Harper's lint kinds (harper-core's LintKind): the categories `--apply-suggestions` can name.
HARPER_KINDS = frozenset(
    {
        "Agreement",
        "BoundaryError",
        "Capitalization",
        "Eggcorn",
        "Enhancement",
        "Formatting",
        "Grammar",
        "Malapropism",
        "Miscellaneous",
        "Nonstandard",
        "Punctuation",
        "Readability",
        "Redundancy",
        "Regionalism",
        "Repetition",
        "Spelling",
        "Style",
        "Typo",
        "Usage",
        "WordChoice",
        "WordOrder",
    }
)
# Harper lint kinds that are advice on style rather than errors.
NOTE_KINDS = frozenset({"Readability", "Style", "Enhancement"})
_APOSTROPHES_FOR_HARPER = str.maketrans({mark: "'" for mark in "ʿʾʼ`"})
MAX_TOKEN = 1_000  # characters of one word beyond which a paragraph is not given to Harper
_LONG_TOKEN = lazy_compile(rf"\S{{{MAX_TOKEN + 1},}}")
TITLE_CASE_RULE = "UseTitleCase"  # Harper's heading check: on only with the setting `headings = "title"`
# Words Harper's American dictionary calls British verbs that are plural nouns in every dialect.
PLURAL_NOUNS = frozenset({"analyses"})
_LOWERCASE_WORD = lazy_compile(r"(?<![\p{L}\p{M}\p{N}'’\-])\p{Ll}[\p{Ll}\p{M}]+(?![\p{L}\p{M}\p{N}'’\-])")
_WORDS_PER_LINT = 500  # words of the article given to Harper at once to tell its dialect


@dataclass
class HarperChecker:
    """Harper (harper-py), offline; the default. Lints paragraph by paragraph, as its cost grows
    faster than the length of what it is given."""

    words: frozenset[str] = frozenset()
    dialect: str = DEFAULT_DIALECT  # a Harper dialect, or auto: the article's own spelling
    disabled: tuple[str, ...] = HARPER_OFF_BY_DEFAULT
    title_case: bool = False  # Harper's title case for headings (setting `headings = "title"`)
    name: str = field(default="harper", init=False)
    _dictionary: dict[str, bool] = field(default_factory=dict, init=False, repr=False)  # words asked, answered

    def variety(self, text: str) -> str:
        """The dialect `text` is checked in: the one chosen, or with auto the one the text spells in."""
        if self.dialect != AUTO_DIALECT:
            return self.dialect
        _harper_linter("american", self.words, self._disabled())  # the one warmed up: Harper's dictionary loaded
        return spelling_dialect(text, self.words)

    def check(self, text: str, paragraphs: Sequence[Span], markdown: bool) -> list[Flag]:
        dialect = self.variety(text)
        _harper_linter(dialect, self.words, self._disabled())
        language = "markdown" if markdown else "plaintext"
        flags = []
        shared: dict = {}  # one copy of each message, rule id and suggestion list that repeats
        for start, end in paragraphs:
            too_long = _LONG_TOKEN.search(text, start, end)
            if too_long:  # Harper asks for memory by the square of a word's length: one such word kills the process
                flags.append(_not_checked(too_long))
                continue
            # ʿayn, hamza and backtick as a plain apostrophe (same length): Harper must not cut a name at them.
            paragraph = text[start:end].translate(_APOSTROPHES_FOR_HARPER)
            for rule, lints in _recycled(dialect).organized_lints(paragraph, language=language).items():
                if not lints:
                    continue  # Harper lists every rule, most with nothing found
                flags += [_harper_flag(rule, lint, start, shared) for lint in lints]
        return flags

    def _disabled(self) -> tuple[str, ...]:
        """The rules turned off: the configured ones, and title case for headings unless asked for."""
        kept = tuple(rule for rule in self.disabled if rule != TITLE_CASE_RULE)
        return kept if self.title_case else (*kept, TITLE_CASE_RULE)

    def dictionary_words(self, words: Collection[str]) -> frozenset[str]:
        """Which of `words` (as written: `Allah` is one, `allah` not) Harper's dictionary and the glossary's
        words hold; the words not asked before are linted together, one a paragraph."""
        asked = sorted({word for word in words if word not in self._dictionary and WORD.fullmatch(word)})
        if asked:
            _harper_linter(self._dictionary_dialect(), self.words, self._disabled())
            linter = _recycled(self._dictionary_dialect(), len(asked))  # each word a paragraph
            starts, offset = {}, 0
            for word in asked:
                starts[offset] = word
                offset += len(word) + 2
            self._dictionary.update(dict.fromkeys(asked, True))
            for lint in linter.lint("\n\n".join(asked), language="plaintext", dedup=False):
                if lint.lint_kind == "Spelling" and lint.span.start in starts:
                    self._dictionary[starts[lint.span.start]] = False
        return frozenset(word for word in words if self._dictionary.get(word))

    def _dictionary_dialect(self) -> str:
        """The dialect whose dictionary says which words are known: the one chosen, American with auto."""
        return "american" if self.dialect == AUTO_DIALECT else self.dialect


_LAST_SPELLING: list = [None, "", None]  # the last text and words asked about, and the dialect: asked twice a text
# Whether each dialect's dictionary lacks a word, for the words asked so far, under the glossary words they
# were told (`_SPELLINGS_FOR`). Words recur from article to article.
_LACKS: dict[str, dict[str, bool]] = {"american": {}, "british": {}}
_SPELLINGS_FOR: list = [None]


def spelling_dialect(text: str, words: frozenset[str]) -> str:
    """`british` when more of the words `text` writes in lowercase are British spellings Harper's American
    dictionary lacks than American ones its British dictionary lacks (`centre`, `defence` against
    `center`, `defense`), else `american` (Harper's default). Names (capitalised) never count. The
    American spellings are counted only when there are British ones: most articles have none."""
    if _LAST_SPELLING[0] is text and _LAST_SPELLING[2] is words:
        return _LAST_SPELLING[1]
    if _SPELLINGS_FOR[0] is not words:
        for lacks in _LACKS.values():
            lacks.clear()
        _SPELLINGS_FOR[0] = words
    counts = Counter(match.group() for match in _LOWERCASE_WORD.finditer(text))
    british = _written_only_in("british", "american", counts, words)
    found = "british" if british and british > _written_only_in("american", "british", counts, words) else "american"
    _LAST_SPELLING[:] = [text, found, words]
    return found


def _written_only_in(having: str, lacking: str, counts: Counter[str], words: frozenset[str]) -> int:
    """How often `counts` writes words the `lacking` dialect's dictionary lacks and the `having` one holds."""
    lacked = _lacked(lacking, list(counts), words)
    lacked_too = set(_lacked(having, lacked, words))
    return sum(counts[word] for word in lacked if word not in lacked_too)


def _lacked(dialect: str, candidates: list[str], words: frozenset[str]) -> list[str]:
    """The `candidates` that the `dialect`'s dictionary, told the glossary `words`, lacks; each word asked once."""
    lacks = _LACKS[dialect]
    new = [word for word in candidates if word not in lacks]
    if new:
        missing = _misspelled(_speller(dialect, words), new)
        lacks.update((word, word in missing) for word in new)
    return [word for word in candidates if lacks[word]]


def _misspelled(linter, words: list[str]) -> set[str]:
    """The `words` that `linter` flags as misspelled, a few hundred at a time."""
    found: set[str] = set()
    for start in range(0, len(words), _WORDS_PER_LINT):
        listed = " ".join(words[start : start + _WORDS_PER_LINT])
        lints = linter.lint(listed, language="plaintext", dedup=False)
        found.update(lint.problem_text for lint in lints if lint.lint_kind == "Spelling")
    return found


# One Linter per dialect for the whole process: building the first takes half a second to a second
# (Harper's dictionary), each other a few milliseconds.
_LINTERS: dict[str, tuple[Any, frozenset[str] | None, tuple[str, ...]]] = {}  # harper.Linter: an optional import
_SPELLERS: dict[str, tuple[Any, frozenset[str] | None, tuple[str, ...]]] = {}  # only SpellCheck on: to tell dialects
RECYCLE_AFTER = 200  # paragraphs one Linter lints (`_recycled`)
_LINTED: dict[str, int] = {}  # paragraphs the Linter of each dialect has linted


def _harper_linter(dialect: str, words: frozenset[str], disabled: tuple[str, ...]):
    if dialect not in _LINTERS:
        _LINTERS[dialect] = (warmed_linter(dialect) or _new_linter(dialect), None, ())
    return _configured(_LINTERS, dialect, words, disabled)


def _recycled(dialect: str, paragraphs: int = 1):
    """The dialect's Linter to lint `paragraphs` with, and each RECYCLE_AFTER paragraphs a new one configured
    alike in its place: a Linter keeps the lints of the last 1,000 chunks of sentence it read (about 85 KB
    each), which a long text or an archive fills; a new one costs about 15 ms (the dictionary is shared) and
    answers the same."""
    linter, words, disabled = _LINTERS[dialect]
    _LINTED[dialect] = _LINTED.get(dialect, 0) + paragraphs
    if _LINTED[dialect] <= RECYCLE_AFTER:
        return linter
    _LINTED[dialect] = paragraphs
    _LINTERS[dialect] = (_new_linter(dialect), None, ())
    return _configured(_LINTERS, dialect, words or frozenset(), disabled)


def _speller(dialect: str, words: frozenset[str]):
    """A Linter that only checks spelling (a quarter of the cost of one running every rule)."""
    if dialect not in _SPELLERS:
        linter = _new_linter(dialect)
        others = tuple(rule for rule in linter.get_default_lint_config() if rule != "SpellCheck")
        linter.set_lint_config({rule: False for rule in others})
        _SPELLERS[dialect] = (linter, None, others)
    return _configured(_SPELLERS, dialect, words, _SPELLERS[dialect][2])


def _new_linter(dialect: str):
    try:
        from harper import Dialect, Linter
    except ImportError:
        raise CheckerError("Harper is not installed: pip install harper-py (or use --grammar none)") from None
    return Linter(getattr(Dialect, dialect.upper()))


def _configured(linters: dict, dialect: str, words: frozenset[str], disabled: tuple[str, ...]):
    """The Linter kept in `linters` for `dialect`, told `words` and `disabled` when they changed."""
    linter, current_words, current_disabled = linters[dialect]
    if words != current_words:
        linter.clear_words()
        linter.import_words(sorted(words | PLURAL_NOUNS))
    if disabled != current_disabled:
        linter.set_lint_config({rule: False for rule in disabled})
    linters[dialect] = (linter, words, disabled)
    return linter


def _harper_flag(rule: str, lint, offset: int, shared: dict) -> Flag:
    """A lint as a flag; its strings are taken from `shared` when equal ones are already held."""
    suggestions = tuple(dict.fromkeys(_suggested_text(lint, s) for s in lint.suggestions))
    kind = lint.lint_kind
    severity = Severity.NOTE if kind in NOTE_KINDS else Severity.WARNING
    start, end = offset + lint.span.start, offset + lint.span.end
    rule_id, message = f"HP:{rule}", lint.message
    return Flag(
        start,
        end,
        shared.setdefault(rule_id, rule_id),
        shared.setdefault(message, message),
        shared.setdefault(suggestions, suggestions),
        shared.setdefault(kind, kind),
        severity,
    )


def _not_checked(token: regex.Match) -> Flag:
    """The note that a paragraph was not checked because of one very long word."""
    message = f"paragraph not checked for grammar: it holds a word of {len(token.group()):,} characters; split it"
    return Flag(token.start(), token.start() + 1, "HP:NotChecked", message, (), "grammar", Severity.NOTE)


def _suggested_text(lint, suggestion) -> str:
    """What the flagged text becomes under a suggestion (replace, remove, or insert after)."""
    kind = int(suggestion.kind)
    if kind == 1:
        return ""
    if kind == 2:
        return lint.problem_text + suggestion.replacement_text
    return suggestion.replacement_text


def harper_rule_names(dialect: str = "american") -> frozenset[str]:
    """The names of Harper's rules (what `harper-disable` may list)."""
    linter = _harper_linter(dialect, frozenset(), HARPER_OFF_BY_DEFAULT)
    return frozenset(linter.get_default_lint_config())


def english_word_test(dialect: str = "american") -> Callable[[str], bool]:
    """Whether a lowercase word is in Harper's English dictionary (so not a name or a misspelling)."""
    linter = _harper_linter(dialect, frozenset(), HARPER_OFF_BY_DEFAULT)
    known: dict[str, bool] = {}

    def is_english_word(word: str) -> bool:
        if word not in known:
            lints = linter.lint(word, language="plaintext", dedup=False)
            known[word] = not any(lint.lint_kind == "Spelling" for lint in lints)
        return known[word]

    return is_english_word
