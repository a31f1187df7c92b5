"""The one list of built-in rules: every rule module's `RULES`, in this order, each with the file
and line it is defined at (a test fails when a rule module defines a rule it does not list)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import ModuleType

import regex

from . import arabic, articles, grammar, paragraphs, quotes, repetition, spacing, translation
from .base import Rule

RULE_MODULES = (spacing, arabic, articles, repetition, paragraphs, quotes, grammar, translation)


def _defined_at(module: ModuleType) -> tuple[Rule, ...]:
    """The module's rules, each with `source` set to `cleanup/rules/<module>.py:<line>`."""
    path = Path(module.__file__ or "")
    text = path.read_text(encoding="utf-8")
    shown = f"cleanup/rules/{path.name}"
    found = []
    for rule in module.RULES:
        at = regex.search(rf"^{regex.escape(rule.id)} = ", text, regex.MULTILINE)
        line = text.count("\n", 0, at.start()) + 1 if at else 0
        found.append(replace(rule, source=f"{shown}:{line}" if line else shown))
    return tuple(found)


ALL_RULES: tuple[Rule, ...] = tuple(rule for module in RULE_MODULES for rule in _defined_at(module))
