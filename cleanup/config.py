"""Project configuration: `[tool.cleanup]` in pyproject.toml, or the top level of cleanup.toml."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, fields
from typing import Any

from .checkers import (
    DEFAULT_DIALECT,
    DEFAULT_HEADINGS,
    DIALECTS,
    GRAMMAR_BACKENDS,
    HARPER_OFF_BY_DEFAULT,
    HEADING_CASES,
)
from .formats.registry import GLOBS
from .lazyregex import lazy_re_compile
from .model import LineIndex, Location
from .words.nearest import nearest

CONFIG_FILES = ("cleanup.toml", "pyproject.toml")
NAME_NOTES = ("alike", "all")  # name notes: on names spelled like another name (default), or every unknown name


class ConfigError(Exception):
    """A configuration problem; the message names the file and what to do."""


@dataclass(frozen=True)
class Config:
    """Settings a project keeps in its configuration file; command-line options override them."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()
    out: str = "corrected"
    unsafe_fixes: bool = False
    quotations: str = "normalize"
    arabic_article: str = "lower-inside"
    headings: str = DEFAULT_HEADINGS
    name_notes: str = "alike"
    grammar: str = "harper"
    dialect: str = DEFAULT_DIALECT
    harper_disable: tuple[str, ...] = HARPER_OFF_BY_DEFAULT
    apply_suggestions: tuple[str, ...] = ()
    languagetool_url: str = ""
    languagetool_language: str = "en-US"
    languagetool_enabled_rules: tuple[str, ...] = ()
    languagetool_disabled_rules: tuple[str, ...] = ()
    languagetool_enabled_categories: tuple[str, ...] = ()
    languagetool_disabled_categories: tuple[str, ...] = ()
    cache_dir: str | None = None  # None: the user's cache folder
    include: tuple[str, ...] = GLOBS  # globs of files to take from folders
    exclude: tuple[str, ...] = ()  # globs of files to leave out
    path: str = ""  # the file it was read from, empty for defaults


# What each setting does: the configuration reference of the documentation site is made from these.
DESCRIPTIONS = {
    "select": "rule ids or prefixes to run (default: all)",
    "ignore": "rule ids or prefixes never to run",
    "glossary": "the glossary files, relative to the configuration file (default: every glossary/*.yaml)",
    "out": "the output folder of `fix`",
    "unsafe_fixes": "the fix safety level: true also applies unsafe fixes",
    "quotations": "`normalize`, or `keep`: no glossary changes inside quotation marks",
    "arabic_article": "`lower-inside` (al- inside a sentence), or `capital`: Al- everywhere",
    "headings": "heading case: `any` (not checked), `sentence` (HD001) or `title` (Harper)",
    "name_notes": "NM001 on names spelled like another name (`alike`), or on every unknown name (`all`)",
    "grammar": "the grammar and spelling checker: `harper`, `languagetool` or `none`",
    "dialect": "Harper's English: `auto` (each article's own spelling) or a dialect",
    "harper_disable": "Harper rules to turn off",
    "apply_suggestions": "flag categories whose single suggestion is applied (unsafe)",
    "languagetool_url": "the LanguageTool server (or the environment variable CLEANUP_LANGUAGETOOL_URL)",
    "languagetool_language": "the language LanguageTool checks in",
    "languagetool_enabled_rules": "LanguageTool rules to turn on",
    "languagetool_disabled_rules": "LanguageTool rules to turn off",
    "languagetool_enabled_categories": "LanguageTool categories to turn on",
    "languagetool_disabled_categories": "LanguageTool categories to turn off",
    "cache_dir": "where outcomes of unchanged inputs are kept (default: the user's cache folder)",
    "include": "globs of the files taken from folders (on the path inside the folder)",
    "exclude": "globs of files left out",
}
NON_EMPTY = ("cache_dir", "out")  # folders: an empty string would silently mean the working folder
CHOICES = {
    "quotations": ("normalize", "keep"),
    "arabic_article": ("lower-inside", "capital"),
    "headings": HEADING_CASES,
    "name_notes": NAME_NOTES,
    "grammar": GRAMMAR_BACKENDS,
    "dialect": DIALECTS,
}
PATHS = ("glossary", "out", "cache_dir")  # relative to the configuration file's folder
LISTS = (
    "select",
    "ignore",
    "glossary",
    "harper_disable",
    "apply_suggestions",
    "languagetool_enabled_rules",
    "languagetool_disabled_rules",
    "languagetool_enabled_categories",
    "languagetool_disabled_categories",
    "include",
    "exclude",
)


def parse_config(path: str, text: str) -> Config | None:
    """The configuration in one file's text, or None when the file has no cleanup section."""
    import tomllib  # only a run with a configuration file reads TOML

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{_error_location(path, text, str(error))}; correct the file") from None
    except RecursionError:
        raise ConfigError(f"{_deep_location(path, text)}: arrays or tables nested too deep; correct the file") from None
    except ValueError:  # an integer longer than Python reads (4,300 digits)
        raise ConfigError(f"{_long_number_location(path, text)}: a number too long to read; correct the file") from None
    in_pyproject = path.endswith("pyproject.toml")
    # pyproject.toml keeps its settings under [tool.cleanup]; cleanup.toml at top level, or under the
    # same header when a pyproject section was pasted into it.
    nested = in_pyproject or list(data) == ["tool"]
    if not nested and isinstance(data.get("tool"), dict) and "cleanup" in data["tool"]:
        raise ConfigError(
            f"{_key_location(path, text, 'tool.cleanup')}: [tool.cleanup] and settings at the top "
            "in one file; in cleanup.toml put them all at the top"
        )
    tool = data.get("tool", {}) if nested else {}
    if not isinstance(tool, dict):
        raise ConfigError(f"{_key_location(path, text, 'tool')}: 'tool' must be a table ([tool]); correct the file")
    table = tool.get("cleanup") if nested else data
    if table is None:
        return None
    if not isinstance(table, dict):
        where = _key_location(path, text, "cleanup")
        where = _key_location(path, text, "tool.cleanup") if where == path else where
        raise ConfigError(
            f"{where}: [tool.cleanup] must be one table of settings, not {type(table).__name__}; correct the file"
        )
    if not in_pyproject and (table is None or len(tool) > 1):
        other = next(key for key in tool if key != "cleanup")
        raise ConfigError(
            f"{_key_location(path, text, 'tool.' + other)}: [tool.{other}] is not for cleanup; "
            "in cleanup.toml put the settings at the top (or under [tool.cleanup])"
        )
    section = "[tool.cleanup]" if nested else "settings"
    values: dict[str, Any] = {
        name: _beside(path, value) if name in PATHS else value
        for name, value in _values(path, text, section, table).items()
    }
    return Config(**values, path=path)


def _beside(config_path: str, value: str | tuple[str, ...]) -> str | tuple[str, ...]:
    """A path (or paths) written in the configuration, as seen from the working folder: relative to
    the file's folder, as ruff reads paths in its configuration."""
    if isinstance(value, tuple):
        return tuple(str(_beside(config_path, v)) for v in value)
    folder = posixpath.dirname(config_path.replace("\\", "/"))
    return value if not folder or posixpath.isabs(value) else posixpath.normpath(posixpath.join(folder, value))


_DEEP = 32  # nesting past this is no configuration anyone writes
_LONG_NUMBER = lazy_re_compile(r"\d{1000,}")


def _deep_location(path: str, text: str) -> str:
    """`path:line:column` of the first bracket or brace nested deeper than _DEEP."""
    depth = 0
    for at, char in enumerate(text):
        depth += (char in "[{") - (char in "]}")
        if depth > _DEEP:
            return _position(path, text, at)
    return path


def _long_number_location(path: str, text: str) -> str:
    found = _LONG_NUMBER.search(text)
    return _position(path, text, found.start()) if found else path


def _position(path: str, text: str, at: int) -> str:
    return str(Location(path, *LineIndex(text).position(at)))


def _error_location(path: str, text: str, error: str) -> str:
    """`path:line:column: TOML syntax error: …` from tomllib's "(at line L, column C)" or "(at end of document)"."""
    found = re.search(r"(.*) \(at line (\d+), column (\d+)\)", error)
    if found:
        return f"{path}:{found[2]}:{found[3]}: TOML syntax error: {found[1]}"
    message = error.replace(" (at end of document)", "")
    line, column = text.count("\n") + 1, len(text) - text.rfind("\n")
    return f"{path}:{line}:{column}: TOML syntax error: {message} at the end of the file"


def _key_location(path: str, text: str, key: str) -> str:
    """`path:line:column` of the first `key =` or `[key]` (`[key.…]`, `[[key]]`) in the file (TOML
    parsers do not keep positions)."""
    for start in _LINE_START.finditer(text):  # no pattern made of the key: a key may be megabytes long
        if text.startswith(key, start.end()):
            after = _AFTER_KEY.match(text, start.end() + len(key))
            if after and (after[1] != "=" if start[2] else after[1] == "="):  # `[key]` or `[key.…]`; `key =`
                return f"{path}:{text.count(chr(10), 0, start.start()) + 1}:{len(start[1]) + 1}"
    return path


_LINE_START = lazy_re_compile(r"^([ \t]*)(\[\[?[ \t]*)?[\"']?", re.MULTILINE)  # indent, table header, quote
_AFTER_KEY = lazy_re_compile(r"[\"']?[ \t]*(=|[.\]])")


def _values(path: str, text: str, section: str, table: dict) -> dict:
    known = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name != "path"}
    values = {}
    for key, value in table.items():
        if key not in known:
            close = nearest(key, known)
            hint = f"did you mean {close!r}?" if close else "allowed: " + ", ".join(known)
            raise ConfigError(f"{_key_location(path, text, key)}: {section}: unknown key {key!r}; {hint}")
        name = known[key]
        values[name] = _checked(_key_location(path, text, key), key, name, value)
    return values


def _checked(path: str, key: str, name: str, value: object) -> object:
    if name in LISTS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key!r} must be a list of strings")
        return tuple(value)
    if name == "unsafe_fixes":
        if not isinstance(value, bool):
            raise ConfigError(f"{path}: {key!r} must be true or false")
        return value
    if name in NON_EMPTY and value == "":
        raise ConfigError(f"{path}: {key!r} must not be empty; name a folder, or leave the key out for the default")
    allowed = CHOICES.get(name)
    if not isinstance(value, str) or (allowed and value not in allowed):
        expected = " or ".join(repr(a) for a in allowed) if allowed else "a string"
        raise ConfigError(f"{path}: {key!r} must be {expected}")
    return value
