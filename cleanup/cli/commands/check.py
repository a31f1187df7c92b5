"""`cleanup check`: report what fix would change and flag, write nothing (but the report, with --output-file)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path

from ...outputs.controls import visible
from ...outputs.findings import fails
from ...outputs.reports import RuleHelp, report
from ...outputs.ruledocs import flag_checks, rule_page
from ...outputs.statistics import Statistics
from ...pipeline import Settings
from ..batch import Failed, outcomes, show_progress
from ..changed import changed_lines, check_ref, on_lines
from ..console import print_note, report_problems
from ..errors import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, UsageError
from ..run import start_run
from ..stdin import STDIN
from ..write import utf8, write_atomically


def run_check(args: argparse.Namespace) -> int:
    _check_options(args)
    run = start_run(args, lambda line: print_note(line, args.quiet))
    tally = run.tally
    rules = rule_help(run.settings)
    output = report(args.format, rules)
    statistics = Statistics() if args.statistics else None
    written: list[str] = []
    emit: Callable[[str], None] = written.append if args.output_file else print
    failing = False
    for item, result, _ in outcomes(run, args.encoding, args.jobs, show_progress(args), args.scheduler):
        if isinstance(result, Failed):
            tally.fail(str(item.path), result.message)
            continue
        outcome = result.outcome
        if args.changed_since:
            outcome = on_lines(outcome, changed_lines(item.path, args.changed_since, item.data))
        report_problems(str(item.path), outcome, tally)
        tally.add(outcome)
        failing = failing or fails(outcome, args.fail_on)
        if statistics:
            statistics.add(outcome)
            continue
        for line in output.file(item.path.as_posix(), outcome):
            emit(visible(line))
    lines = statistics.lines({rule: said.short for rule, said in rules.items()}) if statistics else output.end()
    for line in lines:
        emit(line)
    if args.output_file:
        write_atomically({Path(args.output_file): utf8(_ended(written))})
    if statistics or output.summary:
        print_note(tally.line(), args.quiet)
    if tally.failures:
        return EXIT_ERROR
    return EXIT_CHANGES if failing and not args.exit_zero else EXIT_OK


def _check_options(args: argparse.Namespace) -> None:
    """Options that do not go together, refused before any work; the git commit of --changed-since."""
    if args.statistics and args.format != "text":
        raise UsageError(f"cleanup: --statistics prints counts as text; it does not go with --format {args.format}")
    if args.changed_since is not None:
        if STDIN in args.paths and not args.stdin_filename:
            raise UsageError("cleanup: --changed-since with standard input needs --stdin-filename (the file git knows)")
        check_ref(args.changed_since)


def _ended(lines: list[str]) -> Iterator[str]:
    for line in lines:
        yield line + "\n"


def rule_help(settings: Settings) -> dict[str, RuleHelp]:
    """What a report may say of every rule id it may name: built-in and house rules, the checks against
    the source and the name notes with their pages; glossary entries."""
    found = {rule.id: RuleHelp(rule.reason, rule_page(rule)) for rule in settings.rules}
    found |= {term.rule: RuleHelp(f"house glossary: use “{term.preferred}”") for term in settings.glossary.terms}
    found |= {check.id: RuleHelp(check.reason, rule_page(check)) for check in flag_checks()}
    return found
