"""The public Python API: load a glossary, fix a text, check a text; what the README's Python section uses."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .checkers import Checker
from .glossary.files import glossary_files
from .house import HouseGlossary, house_glossary
from .model import Document, LineIndex, Outcome
from .outputs.findings import Finding, change_finding, flag_finding
from .pipeline import ALL_RULES, Settings, process

GRAMMARS = ("none", "harper")


def load_glossary(*paths: str | os.PathLike[str]) -> HouseGlossary:
    """The glossary in these YAML files (a folder: its *.yaml and *.yml files), with its house rules; raises
    `GlossaryError` naming every problem's file, line and column. No path: an empty glossary."""
    files = [(str(file), file.read_text(encoding="utf-8")) for file in glossary_files(map(Path, paths))]
    return house_glossary(files)


def fix_text(
    text: str,
    glossary: HouseGlossary | None = None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    unsafe_fixes: bool = False,
    markdown: bool = False,
    source: str | None = None,
    grammar: str = "none",
) -> Outcome:
    """`text` normalized by the glossary and the house rules: the corrected text, each change with its
    rule and reason, and the flags (grammar and spelling too with `grammar="harper"`)."""
    settings = _settings(glossary, select, ignore, unsafe_fixes, grammar)
    arabic = Document(source) if source is not None else None
    return process(Document(text, markdown=markdown), settings, source=arabic)


def check_text(
    text: str,
    glossary: HouseGlossary | None = None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    markdown: bool = False,
    source: str | None = None,
    grammar: str = "none",
) -> list[Finding]:
    """What `cleanup check` reports on `text`: each change `fix` would make and each flag, with its line
    and column, in the order of the text."""
    outcome = fix_text(text, glossary, select=select, ignore=ignore, markdown=markdown, source=source, grammar=grammar)
    index = LineIndex(text)
    found = [change_finding(outcome, index, change) for change in outcome.changes]
    found += [flag_finding(outcome, index, flag) for flag in outcome.flags]
    return sorted(found, key=lambda finding: (finding.start, finding.end, finding.rule))


def _settings(
    glossary: HouseGlossary | None, select: Sequence[str], ignore: Sequence[str], unsafe_fixes: bool, grammar: str
) -> Settings:
    glossary = glossary if glossary is not None else load_glossary()
    return Settings(
        glossary,
        ALL_RULES + glossary.rules,
        tuple(select),
        tuple(ignore),
        unsafe_fixes=unsafe_fixes,
        checker=_checker(grammar, glossary),
    )


def _checker(grammar: str, glossary: HouseGlossary) -> Checker | None:
    if grammar not in GRAMMARS:
        raise ValueError(f"grammar must be one of {', '.join(GRAMMARS)} (LanguageTool: use the command line)")
    if grammar == "none":
        return None
    from .checkers.harper import HarperChecker

    return HarperChecker(glossary.spelling_words)
