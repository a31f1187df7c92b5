"""Entries and names added to a glossary file in place, keeping its comments, order and formatting."""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def add_entry(text: str, preferred: str, variants: Sequence[str], note: str | None) -> str:
    """The glossary text with `variants` added to the entry for `preferred` (created if missing),
    keeping comments, order and formatting of everything else."""
    yaml = _yaml()
    data = yaml.load(text) if text.strip() else CommentedMap()
    terms = data.get("terms")
    if terms is None:
        terms = data["terms"] = CommentedSeq()
    entry = next((t for t in terms if isinstance(t, dict) and t.get("preferred") == preferred), None)
    if entry is None:
        entry = CommentedMap(preferred=preferred)
        terms.append(entry)
    if variants:
        listed = entry.get("variants")
        if listed is None:
            listed = entry["variants"] = CommentedSeq()
            listed.fa.set_flow_style()
        listed.extend(v for v in variants if v not in listed)
    if note is not None:
        entry["note"] = note
    return _dumped(yaml, data, text)


def add_names(text: str, names: Sequence[str]) -> str:
    """The glossary text with `names` appended to its `names:` list (created if missing), keeping
    comments, order and formatting of everything else; names already listed are skipped."""
    yaml = _yaml()
    data = yaml.load(text) if text.strip() else CommentedMap()
    listed = data.get("names")
    if listed is None:
        listed = data["names"] = CommentedSeq()
    listed.extend(name for name in dict.fromkeys(names) if name not in listed)
    return _dumped(yaml, data, text)


def _dumped(yaml: YAML, data: CommentedMap, text: str) -> str:
    """`data` written out, with the lines of `text` kept where the writer only wrapped them another way
    (a flow list over several lines is written on one)."""
    out = io.StringIO()
    yaml.dump(data, out)
    before, after = text.splitlines(keepends=True), out.getvalue().splitlines(keepends=True)
    kept: list[str] = []
    for kind, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        rewrapped = kind == "replace" and "".join(before[i1:i2]).split() == "".join(after[j1:j2]).split()
        rewrapped = rewrapped and (before[i2 - 1].endswith("\n") or j2 == len(after))  # no line run into the next
        kept.extend(before[i1:i2] if kind == "equal" or rewrapped else after[j1:j2])
    return "".join(kept)
