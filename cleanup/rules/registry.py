"""The one list of built-in rules: every rule module's `RULES`, in this order (a test fails when a
rule module defines a rule it does not list)."""

from __future__ import annotations

from . import arabic, articles, grammar, paragraphs, quotes, repetition, spacing, translation
from .base import Rule

RULE_MODULES = (spacing, arabic, articles, repetition, paragraphs, quotes, grammar, translation)
ALL_RULES: tuple[Rule, ...] = tuple(rule for module in RULE_MODULES for rule in module.RULES)
