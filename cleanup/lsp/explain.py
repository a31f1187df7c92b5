"""What a rule is, as `cleanup rules ID` says it: its page, written once for a diagnostic to link to, and the
text a hover shows."""

from __future__ import annotations

import io
from pathlib import Path

from ..glossary.terms import Term
from ..outputs.ruledocs import Documented, flag_checks, rule_page
from ..outputs.terminal import print_glossary_entry
from ..pipeline import Settings


class RuleLinks:
    """Where each rule's documentation is: a built-in or house rule's page (as the documentation site shows
    it) written into `folder` when first linked to; a glossary entry's line in its file; none for a
    grammar checker's rule (its message says it all)."""

    def __init__(self, settings: Settings, folder: Path) -> None:
        documented: list[Documented] = [*settings.rules, *flag_checks()]
        self._rules = {rule.id: rule for rule in documented}
        self._terms = {term.rule: term for term in settings.glossary.terms}
        self._folder = folder
        self._written: set[str] = set()

    def first(self, rule: str) -> str:
        """The rule a chained change's id (`SP001+GL:ISIS`) starts with."""
        return rule.split("+")[0]

    def href(self, rule: str) -> str | None:
        rule = self.first(rule)
        term = self._terms.get(rule)
        if term is not None:
            return _term_place(term)
        if rule not in self._rules:
            return None
        page = self._folder / f"{rule.replace(':', '_')}.md"
        if rule not in self._written:
            self._folder.mkdir(parents=True, exist_ok=True)
            page.write_text(rule_page(self._rules[rule]), encoding="utf-8")
            self._written.add(rule)
        return page.as_uri()

    def explain(self, rule: str, message: str) -> str:
        """A hover's Markdown: every rule of a chained change explained, as `cleanup rules ID` does."""
        return "\n\n---\n\n".join(self._explain_one(one, message) for one in rule.split("+"))

    def _explain_one(self, rule: str, message: str) -> str:
        if rule in self._rules:
            return rule_page(self._rules[rule])
        term = self._terms.get(rule)
        if term is not None:
            return f"```text\n{_entry_text(term)}```"
        return f"# {rule}\n\n{message}\n\n(a grammar checker's rule; `cleanup rules` lists the house's)"


def _term_place(term: Term) -> str | None:
    """A glossary entry's file and line, as a link."""
    if term.where is None or not term.where.path:
        return None
    return f"{Path(term.where.path).resolve().as_uri()}#L{term.where.line}"


def _entry_text(term: Term) -> str:
    """A glossary entry as `cleanup rules GL:…` prints it, without colour."""
    from rich.console import Console

    out = io.StringIO()
    print_glossary_entry(Console(file=out, width=100, color_system=None, highlight=False), term)
    return out.getvalue()
