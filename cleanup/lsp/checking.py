"""A document checked: its outcome (from `pipeline.process`), and that outcome as LSP diagnostics, each
with its rule, its severity, a link to the rule's page and what a code action needs (the fix, the
suggestions)."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from ..glossary.names import NAME_RULE
from ..model import Document, Outcome, Problem, Severity
from ..outputs.findings import Finding, findings
from ..pipeline import Settings, process
from .explain import RuleLinks
from .positions import Positions

SOURCE = "cleanup"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,  # a change fix would make: what fails `check`
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.NOTE: types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Checked:
    """One version of a document, its outcome, and the findings as diagnostics (in text order)."""

    text: str
    version: int | None
    outcome: Outcome
    positions: Positions
    findings: tuple[Finding, ...]
    diagnostics: tuple[types.Diagnostic, ...]


def check(
    text: str, version: int | None, markdown: bool, settings: Settings, encoding: str, links: RuleLinks
) -> Checked:
    """The document checked as `cleanup check` checks it, its findings placed in the client's encoding."""
    outcome = process(Document(text, markdown=markdown), settings)
    positions = Positions(text, encoding)
    found = tuple(findings(outcome))
    diagnostics = [diagnostic(finding, positions, links) for finding in found]
    diagnostics += [problem_diagnostic(problem, positions) for problem in outcome.problems]
    return Checked(text, version, outcome, positions, found, tuple(diagnostics))


def diagnostic(finding: Finding, positions: Positions, links: RuleLinks) -> types.Diagnostic:
    """A change (with its replacement) or a flag (with its suggestions) as a diagnostic; a name note as a hint."""
    severity = SEVERITIES[finding.severity]
    if finding.rule == NAME_RULE:
        severity = types.DiagnosticSeverity.Hint
    href = links.href(finding.rule)
    data = {"rule": finding.rule, "suggestions": list(finding.suggestions), "category": finding.category}
    if finding.replacement is not None:
        data["replacement"] = finding.replacement
    return types.Diagnostic(
        positions.range(finding.start, finding.end),
        finding.message,
        severity=severity,
        code=finding.rule,
        code_description=types.CodeDescription(href) if href else None,
        source=SOURCE,
        data=data,
    )


def problem_diagnostic(problem: Problem, positions: Positions, source: str = SOURCE) -> types.Diagnostic:
    """A problem at a 1-based line and column (code points) as an error diagnostic there."""
    start = positions.at(problem.where.line, problem.where.column)
    return types.Diagnostic(
        types.Range(positions.position(start), positions.position(start)),
        problem.message,
        severity=types.DiagnosticSeverity.Error,
        source=source,
    )
