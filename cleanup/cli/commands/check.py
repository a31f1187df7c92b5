"""`cleanup check`: report what fix would change and flag, write nothing."""

from __future__ import annotations

import argparse

from ...outputs.controls import visible
from ...outputs.findings import fails
from ...outputs.reports import Report, RuleHelp, report
from ...outputs.ruledocs import flag_checks, rule_page
from ...outputs.tally import Tally
from ...pipeline import Settings
from ..batch import Failed, outcomes, show_progress
from ..console import print_note, report_problems
from ..errors import EXIT_CHANGES, EXIT_ERROR, EXIT_OK
from ..run import start_run


def run_check(args: argparse.Namespace) -> int:
    run = start_run(args, lambda line: print_note(line, args.quiet))
    tally = run.tally
    output = report(args.format, rule_help(run.settings))
    failing = False
    for item, result, _ in outcomes(run, args.encoding, args.jobs, show_progress(args), args.scheduler):
        if isinstance(result, Failed):
            tally.fail(str(item.path), result.message)
            continue
        outcome = result.outcome
        report_problems(str(item.path), outcome, tally)
        tally.add(outcome)
        failing = failing or fails(outcome, args.fail_on)
        for line in output.file(item.path.as_posix(), outcome):
            print(visible(line))
    _print_end(args, output, tally)
    if tally.failures:
        return EXIT_ERROR
    return EXIT_CHANGES if failing else EXIT_OK


def _print_end(args: argparse.Namespace, output: Report, tally: Tally) -> None:
    """The report's closing lines (a whole JSON or SARIF document), or else the one-line summary."""
    for line in output.end():
        print(line)
    if output.summary:
        line = f"{tally.total_changes} change(s) in {tally.changed} of {tally.files} file(s); {tally.flags.total()} flag(s)"
        rejected = tally.rejected.total()
        line += f"; {rejected} rejected in review" if rejected else ""
        print_note(line + (f"; {tally.spelling}" if tally.spelling else ""), args.quiet)


def rule_help(settings: Settings) -> dict[str, RuleHelp]:
    """What a report may say of every rule id it may name: built-in and house rules, the checks against
    the source and the name notes with their pages; glossary entries."""
    found = {rule.id: RuleHelp(rule.reason, rule_page(rule)) for rule in settings.rules}
    found |= {term.rule: RuleHelp(f"house glossary: use “{term.preferred}”") for term in settings.glossary.terms}
    found |= {check.id: RuleHelp(check.reason, rule_page(check)) for check in flag_checks()}
    return found
