"""LanguageTool through language-tool-python: a server the user names, or a local install they have."""

from __future__ import annotations

import bisect
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Flag, Severity
from . import DEFAULT_DIALECT, URL_VARIABLE, CheckerError, Span

# Harper's dialect for a LanguageTool language, for the dictionary (LanguageTool has no cheap word test).
HARPER_DIALECTS = {"en-GB": "british", "en-AU": "australian", "en-CA": "canadian"}
# LanguageTool issue types that are advice rather than errors.
NOTE_TYPES = frozenset({"style", "locale-violation", "register"})
# LanguageTool's common category ids (org.languagetool.rules.Categories); a server may report others.
LANGUAGETOOL_CATEGORIES = frozenset(
    {
        "CASING",
        "COLLOCATIONS",
        "COMPOUNDING",
        "CONFUSED_WORDS",
        "CREATIVE_WRITING",
        "FALSE_FRIENDS",
        "GENDER_NEUTRALITY",
        "GRAMMAR",
        "MISC",
        "PLAIN_ENGLISH",
        "PUNCTUATION",
        "REDUNDANCY",
        "REGIONALISMS",
        "REPETITIONS",
        "REPETITIONS_STYLE",
        "SEMANTICS",
        "STYLE",
        "TEXT_ANALYSIS",
        "TYPOGRAPHY",
        "TYPOS",
        "WIKIPEDIA",
    }
)


class Utf16Offsets:
    """Converts between code points (Python str indices) and UTF-16 code units (LanguageTool's)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]  # code points taking two units
        self._astral_units = [i + k for k, i in enumerate(self._astral)]  # where each one starts, in units

    def to_utf16(self, code_point: int) -> int:
        return code_point + bisect.bisect_left(self._astral, code_point)

    def to_code_point(self, unit: int) -> int:
        return unit - bisect.bisect_left(self._astral_units, unit)


@dataclass
class LanguageToolChecker:
    """LanguageTool at `url` (a server) or, without one, a local install found by language-tool-python."""

    url: str | None = None
    language: str = "en-US"
    words: frozenset[str] = frozenset()
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    name: str = field(default="languagetool", init=False)
    _tool: object = field(default=None, init=False, repr=False)
    _dictionary: object = field(default=None, init=False, repr=False)  # a HarperChecker, built when first asked

    def variety(self, text: str) -> str:
        return self.language

    def check(self, text: str, paragraphs: Sequence[Span], markdown: bool) -> list[Flag]:
        """One request for the whole text: the server splits sentences itself."""
        if not text.strip():
            return []
        try:
            matches = self._connected().check(text)
        except CheckerError:
            raise
        except Exception as error:  # the library raises requests' and its own errors
            raise CheckerError(f"LanguageTool at {self._where()} failed: {_first_line(error)}") from None
        offsets = Utf16Offsets(text)
        return [_flag(match, offsets) for match in matches]

    def dictionary_words(self, words: Collection[str]) -> frozenset[str]:
        """Which of `words` Harper's dictionary holds (Harper is installed with cleanup)."""
        from .harper import HarperChecker

        if not isinstance(self._dictionary, HarperChecker):
            self._dictionary = HarperChecker(self.words, HARPER_DIALECTS.get(self.language, DEFAULT_DIALECT))
        return self._dictionary.dictionary_words(words)

    def _connected(self):
        if self._tool is None:
            self._tool = self._connect()
        return self._tool

    def _connect(self):
        try:
            import language_tool_python
        except ImportError:
            raise CheckerError(
                "language-tool-python is not installed: pip install 'translation-cleanup[languagetool]'"
            ) from None
        if self.url is None:
            _require_local_install()
        try:
            tool = language_tool_python.LanguageTool(self.language, remote_server=self.url)
        except Exception as error:
            raise CheckerError(f"cannot reach LanguageTool at {self._where()}: {_first_line(error)}") from None
        tool.enabled_rules.update(self.enabled_rules)
        tool.disabled_rules.update(self.disabled_rules)
        tool.enabled_categories.update(self.enabled_categories)
        tool.disabled_categories.update(self.disabled_categories)
        return tool

    def _where(self) -> str:
        return self.url or "the local install"


def _require_local_install() -> None:
    """Fail clearly, before language-tool-python tries to download LanguageTool (it cannot, here)."""
    from language_tool_python.utils import LTP_JAR_DIR_PATH_ENV_VAR, get_language_tool_download_path

    if os.environ.get(LTP_JAR_DIR_PATH_ENV_VAR):
        return
    folder = get_language_tool_download_path()
    if not any(path.is_dir() for path in Path(folder).glob("LanguageTool*")):
        raise CheckerError(
            f"no LanguageTool server given and no local install in {folder}: pass --languagetool-url URL "
            f"(or set {URL_VARIABLE}), or set {LTP_JAR_DIR_PATH_ENV_VAR} to your LanguageTool folder"
        )


def _flag(match, offsets: Utf16Offsets) -> Flag:
    """A flag from a language-tool-python Match, whose `offset` the library has already turned into
    code points but whose `error_length` is still in UTF-16 units."""
    start = match.offset
    end = offsets.to_code_point(offsets.to_utf16(start) + match.error_length)
    severity = Severity.NOTE if match.rule_issue_type in NOTE_TYPES else Severity.WARNING
    suggestions = tuple(match.replacements[:5])
    return Flag(start, end, f"LT:{match.rule_id}", match.message, suggestions, match.category, severity)


def _first_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
