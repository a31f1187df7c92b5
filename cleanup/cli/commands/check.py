"""`cleanup check`: report what fix would change and flag, write nothing."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ...outputs.controls import visible
from ...outputs.formats import FileFindings, fails, findings, github_lines, json_report, sarif_report, text_lines
from ...outputs.tally import Tally
from ...pipeline import Settings
from ..batch import Failed, outcomes, show_progress
from ..console import failure_recorder, print_note, report_problems
from ..errors import EXIT_CHANGES, EXIT_ERROR, EXIT_OK
from ..inputs import decisions_finder, find_inputs, with_source
from ..settings import run_cache, run_settings

WHOLE_REPORTS = ("json", "sarif")  # check formats printed once, over every file; the others file by file


def run_check(args: argparse.Namespace) -> int:
    config, settings, made_of, loaded = run_settings(args)
    tally = Tally()
    inputs = with_source(find_inputs(args.paths, globs=config, unreadable=failure_recorder(tally)), args.source)
    decisions = decisions_finder(args.decisions, inputs, Path(config.out), args.force)
    print_note(loaded, args.quiet)
    cache = run_cache(args, config, made_of)
    items: list[FileFindings] = []
    failing = False
    for item, result, _ in outcomes(
        inputs, settings, args.encoding, decisions, args.jobs, show_progress(args), cache, args.scheduler
    ):
        if isinstance(result, Failed):
            tally.fail(str(item.path), result.message)
            continue
        outcome = result.outcome
        report_problems(str(item.path), outcome, tally)
        tally.add(outcome)
        failing = failing or fails([outcome], args.fail_on)
        if args.format in WHOLE_REPORTS:
            items.append((item.path.as_posix(), findings(outcome), outcome.changed))
        else:
            lines = github_lines if args.format == "github" else text_lines
            for line in lines(item.path.as_posix(), outcome):
                print(visible(line))
    _print_report_end(args, items, tally, settings)
    if tally.failures:
        return EXIT_ERROR
    return EXIT_CHANGES if failing else EXIT_OK


def _print_report_end(args: argparse.Namespace, items: list[FileFindings], tally: Tally, settings: Settings) -> None:
    """The report formats that are one document over every file, or else the one-line summary."""
    if args.format == "json":
        print(json.dumps(json_report(items), ensure_ascii=False, indent=2))
    elif args.format == "sarif":
        print(json.dumps(sarif_report(items, _descriptions(settings)), ensure_ascii=False, indent=2))
    else:
        line = f"{tally.total_changes} change(s) in {tally.changed} of {tally.files} file(s); {tally.flags.total()} flag(s)"
        rejected = tally.rejected.total()
        line += f"; {rejected} rejected in review" if rejected else ""
        print_note(line + (f"; {tally.spelling}" if tally.spelling else ""), args.quiet)


def _descriptions(settings: Settings) -> dict[str, str]:
    """A one-line description of every rule id a report may name."""
    found = {rule.id: rule.reason for rule in settings.rules}
    found |= {term.rule: f"house glossary: use “{term.preferred}”" for term in settings.glossary.terms}
    return found
