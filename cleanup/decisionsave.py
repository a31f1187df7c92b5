"""Decisions saved by several editors at once, the one place where concurrent saves meet (`cleanup serve`
saves through it): each save names the version of the decisions file it started from and sends its edits,
each with what the edited decision was when the editor saw it, so a file changed meanwhile is merged three
ways with nothing stored beside it.

- A decision is keyed by what it is about: its rule, the original text and its context, not its `after`.
  `after` is what the rule proposes, which the glossary may change at any time (a preferred form edited
  between an editor's page load and their save): the decision is still about the same change, as the
  matcher (`decisions.match`) sees it, which ignores `after` too. A decision the matcher carried over to an
  article edited since has an older context than the page shows; an edit names that older key too (`also`),
  so it is found rather than added twice or reported as a false conflict.
- A version is the SHA-256 of the decisions file's bytes. It is what the merge needs; the server adds the
  article's digest to the version it gives a page, so the page also learns of an article edited on disk.
- Each edit is merged on its own, never all or nothing: a decision no one changed since is applied, one
  already decided alike is kept, and one another editor decided otherwise is a conflict, returned and never
  overwritten, while the save's other edits land (an editor's decisions on different changes are separate
  facts: holding them back would lose them if the page were closed before it saved again).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from .atomicfile import one_writer, read_or_empty, write_atomically
from .decisions import DISMISS, VERDICTS, DecisionFile, DecisionsError, decisions_yaml, load_decisions
from .model import Decision, Location, Problem
from .textio import DecodeError, decode

Key = tuple[str, str, str, str]  # rule, before, context before, context after: what a decision is about


def key_of(decision: Decision) -> Key:
    """What a decision is about (its rule, original text and context), apart from its verdict, who and when."""
    return (decision.rule, decision.before, decision.context_before, decision.context_after)


def version_of(data: bytes) -> str:
    """The version of a decisions file: the SHA-256 of its bytes as read (a missing file reads as b"")."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Edit:
    """One editor's decision on one change or flag: `was` what the file said when they read it (None:
    undecided), `now` what they decided (None: undecided again); `also`: other keys the file may hold the
    same change's decision under (one made before the article was edited, matched to it again by context)."""

    was: Decision | None
    now: Decision | None
    also: tuple[Key, ...] = ()

    def __post_init__(self) -> None:
        if self.was is None and self.now is None:
            raise ValueError("an edit names the decision it changes")
        if self.now is not None and self.now.verdict not in (*VERDICTS, DISMISS):
            raise ValueError(f"unknown verdict {self.now.verdict!r}")

    @property
    def key(self) -> Key:
        """The key a decision made now is written under (the change as the editor sees it)."""
        return key_of(self.now or self.was)  # type: ignore[arg-type]

    def keys(self) -> tuple[Key, ...]:
        """Every key the file may hold this change's decision under, the key it is written under first."""
        found = [key_of(d) for d in (self.now, self.was) if d is not None]
        return tuple(dict.fromkeys([*found, *self.also]))


@dataclass(frozen=True)
class Edits:
    """What one save asks: decisions made or undone, names marked for the glossary or unmarked."""

    decisions: tuple[Edit, ...] = ()
    names_added: tuple[str, ...] = ()
    names_removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """An edit not applied: since the editor read it, another editor decided the same change otherwise."""

    edit: Edit
    theirs: Decision | None  # what the file holds, and keeps


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the file's version and decisions now, whether others' saves were merged in (the file
    had changed since the base version), and the edits it did not apply."""

    version: str
    file: DecisionFile
    merged: bool
    conflicts: tuple[Conflict, ...] = ()


def read_decisions(path: Path) -> tuple[str, DecisionFile]:
    """A decisions file's version and decisions (none when it does not exist yet); DecisionsError if broken."""
    data = read_or_empty(path)
    try:
        text = decode(data).text
    except DecodeError as error:
        raise DecisionsError([Problem(Location(str(path)), f"{error}; save it as UTF-8 text")]) from None
    return version_of(data), load_decisions(str(path), text)


def save_decisions(
    path: Path,
    base_version: str,
    edits: Edits,
    article: str | None = None,
    article_sha256: str | None = None,
) -> SaveResult:
    """Apply `edits`, made on the file at `base_version`, to the decisions file at `path` as it is now, and
    write it atomically, one writer at a time (threads and processes). Each edit applies where the file
    still says what its editor saw, or already says what they decided; otherwise it is returned as a
    conflict and the file keeps the other decision. `article` and `article_sha256` name the article in a
    new file. Nothing is written when nothing changes. Raises DecisionsError, writing nothing, if the file on
    disk is broken or an edit's decision cannot be written (an `at` that is no ISO 8601 time). The file's
    folder is made if it is missing (a first save before any edition was written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with one_writer(path):
        version, current = read_decisions(path)
        if current.article is None and article is not None:
            current = replace(current, article=article, article_sha256=article_sha256)
        merged_file, conflicts = merge(current, edits)
        text = decisions_yaml(merged_file)
        if text == decisions_yaml(current):
            return SaveResult(version, current, version != base_version, conflicts)
        written = load_decisions(str(path), text)  # refuses a decision the file could not hold (a bad time)
        write_atomically(path, text.encode("utf-8"))
        return SaveResult(version_of(text.encode("utf-8")), written, version != base_version, conflicts)


def merge(current: DecisionFile, edits: Edits) -> tuple[DecisionFile, tuple[Conflict, ...]]:
    """The decisions of `current` with `edits` applied where they do not conflict, and the conflicts.
    Untouched decisions keep their order; new ones come last."""
    entries = [*current.decisions, *current.dismissed]
    at: dict[Key, int] = {}
    for index, decision in enumerate(entries):
        at.setdefault(key_of(decision), index)
    slots: list[Decision | None] = list(entries)
    conflicts = []
    for edit in edits.decisions:
        slot = next((at[key] for key in edit.keys() if key in at), None)
        theirs = slots[slot] if slot is not None else None
        if _verdict(theirs) == _verdict(edit.now):
            continue  # already so: decided alike by someone else, or a repeated save
        if _verdict(theirs) != _verdict(edit.was):
            conflicts.append(Conflict(edit, theirs))
            continue
        if slot is None:
            at[edit.key] = len(slots)
            slots.append(edit.now)
        else:
            slots[slot] = edit.now
            if edit.now is not None:
                at[edit.key] = slot
    kept = [d for d in slots if d is not None]
    names = [n for n in current.names if n not in edits.names_removed]
    names += [n for n in dict.fromkeys(edits.names_added) if n not in names]
    decided = DecisionFile(
        current.article,
        current.article_sha256,
        [d for d in kept if d.verdict != DISMISS],
        tuple(names),
        current.path,
        tuple(d for d in kept if d.verdict == DISMISS),
    )
    return decided, tuple(conflicts)


def edits_between(base: DecisionFile, mine: DecisionFile) -> Edits:
    """The edits that turn `base` (the decisions an editor started from) into `mine` (what they have now),
    for a client that sends both whole rather than its edits."""
    before = {key_of(d): d for d in (*base.decisions, *base.dismissed)}
    after = {key_of(d): d for d in (*mine.decisions, *mine.dismissed)}
    changed = [
        Edit(before.get(key), after.get(key))
        for key in dict.fromkeys([*before, *after])
        if _verdict(before.get(key)) != _verdict(after.get(key))
    ]
    return Edits(
        tuple(changed),
        tuple(n for n in mine.names if n not in base.names),
        tuple(n for n in base.names if n not in mine.names),
    )


def _verdict(decision: Decision | None) -> str | None:
    return decision.verdict if decision is not None else None
