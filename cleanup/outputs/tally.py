"""The counts a run keeps as it goes (changes and flags by rule, files that failed), for its summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Outcome


@dataclass
class Tally:
    """Changes and flags per rule over the documents of a run, added one outcome at a time (so a
    run over a whole archive keeps counts, not outcomes)."""

    files: int = 0
    changed: int = 0
    changes: Counter[str] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)
    reasons: dict[str, str] = field(default_factory=dict)
    total_changes: int = 0
    rejected: Counter[str] = field(default_factory=Counter)  # changes kept out by review decisions
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    dialects: Counter[str] = field(default_factory=Counter)  # files by the English their grammar was checked in

    @property
    def spelling(self) -> str:
        """The English the files were checked in, by how many (`british spelling: 1 file`), or empty."""
        said = [f"{n} {'file' if n == 1 else 'files'}" for n in self.dialects.values()]
        return ", ".join(f"{dialect} spelling: {n}" for dialect, n in zip(self.dialects, said, strict=True))

    def line(self) -> str:
        """The run in one line: changes, files changed, flags, changes rejected in review, spelling."""
        line = f"{self.total_changes} change(s) in {self.changed} of {self.files} file(s); {self.flags.total()} flag(s)"
        rejected = self.rejected.total()
        line += f"; {rejected} rejected in review" if rejected else ""
        return line + (f"; {self.spelling}" if self.spelling else "")

    def fail(self, path: str, why: str) -> None:
        """Record a file that failed (it was reported when it happened)."""
        self.failures.append((path, why))

    def add(self, outcome: Outcome) -> None:
        """Count one document's changes (a change made by chained rules once, under its combined id,
        as the change log and the review page count it) and flags."""
        self.files += 1
        self.changed += outcome.changed
        self.total_changes += len(outcome.changes)
        if outcome.dialect:
            self.dialects[outcome.dialect] += 1
        for change in outcome.changes:
            self.changes[change.rule] += 1
            if change.rule not in self.reasons:
                self.reasons[change.rule] = "; then ".join(_short_reason(s.rule, s.reason) for s in change.steps)
        for flag in outcome.flags:
            self.flags[flag.rule] += 1
            self.reasons.setdefault(flag.rule, flag.message)
        for decision in outcome.rejected:
            self.rejected[decision.rule] += 1
            self.reasons.setdefault(decision.rule, f"“{decision.before}” → “{decision.after}”, rejected in review")


def _short_reason(rule: str, reason: str) -> str:
    """A rule's own reason: a glossary reason without its note ("house glossary: use “ISIS”")."""
    if not rule.startswith("GL:"):
        return reason
    return reason.split(" (", 1)[0].split(";", 1)[0]
