"""Saving from the review page: an article's version as a page holds it, and a page's save turned into
`decisionsave` edits (the one merge; see its docstring for the semantics), answered with the version now."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..atomicfile import read_or_empty
from ..decisions import DISMISS, VERDICTS
from ..decisionsave import Conflict, Edit, Edits, Key, SaveResult, key_of, save_decisions, version_of
from ..model import Decision
from .project import Article

PageKey = tuple[str, str, str, str, str]  # rule, before, after, context before, context after: as the page sends it


@dataclass(frozen=True)
class PageEdit:
    """One decision an editor changed on the page: the change as the page shows it, what they saw (None:
    undecided) and chose now; `stored`: the key of the decision the file held for it when the page was made,
    when that differs (a decision matched again, by context, to the article edited since)."""

    key: PageKey
    was: str | None
    now: str | None
    stored: Key | None = None


@dataclass(frozen=True)
class NameEdit:
    """A name marked or unmarked with "add to names": whether it was marked, whether it is now."""

    name: str
    was: bool
    now: bool


@dataclass
class Saved:
    """The outcome of a save: the version now, the conflicts (the save's other edits were written), whether
    it was merged with saves made since its version, and then every decision of the file."""

    version: str
    conflicts: list[dict] = field(default_factory=list)
    merged: bool = False
    decisions: list[dict] = field(default_factory=list)


def version(article: Article) -> str:
    """The article's version as a page holds it: a digest of the article's bytes, then "-" and the decisions
    file's version (so a page tells an article edited on disk from decisions saved by someone else)."""
    return _joined(article, version_of(read_or_empty(article.decisions)))  # read, not parsed: it may be broken


def _joined(article: Article, decisions_version: str) -> str:
    return hashlib.sha256(read_or_empty(article.item.path)).hexdigest()[:16] + "-" + decisions_version


def save_decisions_from_page(
    article: Article, base: str, edits: Sequence[PageEdit], names: Sequence[NameEdit], editor: str, when: str
) -> Saved:
    """Save the page's `edits` and `names`, made on version `base`, by `editor` at `when`."""
    decisions = tuple(_edit(edit, editor, when) for edit in edits)
    added = tuple(name.name for name in names if name.now)
    removed = tuple(name.name for name in names if name.was and not name.now)
    path = article.item.path
    sha = hashlib.sha256(read_or_empty(path)).hexdigest()
    result = save_decisions(
        article.decisions, base.rsplit("-", 1)[-1], Edits(decisions, added, removed), path.as_posix(), sha
    )
    return _saved(article, result)


def _edit(edit: PageEdit, editor: str, when: str) -> Edit:
    """The page's edit as decisionsave's: the decision the page saw under the key the file held it by."""
    rule, before, after, left, right = edit.key
    stored = edit.stored or (rule, before, left, right)
    was = Decision(stored[0], stored[1], "", stored[2], stored[3], edit.was) if edit.was else None
    now = Decision(rule, before, after, left, right, edit.now, by=editor, at=when) if edit.now else None
    return Edit(was, now, ((rule, before, left, right), stored))


def _saved(article: Article, result: SaveResult) -> Saved:
    everything = [*result.file.decisions, *result.file.dismissed]
    shown = result.merged or bool(result.conflicts)
    return Saved(
        _joined(article, result.version),
        [_conflict(conflict) for conflict in result.conflicts],
        result.merged,
        [{"key": list(key_of(d)), "verdict": d.verdict} for d in everything] if shown else [],
    )


def _conflict(conflict: Conflict) -> dict:
    """A conflict as the page shows it: the change (as the editor saw it), their choice, the other's, by whom."""
    yours, theirs = conflict.edit.now, conflict.theirs
    return {
        "key": list(conflict.edit.also[0]),  # the change as the page shows it (`_edit` puts it first)
        "after": yours.after if yours else (theirs.after if theirs else ""),
        "yours": yours.verdict if yours else None,
        "theirs": theirs.verdict if theirs else None,
        "by": note(theirs),
    }


def note(decision: Decision | None) -> str:
    """Who made a decision and when, as a conflict tells it: by "NAME" at TIME (empty when unknown)."""
    if decision is None or not (decision.by or decision.at):
        return ""
    return f"by {json.dumps(decision.by, ensure_ascii=False)} at {decision.at}"


def valid_verdict(value: object) -> bool:
    """A verdict a page may send: accept, reject, dismiss (a flag), or None (undecided)."""
    return value is None or value in (*VERDICTS, DISMISS)
