"""Editors' review decisions: read them, and find the change each one is about.

A decision names a change by its rule, the original text it replaces and a little original text on
each side, never by offsets, so it still finds its change after unrelated edits to the article or a
new glossary entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .model import Change, Decision, Location, Problem, ProblemsError
from .yamlread import YAML_ERRORS, Fields, YamlList, YamlMap, load_yaml, yaml_problem

CONTEXT = 24  # characters of original text kept on each side of a change
MIN_AGREEMENT = 6  # characters of context that must still agree for a decision to apply
VERDICTS = ("accept", "reject")
SUFFIX = ".decisions.yaml"


class DecisionsError(ProblemsError):
    """A decisions file that cannot be used; the problems say where and why."""


def context(original: str, change: Change) -> tuple[str, str]:
    """The original text just before and just after a change."""
    return span_context(original, change.start, change.end)


def span_context(original: str, start: int, end: int) -> tuple[str, str]:
    """The original text just before and just after [start, end) (a change, or a suggestion to accept)."""
    return original[max(0, start - CONTEXT) : start], original[end : end + CONTEXT]


def match(
    decisions: Sequence[Decision], original: str, changes: Sequence[Change]
) -> tuple[dict[int, Decision], list[Decision]]:
    """Which decision is about which change (by change index), and the decisions about no change (stale).

    A decision may match a change with the same (first) rule and original text whose surroundings
    agree with the decision's context on at least MIN_AGREEMENT characters (or all of a shorter
    context); the best-agreeing pairs are matched first, each decision and change at most once.
    Pairs are found through an index of contexts, best agreement first, and a change leaves the index
    once matched: a decision is compared only with changes it could still take.
    """
    found: dict[int, Decision] = {}
    if not decisions:
        return found, []
    index = _ContextIndex(original, changes)
    used: set[int] = set()
    for level in (*LEVELS, 0):
        pairs = []
        for number, decision in enumerate(decisions):
            needed = min(MIN_AGREEMENT, len(decision.context_before) + len(decision.context_after))
            if number in used or (level == 0) != (needed < MIN_AGREEMENT):
                continue
            for change in index.candidates(decision, level):
                score = _agreement(decision, *index.contexts[change])
                if score >= max(needed, level):
                    pairs.append((-score, change, number))
        for _, change, number in sorted(pairs):
            if change not in found and number not in used:
                found[change] = decisions[number]
                used.add(number)
                index.remove(change)
    return found, [d for number, d in enumerate(decisions) if number not in used]


LEVELS = (CONTEXT, MIN_AGREEMENT)  # agreement levels searched in turn, best first


class _ContextIndex:
    """Unmatched changes by rule, text and `level` characters of context split every way between the
    two sides (a context that agrees on that many characters agrees on one of the splits)."""

    def __init__(self, original: str, changes: Sequence[Change]) -> None:
        self.contexts = [context(original, change) for change in changes]
        self.buckets: dict[tuple, dict[int, None]] = {}
        self.keys_of: list[list[tuple]] = []
        for number, change in enumerate(changes):
            text_key = (change.rule.split("+")[0], original[change.start : change.end])
            keys: list[tuple] = [(text_key, 0)]
            left, right = self.contexts[number]
            for level in LEVELS:
                keys.extend((text_key, level, split) for split in _splits(left, right, level))
            for key in keys:
                self.buckets.setdefault(key, {})[number] = None
            self.keys_of.append(keys)

    def candidates(self, decision: Decision, level: int) -> list[int]:
        """Unmatched changes that may agree with `decision` on `level` characters (level 0: all of its rule and text)."""
        text_key = (decision.first_rule, decision.before)
        if level == 0:
            return list(self.buckets.get((text_key, 0), ()))
        found: dict[int, None] = {}
        for split in _splits(decision.context_before, decision.context_after, level):
            found.update(self.buckets.get((text_key, level, split), {}))
        return list(found)

    def remove(self, change: int) -> None:
        for key in self.keys_of[change]:
            del self.buckets[key][change]


def _splits(left: str, right: str, size: int) -> list[tuple[str, str]]:
    """The last i characters of `left` with the first `size` - i of `right`, for every i possible."""
    return [
        (left[len(left) - i :], right[: size - i]) for i in range(size + 1) if i <= len(left) and size - i <= len(right)
    ]


def _agreement(decision: Decision, left: str, right: str) -> int:
    """How many characters of a decision's context agree with the text around a change."""
    return _common_suffix(decision.context_before, left) + _common_prefix(decision.context_after, right)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


@dataclass(frozen=True)
class DecisionFile:
    """A decisions file: the article it was written for (its path and the SHA-256 of its bytes, when
    the file says) and its decisions."""

    article: str | None
    article_sha256: str | None
    decisions: list[Decision]
    names: tuple[str, ...] = ()  # names the editor confirmed, for the glossary's `names:`
    path: str = ""  # the file they were read from

    def written_for(self, name: str, read: Callable[[], bytes]) -> bool:
        """Whether these decisions were made on the article `name` (same file name), or else on the
        bytes `read` gives (a renamed article); an edited article with its own name still qualifies."""
        if self.article is None or self.article.rsplit("/", 1)[-1] == name.rsplit("/", 1)[-1]:
            return True
        return self.article_sha256 == hashlib.sha256(read()).hexdigest()


def load_decisions(path: str, text: str) -> DecisionFile:
    """The decisions in a decisions file; raises DecisionsError naming every problem."""
    try:
        data = load_yaml(text)
    except YAML_ERRORS as error:
        raise DecisionsError([yaml_problem(error, path, text)]) from None
    if data is None:
        return DecisionFile(None, None, [])
    if not isinstance(data, YamlMap) or not isinstance(data.get("decisions") or [], list):
        raise DecisionsError([Problem(Location(path, 1, 1), "expected “decisions:” with a list of decisions")])
    fields = Fields(path)
    if fields.unknown_keys(data, TOP_KEYS, "key"):
        raise DecisionsError(fields.problems)
    names = data.get("names", [])
    if not isinstance(names, list) or not all(isinstance(name, str) and name.strip() for name in names):
        raise DecisionsError([Problem(fields.key_at(data, "names"), "“names” must be a list of names")])
    article, article_hash = (data.get(key) for key in ("article", "article_sha256"))
    if not all(value is None or isinstance(value, str) for value in (article, article_hash)):
        raise DecisionsError([Problem(Location(path, 1, 1), "“article” and “article_sha256” must be text")])
    items = data.get("decisions") or YamlList()  # `decisions:` with nothing under it: none
    decisions = []
    for index, item in enumerate(items):
        where = fields.item_at(items, index)
        if isinstance(item, YamlMap) and fields.unknown_keys(item, KEYS, "key", inside=" in a decision"):
            continue
        decision = _decision(item, where)
        if decision is None:
            fields.problem(
                where,
                "a decision needs text “rule”, “before”, “after”, “context_before”, "
                "“context_after” and “decision: accept” or “reject”",
            )
        else:
            decisions.append(decision)
    if fields.problems:
        raise DecisionsError(fields.problems)
    return DecisionFile(article, article_hash, decisions, tuple(names), path)


TOP_KEYS = ("article", "article_sha256", "decisions", "names")


KEYS = ("rule", "before", "after", "context_before", "context_after", "decision")


def _decision(item: object, where: Location) -> Decision | None:
    keys = KEYS[:5]
    if not isinstance(item, YamlMap) or item.get("decision") not in VERDICTS:
        return None
    values = [item.get(key, "") for key in keys]
    if not all(isinstance(v, str) for v in values) or not values[0]:
        return None
    rule, before, after, context_before, context_after = values
    return Decision(rule, before, after, context_before, context_after, item["decision"], where)


def decisions_text(
    article: str,
    article_sha256: str,
    decisions: Sequence[Decision],
    names: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> str:
    """A decisions file in the format the review page downloads (and `load_decisions` reads); `notes`, one
    per decision when given, is written as a comment line after it (who decided, and when)."""
    lines = [
        f"# Review decisions for {_one_line(article)}.",
        "# cleanup fix reads them from here (or from --decisions FILE).",
        f"article: {_quoted(article)}",
        f"article_sha256: {_quoted(article_sha256)}",
        "decisions:" if decisions else "decisions: []",
    ]
    for number, decision in enumerate(decisions):
        lines += [
            f"  - rule: {_quoted(decision.rule)}",
            f"    before: {_quoted(decision.before)}",
            f"    after: {_quoted(decision.after)}",
            f"    context_before: {_quoted(decision.context_before)}",
            f"    context_after: {_quoted(decision.context_after)}",
            f"    decision: {decision.verdict}",
        ]
        if number < len(notes) and notes[number]:
            lines.append(f"    # {_one_line(notes[number])}")
    if names:
        lines.append("# Names confirmed in review: cleanup glossary add --names-from FILE adds them to the glossary.")
        lines.append("names:")
        lines += [f"  - {_quoted(name)}" for name in sorted(names)]
    return "\n".join(lines) + "\n"


_YAML_REFUSES = str.maketrans({c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF)})


def _quoted(text: str) -> str:
    """A YAML double-quoted string: JSON's escapes, plus DEL, C1 controls and line separators, which YAML
    refuses raw (as the review page writes them)."""
    return json.dumps(text, ensure_ascii=False).translate(_YAML_REFUSES)


def _one_line(text: str) -> str:
    """Text safe inside a comment line: every control character and line separator made a space."""
    return "".join(" " if not c.isprintable() else c for c in text)
