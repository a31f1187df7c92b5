"""The one list of built-in rules: every rule module's `RULES`, in this order, each with the file
and line it is defined at (a test fails when a rule module defines a rule it does not list)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from . import arabic_article, articles, grammar, headings, hidden, paragraphs, quotes, repetition, spacing, translation
from .base import Rule

RULE_MODULES = (
    hidden,
    spacing,
    arabic_article,
    articles,
    repetition,
    paragraphs,
    headings,
    quotes,
    grammar,
    translation,
)


_DEFINITION = re.compile(r"^([A-Z][A-Z0-9]*) = ", re.MULTILINE)  # the standard engine: compiled in a tenth the time


def _defined_at(module: ModuleType) -> tuple[Rule, ...]:
    """The module's rules, each with `source` set to `cleanup/rules/<module>.py:<line>`."""
    path = Path(module.__file__ or "")
    text = path.read_text(encoding="utf-8")
    lines = {m[1]: text.count("\n", 0, m.start()) + 1 for m in _DEFINITION.finditer(text)}
    shown = f"cleanup/rules/{path.name}"
    return tuple(
        replace(rule, defined_in=f"{shown}:{lines[rule.id]}" if rule.id in lines else shown) for rule in module.RULES
    )


ALL_RULES: tuple[Rule, ...] = tuple(rule for module in RULE_MODULES for rule in _defined_at(module))
