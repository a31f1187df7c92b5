"""`check --statistics`: how many findings each rule has over a run, most first, as ruff counts them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from ..model import Outcome
from .findings import findings


class Statistics:
    """Findings counted by rule and severity, one outcome at a time (a run keeps counts, not outcomes)."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()

    def add(self, outcome: Outcome) -> None:
        self.counts.update((f.rule, f.severity.value) for f in findings(outcome))

    def lines(self, short: Mapping[str, str]) -> Iterator[str]:
        """`COUNT  RULE  SEVERITY  what it says`, the most frequent first (then by rule), columns aligned."""
        rows = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        if not rows:
            return
        width = max(len(rule) for (rule, _), _ in rows)
        digits = len(str(rows[0][1]))
        for (rule, severity), count in rows:
            said = short.get(rule.split("+")[0], "")
            yield f"{count:>{digits}}  {rule:<{width}}  {severity:<7}  {said}".rstrip()
