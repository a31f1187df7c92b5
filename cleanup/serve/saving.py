"""An article's version, and saving decisions on a base version: the one place where concurrent saves meet.

A save lists the decisions it changes, each with what the editor saw before (`was`) and what they chose
(`now`), and the version the editor's page was made from (`base`). Each decision is merged on its own: taken
when the file still holds what the editor saw, kept when it already holds the same choice, and otherwise a
conflict: nothing is written and the editor is shown the other decision. A save on an older version (another
editor saved in between) is answered with every decision of the file, so the page shows the others' too.
Who decided and when are each decision's `by` and `at`; dismissed flags are kept as they are.
(`decisionsave` holds the same merge for whole decision files; `save_decisions` is where it plugs in.)
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..cli.write import write_atomically
from ..decisions import VERDICTS, DecisionFile, decisions_yaml, load_decisions
from ..model import Decision
from .project import Article

Key = tuple[str, str, str, str, str]  # rule, before, after, context before, context after


@dataclass(frozen=True)
class Edit:
    """One decision an editor changed: its key, what they saw (None: undecided) and what they chose now."""

    key: Key
    was: str | None
    now: str | None


@dataclass(frozen=True)
class NameEdit:
    """A name marked or unmarked with "add to names": whether it was marked, whether it is now."""

    name: str
    was: bool
    now: bool


@dataclass(frozen=True)
class Conflict:
    """A decision another editor made differently since the version a save was based on."""

    key: Key
    yours: str | None
    theirs: str | None
    by: str  # who made theirs, and when


@dataclass
class Saved:
    """The outcome of a save: the version now, and the conflicts that kept it from being written (if any)."""

    version: str
    conflicts: list[Conflict] = field(default_factory=list)
    merged: bool = False  # based on an older version, merged with the saves in between
    verdicts: dict[Key, str] = field(default_factory=dict)  # every decision of the file now, when merged


@dataclass
class Entries:
    """A decisions file as the server keeps it: each decision's verdict and who made it when, the names."""

    article: str
    verdicts: dict[Key, str]
    notes: dict[Key, tuple[str, str]]  # who made each decision, and when
    names: list[str]
    dismissed: tuple[Decision, ...] = ()  # flags dismissed in review: kept as they are


_locks: dict[Path, threading.Lock] = {}
_locks_lock = threading.Lock()


def article_lock(path: Path) -> threading.Lock:
    """The lock one article's decisions are read and written under (one per decisions file)."""
    with _locks_lock:
        return _locks.setdefault(path, threading.Lock())


def version(article: Article) -> str:
    """The article's version: a hash of its bytes and one of its decisions file's bytes, joined by "-"
    (so a page can tell an article edited on disk from decisions saved by someone else)."""
    return _version(_read(article.item.path), _read(article.decisions))


def _version(article: bytes | None, decisions: bytes | None) -> str:
    return "-".join(
        hashlib.sha256(data).hexdigest()[:16] if data is not None else "none" for data in (article, decisions)
    )


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def read_entries(article: Article, data: bytes | None = None) -> Entries:
    """The article's decisions file (or its bytes `data`, as read) as entries (none when there is no file)."""
    path = article.decisions
    data = _read(path) if data is None else data
    text = data.decode("utf-8") if data is not None else ""
    decided = load_decisions(str(path), text)
    verdicts: dict[Key, str] = {}
    who: dict[Key, tuple[str, str]] = {}
    for decision in decided.decisions:
        key = key_of(decision)
        verdicts[key] = decision.verdict
        if decision.by or decision.at:
            who[key] = (decision.by, decision.at)
    return Entries(article.item.path.as_posix(), verdicts, who, list(decided.names), decided.dismissed)


def key_of(decision: Decision) -> Key:
    return (decision.rule, decision.before, decision.after, decision.context_before, decision.context_after)


def note(who: tuple[str, str] | None) -> str:
    """Who made a decision and when, as a conflict tells it: by "NAME" at TIME (empty when unknown)."""
    return f"by {json.dumps(who[0], ensure_ascii=False)} at {who[1]}" if who else ""


def save_decisions(
    article: Article, base: str, edits: Sequence[Edit], names: Sequence[NameEdit], editor: str, when: str
) -> Saved:
    """Save `edits` and `names` made on the page of version `base`, all or nothing (see the module's
    docstring); who made them and when is kept beside each decision."""
    with article_lock(article.decisions):
        article_bytes, decisions_bytes = _read(article.item.path) or b"", _read(article.decisions)
        now = _version(article_bytes, decisions_bytes)
        entries = read_entries(article, decisions_bytes)
        conflicts = _conflicts(entries, edits)
        if conflicts:
            return Saved(now, conflicts, verdicts=entries.verdicts)
        for edit in edits:
            if entries.verdicts.get(edit.key) == edit.now:
                continue
            if edit.now is None:
                entries.verdicts.pop(edit.key, None)
                entries.notes.pop(edit.key, None)
            else:
                entries.verdicts[edit.key] = edit.now
                entries.notes[edit.key] = (editor, when)
        marked = set(entries.names)
        for name in names:
            if name.now:
                marked.add(name.name)
            elif base == now or name.was:
                marked.discard(name.name)
        entries.names = sorted(marked)
        written = _write(article, article_bytes, entries)
        merged = base != now
        return Saved(_version(article_bytes, written), merged=merged, verdicts=entries.verdicts if merged else {})


def _conflicts(entries: Entries, edits: Sequence[Edit]) -> list[Conflict]:
    """The edits whose decision another editor changed to something else since the editor's version."""
    found = []
    for edit in edits:
        theirs = entries.verdicts.get(edit.key)
        if theirs != edit.was and theirs != edit.now:
            found.append(Conflict(edit.key, edit.now, theirs, note(entries.notes.get(edit.key))))
    return found


def _write(article: Article, article_bytes: bytes, entries: Entries) -> bytes:
    """Write the decisions file atomically (as the review page writes one, with who and when); its bytes."""
    decisions = [
        Decision(*key, verdict, by=entries.notes.get(key, ("", ""))[0], at=entries.notes.get(key, ("", ""))[1])
        for key, verdict in entries.verdicts.items()
    ]
    article_hash = hashlib.sha256(article_bytes).hexdigest()
    file = DecisionFile(entries.article, article_hash, decisions, tuple(entries.names), dismissed=entries.dismissed)
    data = decisions_yaml(file).encode("utf-8")
    write_atomically({article.decisions: [data]})
    return data


def valid_verdict(value: object) -> bool:
    return value is None or value in VERDICTS
