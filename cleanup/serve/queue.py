"""Each article's state for the queue: its changes pending, accepted and rejected, its flags and glossary
suggestions, the rules involved, its stale decisions, and who last decided on it and when."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..decisions import DecisionFile
from ..decisionstatus import dismissal_status
from ..model import Outcome
from ..outputs.review import is_suggestion

PENDING, READY, FAILED = "processing", "ready", "failed"


@dataclass
class Row:
    """One article in the queue (plain values: it is sent to the page as JSON)."""

    name: str
    status: str = PENDING
    changes: int = 0
    pending: int = 0
    accepted: int = 0
    rejected: int = 0
    flags: int = 0
    suggestions: int = 0
    stale: int = 0
    rules: list[str] = field(default_factory=list)
    last_by: str = ""
    last_at: str = ""
    version: str = ""
    message: str = ""  # why it failed

    def plain(self) -> dict:
        return asdict(self)


def row_of(name: str, outcome: Outcome, decided: DecisionFile, version: str) -> Row:
    """The queue's row for an article's outcome and its decisions file (its flags: those open, not dismissed)."""
    suggestions = sum(1 for flag in outcome.flags if is_suggestion(flag))
    dismissed = {s.target for s in dismissal_status(decided.dismissed, outcome) if s.applies}
    open_flags = [f for n, f in enumerate(outcome.flags) if not is_suggestion(f) and n not in dismissed]
    rules = {change.rule for change in outcome.changes} | {flag.rule for flag in outcome.flags}
    rules |= {decision.rule for decision in outcome.rejected}
    by, at = last_decided(decided)
    return Row(
        name,
        READY,
        changes=len(outcome.changes) + len(outcome.rejected),
        pending=len(outcome.changes) - len(outcome.accepted),
        accepted=len(outcome.accepted),
        rejected=len(outcome.rejected),
        flags=len(open_flags),
        suggestions=suggestions,
        stale=len(outcome.stale),
        rules=sorted(rules),
        last_by=by,
        last_at=at,
        version=version,
    )


def last_decided(decided: DecisionFile) -> tuple[str, str]:
    """Who made the article's latest decision, and when (ISO 8601, UTC); empty when no one has."""
    made = [(d.by, d.at) for d in (*decided.decisions, *decided.dismissed) if d.by or d.at]
    return max(made, key=lambda who: who[1], default=("", ""))
