"""A rule's documentation, as ruff gives it: what it does, why, fix safety, where it is defined and
its examples; in the terminal (`cleanup rules ID`) and as the README's Markdown tables
(`cleanup rules --format markdown`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.console import Console
from rich.text import Text

from ..glossary.names import NAME_DOC, NAME_REASON, NAME_RULE, NAME_WHY
from ..model import Safety
from ..rules.base import FIX_SAFETY, Rule
from ..source import SOURCE_DOCS, SOURCE_RULES, SOURCE_WHY
from .findings import one_line


class Documented(Protocol):
    """What a rule's page shows: a rule of the registry, or a check that only flags."""

    @property
    def id(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def safety(self) -> Safety: ...
    @property
    def defined_in(self) -> str: ...
    @property
    def doc(self) -> str: ...
    @property
    def why(self) -> str: ...
    @property
    def fix_safety(self) -> str: ...
    @property
    def examples(self) -> tuple: ...


def print_rule(console: Console, rule: Documented) -> None:
    """One rule explained, with its examples."""
    console.print(Text(f"{rule.id} ({rule.safety.value}): {rule.reason}", style="bold"))
    console.print(Text(f"defined in: {rule.defined_in}"))
    for heading, body in (("What it does", rule.doc), ("Why", rule.why), ("Fix safety", rule.fix_safety)):
        if body:
            console.print(Text(f"\n{heading}", style="bold"))
            console.print(Text(f"  {body}"))
    if rule.examples:
        console.print(Text("\nExamples", style="bold"))
    for example in rule.examples:
        before = one_line(example.before, limit=200)
        if example.after is not None and example.after != example.before:
            after = Text(one_line(example.after, limit=200), style="green")
            console.print(Text(f"  {'fixes:':<13} “") + Text(before) + Text("” → “") + after + Text("”"))
        else:
            verdict = "finds:" if example.found else "leaves alone:"
            console.print(Text(f"  {verdict:<13} “{before}”"))


def rules_markdown(rules: Sequence[Rule], category: str) -> str:
    """The README's table of the built-in rules of one category: house-style rules with their
    safety, in the order of their kinds; grammar checks (all flags) by id."""
    chosen = [rule for rule in rules if rule.category == category and rule.defined_in.startswith("cleanup/")]
    if category == "grammar":
        chosen.sort(key=lambda rule: rule.id)
        rows = ["| id | flags |", "| --- | --- |"] + [f"| {rule.id} | {rule.doc or rule.reason} |" for rule in chosen]
    else:
        rows = ["| id | safety | what it does |", "| --- | --- | --- |"]
        rows += [f"| {rule.id} | {rule.safety.value} | {rule.doc or rule.reason} |" for rule in chosen]
    return "\n".join(rows) + "\n"


def rule_page(rule: Documented) -> str:
    """One rule's page of the documentation site, as ruff's: what it does, why, fix safety, examples."""
    lines = [f"# {rule.id}", "", f"**{rule.reason}** ({rule.safety.value}; defined in `{rule.defined_in}`)", ""]
    for heading, body in (("What it does", rule.doc), ("Why", rule.why), ("Fix safety", rule.fix_safety)):
        if body:
            lines += [f"## {heading}", "", body, ""]
    if rule.examples:
        lines += ["## Examples", "", "| | text | becomes |", "| --- | --- | --- |"]
    for example in rule.examples:
        before = _cell(example.before)
        if example.after is not None and example.after != example.before:
            lines.append(f"| fixes | {before} | {_cell(example.after)} |")
        else:
            lines.append(f"| {'finds' if example.found else 'leaves alone'} | {before} | |")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    """Text shown as code in a Markdown table cell (on one line, pipes escaped)."""
    shown = one_line(text, limit=200).replace("|", "\\|")
    if not shown.strip():
        return "(white space)"
    return f"`` {shown} ``" if "`" in shown else f"`{shown}`"


@dataclass(frozen=True)
class FlagCheck:
    """A check that only flags and is not a rule of the registry (the checks against the Arabic source, the
    name notes): documented like a rule."""

    id: str
    reason: str
    doc: str
    why: str
    defined_in: str
    safety: Safety = Safety.FLAG
    examples: tuple = ()

    @property
    def fix_safety(self) -> str:
        return FIX_SAFETY[self.safety]


def flag_checks() -> tuple[FlagCheck, ...]:
    """The checks against the source and the name notes, each documented like a rule."""
    checks = [
        FlagCheck(rule, SOURCE_RULES[rule], SOURCE_DOCS[rule], SOURCE_WHY, "cleanup/source/checks.py")
        for rule in SOURCE_RULES
    ]
    checks.append(FlagCheck(NAME_RULE, NAME_REASON, NAME_DOC, NAME_WHY, "cleanup/glossary/names.py"))
    return tuple(checks)
