"""For the editors' desk: each decision on an article as it is now, whether it still applies and where, or
why it is stale (its text gone, the rule no longer changing it, the text around it rewritten)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .decisions import MIN_AGREEMENT, agreement, context, match, span_context
from .model import Change, Decision, Flag, LineIndex, Outcome, Step


@dataclass(frozen=True)
class DecisionStatus:
    """One decision on the article as it is now. `target`: the index of the change in the outcome (of the flag,
    for a dismissal) it applies to, None for a rejected change (kept out, so not in the outcome) or a stale
    decision; `line` and `column`: where its text is (0: nowhere); `why`: why it is stale, or what changed
    about the change it still applies to."""

    decision: Decision
    applies: bool
    target: int | None = None
    line: int = 0
    column: int = 0
    why: str = ""


def decision_status(decisions: Sequence[Decision], outcome: Outcome) -> list[DecisionStatus]:
    """Each decision (in order) as the run that made `outcome` with them applied it: an accepted change (its
    index), a rejected change kept out (where its text is), or stale, with why."""
    original, lines = outcome.original.text, LineIndex(outcome.original.text)
    stale, rejected = set(outcome.stale), set(outcome.rejected)  # equal, not the same: an outcome may be pickled
    accepts = [d for d in decisions if d not in stale | rejected and d.verdict == "accept"]
    accepted = {d: index for index, d in match(accepts, original, outcome.changes)[0].items()}
    statuses = []
    for decision in decisions:
        if decision in stale:
            statuses.append(_stale(decision, original, outcome.changes, lines, "change"))
        elif decision in rejected:
            statuses.append(DecisionStatus(decision, True, None, *_where(decision, original, lines)))
        elif decision in accepted:
            index = accepted[decision]
            change = outcome.changes[index]
            now = outcome.corrected[change.new_start : change.new_end]
            why = f"it now reads “{now}” (accepted as “{decision.after}”)" if now != decision.after else ""
            statuses.append(DecisionStatus(decision, True, index, *lines.position(change.start), why))
        else:
            statuses.append(DecisionStatus(decision, False, why="not applied by this run"))
    return statuses


def dismissal_status(dismissed: Sequence[Decision], outcome: Outcome) -> list[DecisionStatus]:
    """Each dismissed flag matched against the outcome's flags as decisions are against changes: the flag it
    still dismisses (its index), or why it is stale."""
    original, lines = outcome.original.text, LineIndex(outcome.original.text)
    flags = [_as_change(flag) for flag in outcome.flags]
    found = {d: index for index, d in match(dismissed, original, flags)[0].items()}
    return [
        DecisionStatus(d, True, found[d], *lines.position(outcome.flags[found[d]].start))
        if d in found
        else _stale(d, original, flags, lines, "flag")
        for d in dismissed
    ]


def _as_change(flag: Flag) -> Change:
    """A flag as a change over its span, so that dismissals match flags as decisions match changes."""
    return Change(flag.start, flag.end, flag.start, flag.end, (Step(flag.rule, flag.message),))


def _where(decision: Decision, original: str, lines: LineIndex) -> tuple[int, int]:
    """The line and column of the place of `decision.before` whose surroundings agree best with its context."""
    best, at, start = -1, (0, 0), original.find(decision.before)
    while start >= 0 and decision.before:
        score = agreement(decision, *span_context(original, start, start + len(decision.before)))
        if score > best:
            best, at = score, lines.position(start)
        start = original.find(decision.before, start + 1)
    return at


def _stale(decision: Decision, original: str, changes: Sequence[Change], lines: LineIndex, kind: str) -> DecisionStatus:
    """Why a decision matched no change (or flag): its text is gone, its rule no longer makes a change (flag)
    there, another decision took the change it is about, or the text around it changed."""
    if decision.before and decision.before not in original:
        return DecisionStatus(decision, False, why=f"“{decision.before}” is no longer in the article")
    same = [
        (i, c)
        for i, c in enumerate(changes)
        if c.rule.split("+")[0] == decision.first_rule and original[c.start : c.end] == decision.before
    ]
    if not same:
        rule = decision.first_rule
        why = f"{rule} no longer {'changes' if kind == 'change' else 'flags'} “{decision.before}” here"
        return DecisionStatus(decision, False, None, *_where(decision, original, lines), why)
    needed = min(MIN_AGREEMENT, len(decision.context_before) + len(decision.context_after))
    best, index = max((agreement(decision, *context(original, c)), -i) for i, c in same)
    at = lines.position(changes[-index].start)
    if best >= needed:
        return DecisionStatus(decision, False, None, *at, f"another decision on the same {kind} was matched first")
    why = f"the text around it changed: {best} characters of its context agree, {needed} needed"
    return DecisionStatus(decision, False, None, *at, why)
