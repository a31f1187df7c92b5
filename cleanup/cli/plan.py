"""Where each input's outputs go: its edition (under the output folder, or in place) and its records,
and what one document's outputs are (`Edition`); `write` writes them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Outcome
from .errors import UsageError
from .history import history_folder
from .inputs import REPORT_SUFFIX, REVIEW_PAGE_SUFFIX, Input

REVIEW_SUFFIXES = (".diff", ".changes.json", REPORT_SUFFIX, REVIEW_PAGE_SUFFIX)


@dataclass(frozen=True)
class Edition:
    """What one document's outputs are: its outcome, where its edition and records go, what the review
    page shows and in which form a Word edition is written."""

    item: Input
    outcome: Outcome
    target: Path  # the corrected edition
    review: Path  # the records are named after it: NAME.diff, NAME.changes.json, NAME.report.md, NAME.html
    notes: dict[str, str]  # the glossary's note for each entry's rule, shown on the review page
    names: Sequence[str] = ()  # the names confirmed in review
    docx_mode: str = "review"
    history: Path | None = None  # in place: where the run is recorded, for undo
    key: str | None = None  # the outcome's cache key: outputs still as a run with it left them are kept

    @property
    def records(self) -> list[Path]:
        return record_paths(self.review)


@dataclass(frozen=True)
class Plan:
    """Where a fix run writes: each input's edition, and its records under `out_dir`; what they show."""

    out_dir: Path
    in_place: bool
    targets: dict[Path, Path]  # each input's edition
    notes: dict[str, str]  # the glossary's note for each entry's rule
    docx_mode: str

    def edition(self, item: Input, outcome: Outcome, names: Sequence[str], key: str | None) -> Edition:
        """The outputs of `item`'s outcome, with the names confirmed in its review and its cache key."""
        history = history_folder(self.out_dir, item.name) if self.in_place else None
        target, review = self.targets[item.path], self.out_dir / item.name
        return Edition(item, outcome, target, review, self.notes, names, self.docx_mode, history, key)

    def outputs(self, item: Input) -> list[Path]:
        """Every file `item`'s edition writes: the edition, then its records (as `Edition` names them)."""
        return [self.targets[item.path], *record_paths(self.out_dir / item.name)]


def plan_outputs(inputs: Sequence[Input], out_dir: Path, in_place: bool, notes: dict[str, str], docx_mode: str) -> Plan:
    """Where each input's corrected text goes: its own path with --in-place, else under `out_dir`.
    Refuses to overwrite an input (unless in place) or to write two inputs to one file. Outputs are
    told apart by their names under `out_dir` (no path kept per output: an archive's plan stays small)."""
    plan: dict[Path, Path] = {}
    inside_out = _names_under(inputs, out_dir.resolve())
    claimed: dict[str, Path] = {}  # the name of each input's edition under `out_dir`, and the input
    for item in inputs:
        names = [item.name, *(item.name + suffix for suffix in REVIEW_SUFFIXES)]
        if not in_place and item.name in inside_out or any(name in inside_out for name in names[1:]):
            raise UsageError(
                f"{item.path}: the output {out_dir / item.name} would overwrite an input; choose another --out"
            )
        for name in names:
            other = _claimant(claimed, name)
            if other is not None and other != item.path:
                raise UsageError(
                    f"{item.path} and {other} would both be written to {out_dir / name}; rename one of them"
                )
        claimed[item.name] = item.path
        plan[item.path] = real_file(item.path) if in_place else out_dir / item.name
    return Plan(out_dir, in_place, plan, notes, docx_mode)


def _names_under(inputs: Sequence[Input], folder: Path) -> set[str]:
    """The names under `folder` (resolved) of the inputs that are in it."""
    names = set()
    for item in inputs:
        resolved = item.path.resolve()
        if folder in resolved.parents:
            names.add(resolved.relative_to(folder).as_posix())
    return names


def _claimant(claimed: dict[str, Path], name: str) -> Path | None:
    """The input that already has an output of this name: its edition, or one of its review files."""
    if name in claimed:
        return claimed[name]
    for suffix in REVIEW_SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in claimed:
            return claimed[name[: -len(suffix)]]
    return None


def real_file(path: Path) -> Path:
    """The file a path names: --in-place writes through a symbolic link to the file it points at."""
    return path.resolve() if path.is_symlink() else path


def record_paths(review: Path) -> list[Path]:
    """The records of the edition `review` names: its unified diff, change log, review report and review
    page, in this order."""
    return [review.with_name(review.name + suffix) for suffix in REVIEW_SUFFIXES]
