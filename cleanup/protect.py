"""Text the tool must not touch in any text (URLs, e-mail addresses, domains, HTML comments; in a Markdown
document its markup too, found by `markup`), and the editor's directives: off/on regions, per-line ignores,
front matter."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .lazyregex import lazy_compile
from .markup import markup_spans
from .model import LineIndex, Location, Problem, line_bounds
from .yamlread import YAML_ERRORS, YamlMap, load_yaml, yaml_problem

Span = tuple[int, int]

URL = lazy_compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"“”]+?(?=[.,;:!?)\]’'”]*(?:\s|\Z|[<>\"“”]))", regex.IGNORECASE
)
EMAIL = lazy_compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_DOMAINS = "com|org|net|gov|edu|int|info|io|uk|us|eu|sy|iq|tr|ir|lb|jo|sa|qa|ae|eg"
DOMAIN = lazy_compile(
    rf"\b[\w\-]+(?:\.[\w\-]+)*\.(?:{_DOMAINS})\b"
    r"(?:/[^\s<>\"“”]*[^\s<>\"“”.,;:!?)’'])?",
    regex.IGNORECASE,
)
# What every URL, e-mail address and domain contains: a cheap scan for it finds where the full patterns
# need to run, the stretch of non-space text around each hit (none of them spans a space).
# (Each hint starts with a literal, which `re` finds fast; an alternation of them would be slow.)
_ADDRESS_HINTS = (
    (URL, re.compile("://")),
    (URL, re.compile(r"\.(?<=[wW]{3}\.)")),
    (EMAIL, re.compile("@")),
    (DOMAIN, re.compile(rf"\.(?:{_DOMAINS})", re.IGNORECASE)),
)
_SPACE = lazy_compile(r"\s")
_SPACE_BEFORE = lazy_compile(r"(?r)\s")
HTML_COMMENT = lazy_compile(r"<!--.*?-->", regex.DOTALL)
DIRECTIVE = lazy_compile(r"<!--[ \t]*cleanup:[ \t]*(?P<body>.*?)[ \t]*-->", regex.DOTALL)
FRONT_MATTER = lazy_compile(
    r"\A(?:---)[ \t]*\r?\n(?P<body>.*?)(?:\r?\n|\A)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.DOTALL
)
_GLUING_SPACE = lazy_compile(r"(?P<space>[ \t]+)[,.;:!?)\]]+(?=[^\s,.;:!?)\]])")


_DIRECTIVE_WORDS = lazy_compile(r"[\s,]+")


@dataclass(frozen=True)
class Directives:
    """What a document says about itself: protected spans, per-line ignores, front-matter overrides."""

    protected: tuple[Span, ...] = ()  # sorted, non-overlapping
    ignores: tuple[tuple[int, int, tuple[str, ...]], ...] = ()  # (start, end, rule-id prefixes; () = all)
    allow: tuple[str, ...] = ()  # glossary variants this document keeps
    disable: tuple[str, ...] = ()  # rule-id prefixes this document turns off
    problems: tuple[Problem, ...] = ()


def is_protected(found: Directives, start: int, end: int) -> bool:
    """Whether [start, end) touches protected text (an insertion only when strictly inside it)."""
    spans = found.protected
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    for s, e in spans[max(i, 0) : i + 2]:
        if (s < start < e) if start == end else (start < e and s < end):
            return True
    return False


def is_ignored(found: Directives, rule: str, start: int) -> bool:
    """Whether a `cleanup: ignore` comment covers `rule` at offset `start`."""
    return any(s <= start < e and (not ids or rule.startswith(ids)) for s, e, ids in found.ignores)


def directives(text: str, markdown: bool) -> Directives:
    """Everything in `text` the rules must leave alone, and what the editor asked for in it."""
    problems: list[Problem] = []
    front, allow, disable = _front_matter(text, markdown, problems)
    spans = [*front, *_plain_spans(text)]
    if markdown:
        spans += markup_spans(text, LineIndex(text))
    off, ignores = _comments(text, problems)
    return Directives(_merge(spans + off), tuple(ignores), allow, disable, tuple(problems))


def _plain_spans(text: str) -> list[Span]:
    """URLs, e-mail addresses and domains, and HTML comments."""
    found = [
        _with_gluing_space(text, m.start(), m.end())
        for pattern, hint in _ADDRESS_HINTS
        for m in _matches_around(text, pattern, hint)
    ]
    return found + [m.span() for m in HTML_COMMENT.finditer(text)]


def _matches_around(text: str, pattern: regex.Pattern, hint: re.Pattern) -> Iterator[regex.Match]:
    """`pattern`'s matches in `text`, looked for only in the runs of non-space text that hold a `hint`."""
    searched = 0
    for found in hint.finditer(text):
        if found.start() < searched:
            continue
        before = _SPACE_BEFORE.search(text, searched, found.start())
        after = _SPACE.search(text, found.end())
        start, searched = (before.end() if before else searched), (after.start() if after else len(text))
        yield from pattern.finditer(text, start, searched)


def _with_gluing_space(text: str, start: int, end: int) -> Span:
    """An address, plus the spaces after it when removing them would glue a word onto it ("x.org ,a")."""
    glue = _GLUING_SPACE.match(text, end)
    return (start, glue.end("space")) if glue else (start, end)


def _comments(text: str, problems: list[Problem]) -> tuple[list[Span], list]:
    """`cleanup: off` … `cleanup: on` regions and `cleanup: ignore ID` lines."""
    if "<!--" not in text:  # no directive: the pattern is not even compiled
        return [], []
    lines: LineIndex | None = None  # made for the first unknown directive (most texts have none)
    off: list[Span] = []
    ignores = []
    off_start: int | None = None
    for match in DIRECTIVE.finditer(text):
        words = _DIRECTIVE_WORDS.split(match.group("body").strip())
        command, ids = words[0].lower(), tuple(w for w in words[1:] if w)
        if command == "off" and not ids:
            off_start = match.start() if off_start is None else off_start
        elif command == "on" and not ids:
            if off_start is not None:
                off.append((off_start, match.end()))
            off_start = None
        elif command == "ignore":
            ignores.append((*_ignored_line(text, match), ids))
        else:
            lines = lines or LineIndex(text)
            line, column = lines.position(match.start())
            problems.append(
                Problem(
                    Location("", line, column),
                    f"unknown directive “{match.group()}”: write cleanup: off, cleanup: on or cleanup: ignore ID",
                )
            )
    if off_start is not None:
        off.append((off_start, len(text)))
    return off, ignores


def _ignored_line(text: str, comment: regex.Match) -> Span:
    """The line a `cleanup: ignore` comment covers: its own, or the next non-blank one when it stands alone."""
    start = line_bounds(text, comment.start())[0]
    end = line_bounds(text, comment.end())[1]
    if text[start : comment.start()].strip() or text[comment.end() : end].strip():
        return start, end
    following = regex.compile(r"[^\r\n]*\S[^\r\n]*").search(text, end)
    return following.span() if following else (start, end)


def _front_matter(
    text: str, markdown: bool, problems: list[Problem]
) -> tuple[list[Span], tuple[str, ...], tuple[str, ...]]:
    """The front matter's span and its `cleanup: {allow, disable}` lists."""
    match = FRONT_MATTER.match(text) if text.startswith("---") else None
    if match is None:
        return [], (), ()
    try:
        data = load_yaml(match.group("body"))
    except YAML_ERRORS as error:
        if not markdown and "cleanup" not in match.group("body"):
            return [], (), ()  # plain text that merely starts with a rule of dashes
        problems.append(yaml_problem(error, "", match.group("body"), lines_before=1, subject="front matter: "))
        return [match.span()], (), ()
    if not isinstance(data, YamlMap):
        return ([match.span()] if markdown else []), (), ()
    settings = data.get("cleanup")
    if settings is None:
        return [match.span()], (), ()
    return [match.span()], *_overrides(settings, data, problems)


def _overrides(settings: object, data: YamlMap, problems: list[Problem]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    line = data.lc.key("cleanup")[0] + 2
    if not isinstance(settings, dict) or set(settings) - {"allow", "disable"}:
        problems.append(
            Problem(Location("", line, 1), "front matter “cleanup:” takes only “allow:” and “disable:” lists")
        )
        return (), ()
    found = []
    for key in ("allow", "disable"):
        value = settings.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(Problem(Location("", line, 1), f"front matter “cleanup: {key}:” must be a list of strings"))
            value = []
        found.append(tuple(value))
    return found[0], found[1]


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
