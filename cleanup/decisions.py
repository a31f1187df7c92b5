"""Editors' review decisions: read them, and find the change each one is about.

A decision names a change by its rule, the original text it replaces and a little original text on
each side, never by offsets, so it still finds its change after unrelated edits to the article or a
new glossary entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from ruamel.yaml.error import MarkedYAMLError

from .model import Change, Decision, Location, Problem
from .yamlread import YamlList, YamlMap, YamlProblem, load_yaml

CONTEXT = 24  # characters of original text kept on each side of a change
MIN_AGREEMENT = 6  # characters of context that must still agree for a decision to apply
VERDICTS = ("accept", "reject")
SUFFIX = ".decisions.yaml"


class DecisionsError(Exception):
    """A decisions file that cannot be used; the problems say where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def context(original: str, change: Change) -> tuple[str, str]:
    """The original text just before and just after a change."""
    return original[max(0, change.start - CONTEXT) : change.start], original[change.end : change.end + CONTEXT]


def match(decisions: Sequence[Decision], original: str, changes: Sequence[Change]) -> tuple[dict[int, Decision], list[Decision]]:
    """Which decision is about which change (by change index), and the decisions about no change (stale).

    A decision may match a change with the same (first) rule and original text whose surroundings
    agree with the decision's context on at least MIN_AGREEMENT characters (or all of a shorter
    context); the best-agreeing pairs are matched first, each decision and change at most once.
    """
    by_text: dict[tuple[str, str], list[int]] = {}
    for index, change in enumerate(changes):
        by_text.setdefault((change.rule.split("+")[0], original[change.start : change.end]), []).append(index)
    pairs = []
    for number, decision in enumerate(decisions):
        for index in by_text.get((decision.first_rule, decision.before), ()):
            left, right = context(original, changes[index])
            score = _agreement(decision, left, right)
            if score >= min(MIN_AGREEMENT, len(decision.context_before) + len(decision.context_after)):
                pairs.append((-score, index, number))
    found: dict[int, Decision] = {}
    used: set[int] = set()
    for _, index, number in sorted(pairs):
        if index not in found and number not in used:
            found[index] = decisions[number]
            used.add(number)
    return found, [d for number, d in enumerate(decisions) if number not in used]


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


def load_decisions(path: str, text: str) -> list[Decision]:
    """The decisions in a decisions file; raises DecisionsError naming every problem."""
    try:
        data = load_yaml(text)
    except YamlProblem as error:
        raise DecisionsError([Problem(Location(path, error.line + 1, error.column + 1), error.message)]) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise DecisionsError([Problem(where, f"YAML syntax error: {error.problem}; correct the file")]) from None
    if data is None:
        return []
    if not isinstance(data, YamlMap) or not isinstance(data.get("decisions", []), YamlList):
        raise DecisionsError([Problem(Location(path, 1, 1), "expected “decisions:” with a list of decisions")])
    items = data.get("decisions", [])
    decisions, problems = [], []
    for index, item in enumerate(items):
        line, column = items.lc.item(index)
        where = Location(path, line + 1, column + 1)
        decision = _decision(item, where)
        if decision is None:
            problems.append(Problem(where, "a decision needs text “rule”, “before”, “after”, “context_before”, "
                                           "“context_after” and “decision: accept” or “reject”"))
        else:
            decisions.append(decision)
    if problems:
        raise DecisionsError(problems)
    return decisions


def _decision(item: object, where: Location) -> Decision | None:
    keys = ("rule", "before", "after", "context_before", "context_after")
    if not isinstance(item, YamlMap) or item.get("decision") not in VERDICTS:
        return None
    values = [item.get(key, "") for key in keys]
    if not all(isinstance(v, str) for v in values) or not values[0]:
        return None
    return Decision(*values, item["decision"], where)
