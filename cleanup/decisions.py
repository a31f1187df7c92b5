"""Editors' review decisions: read them, and find the change each one is about.

A decision names a change by its rule, the original text it replaces and a little original text on
each side, never by offsets, so it still finds its change after unrelated edits to the article or a
new glossary entry.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .lazyregex import lazy_re_compile
from .model import Change, Decision, Location, Problem, ProblemsError
from .yamlread import YAML_ERRORS, Fields, YamlList, YamlMap, load_yaml, yaml_problem

CONTEXT = 24  # characters of original text kept on each side of a change
MIN_AGREEMENT = 6  # characters of context that must still agree for a decision to apply
VERDICTS = ("accept", "reject")
DISMISS = "dismiss"  # a flag an editor read and dismissed: kept in the file, never applied to a change
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
                score = agreement(decision, *index.contexts[change])
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


def agreement(decision: Decision, left: str, right: str) -> int:
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
    dismissed: tuple[Decision, ...] = ()  # flags dismissed in review (`decision: dismiss`), apart from `decisions`

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
                "“context_after” and “decision: accept”, “reject” or “dismiss”",
            )
        elif not _when_and_who(decision, fields):
            decisions.append(decision)
    if fields.problems:
        raise DecisionsError(fields.problems)
    kept = [d for d in decisions if d.verdict != DISMISS]
    dismissed = tuple(d for d in decisions if d.verdict == DISMISS)
    return DecisionFile(article, article_hash, kept, tuple(names), path, dismissed)


TOP_KEYS = ("article", "article_sha256", "decisions", "names")


KEYS = ("rule", "before", "after", "context_before", "context_after", "decision", "by", "at")


def _decision(item: object, where: Location) -> Decision | None:
    keys = KEYS[:5]
    if not isinstance(item, YamlMap) or item.get("decision") not in (*VERDICTS, DISMISS):
        return None
    values = [item.get(key, "") for key in keys]
    if not all(isinstance(v, str) for v in values) or not values[0]:
        return None
    rule, before, after, context_before, context_after = values
    by, at = item.get("by", ""), item.get("at", "")
    return Decision(rule, before, after, context_before, context_after, item["decision"], where, by, at)


def _when_and_who(decision: Decision, fields: Fields) -> bool:
    """Report a decision whose `by` is not text or whose `at` is not an ISO 8601 time; whether there was one."""
    if not isinstance(decision.by, str):
        fields.problem(decision.where, "“by” must be the editor's name, as text")
        return True
    if not isinstance(decision.at, str) or (decision.at and not _is_time(decision.at)):
        fields.problem(
            decision.where, f"“at” must be an ISO 8601 time such as “2026-01-31T09:30:00Z”, not {decision.at!r}"
        )
        return True
    return False


def _is_time(text: str) -> bool:
    from datetime import datetime  # only a file with times needs it: a plain run never imports it

    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def decisions_yaml(file: DecisionFile) -> str:
    """A decisions file's text, written as the review page writes it (`load_decisions` reads back the same
    decisions, dismissals and names); `by` and `at` follow a decision's verdict when it has them."""
    lines = [f"# Review decisions for {_one_line(file.article or 'an article')}."]
    if file.article is not None:
        lines.append("article: " + quoted(file.article))
    if file.article_sha256 is not None:
        lines.append("article_sha256: " + quoted(file.article_sha256))
    entries = [*file.decisions, *file.dismissed]
    lines.append("decisions:" if entries else "decisions: []")
    for d in entries:
        lines += [f"  - rule: {quoted(d.rule)}", f"    before: {quoted(d.before)}", f"    after: {quoted(d.after)}"]
        lines += [f"    context_before: {quoted(d.context_before)}", f"    context_after: {quoted(d.context_after)}"]
        lines.append(f"    decision: {d.verdict}")
        lines += [f"    {key}: {quoted(value)}" for key, value in (("by", d.by), ("at", d.at)) if value]
    if file.names:
        lines.append("# Names confirmed in review: cleanup glossary add --names-from FILE adds them to the glossary.")
        lines.append("names:")
        lines += [f"  - {quoted(name)}" for name in sorted(file.names)]
    return "\n".join(lines) + "\n"


def quoted(text: str) -> str:
    """A YAML double-quoted string (as the review page writes one): JSON's escapes, and DEL, C1 controls,
    line separators and the byte-order mark escaped, which YAML refuses raw."""
    return _YAML_REFUSES.sub(lambda c: f"\\u{ord(c.group()):04x}", json.dumps(text, ensure_ascii=False))


_YAML_REFUSES = lazy_re_compile("[\u007f-\u009f\u2028\u2029\ufeff]")


def _one_line(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text)
