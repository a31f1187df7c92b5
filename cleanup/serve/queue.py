"""Each article's state for the queue: its changes pending, accepted and rejected, its flags and glossary
suggestions, the rules involved, its stale decisions, and who last decided on it and when."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..cache import Findings
from ..decisions import DecisionFile
from ..decisionstatus import dismissal_status
from ..model import Decision, Outcome
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
        return {**vars(self), "rules": list(self.rules)}  # asdict's deep copy costs the queue of an archive


def row_of(name: str, found: Outcome | Findings, decided: DecisionFile, version: str) -> Row:
    """The queue's row for an article's outcome (or its findings, as the cache keeps them, when no flag is
    dismissed: a dismissal is matched against the text) and its decisions file (flags: those open)."""
    suggestions = sum(1 for flag in found.flags if is_suggestion(flag))
    rules = {change.rule for change in found.changes} | {flag.rule for flag in found.flags}
    rules |= {decision.rule for decision in found.rejected}
    by, at = last_decided((*decided.decisions, *decided.dismissed))
    return Row(
        name,
        READY,
        changes=len(found.changes) + len(found.rejected),
        pending=len(found.changes) - len(found.accepted),
        accepted=len(found.accepted),
        rejected=len(found.rejected),
        flags=len(found.flags) - suggestions - _dismissed(found, decided),
        suggestions=suggestions,
        stale=len(found.stale),
        rules=sorted(rules),
        last_by=by,
        last_at=at,
        version=version,
    )


def _dismissed(found: Outcome | Findings, decided: DecisionFile) -> int:
    """How many of the flags (not suggestions) a dismissal in the decisions file still applies to."""
    if not decided.dismissed:
        return 0
    assert isinstance(found, Outcome), "a row from the cache is only made when no flag is dismissed"
    applying = {s.target for s in dismissal_status(decided.dismissed, found) if s.applies and s.target is not None}
    return sum(1 for n in applying if not is_suggestion(found.flags[n]))


def stale_of(found: Outcome | Findings) -> list[dict]:
    """The article's stale decisions, as its page lists them."""
    return [{"rule": d.rule, "before": d.before, "after": d.after, "decision": d.verdict} for d in found.stale]


def last_decided(decisions: Iterable[Decision]) -> tuple[str, str]:
    """Who made the article's latest decision, and when (ISO 8601, UTC); empty when no one has."""
    return max(((d.by, d.at) for d in decisions if d.by or d.at), key=lambda who: who[1], default=("", ""))
