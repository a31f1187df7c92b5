"""Command-line interface: arguments, files and exit codes. With cli_output, cli_glossary and cache, the only
modules that touch the file system."""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import functools
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

import regex
from rich.console import Console

from . import __version__
from .cache import Cache, default_folder, fingerprint
from .cli_history import UndoRefused, history_folder, record_files, undo_files
from .cli_output import (
    WriteError,
    encoded,
    remove_stale_temporaries,
    utf8,
    write_atomically,
)
from .cli_progress import ProgressLine
from .cli_project import (
    GLOSSARY_FOLDER,
    configuration_files,
    glossary_folder,
    loaded_summary,
)
from .config import GRAMMAR_BACKENDS, Config, ConfigError, parse_config
from .controls import visible
from .decisions import SUFFIX as DECISIONS_SUFFIX
from .decisions import DecisionFile, DecisionsError, load_decisions
from .diff import pieces_from_changes, pieces_from_texts, unified_diff
from .fix import FixDidNotConverge
from .grammar import (
    DIALECTS,
    HARPER_KINDS,
    HARPER_OFF_BY_DEFAULT,
    Checker,
    CheckerError,
    HarperChecker,
    harper_rule_names,
)
from .languagetool import LANGUAGETOOL_CATEGORIES, URL_VARIABLE, LanguageToolChecker
from .loader import Glossary, GlossaryError, load_glossary
from .model import Outcome
from .pipeline import ALL_RULES, Settings, names_a_rule, process
from .render import (
    Tally,
    print_flags,
    print_glossary_entry,
    print_rule,
    print_word_diff,
    rules_table,
)
from .reports import (
    FORMATS,
    change_log,
    fails,
    github_lines,
    json_report,
    markdown_report,
    sarif_report,
    text_lines,
)
from .review import review_page
from .rules import Rule
from .textio import (
    BinaryFile,
    DecodeError,
    UnsuitableEncoding,
    decode,
    diff_form,
    encode,
    text_encoding,
)
from .yamlread import paused_garbage_collection

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2
MAX_INPUT_BYTES = 256 << 20  # an article larger than this is refused, not read
TEXT_SUFFIXES = (".txt", ".md")
DEFAULT_INPUT = "seeds"
DEFAULT_GLOSSARY_DIR = GLOSSARY_FOLDER
DEFAULT_OUT = "corrected"
CONFIG_HELP = (
    "configuration file (default: the nearest cleanup.toml, or pyproject.toml with [tool.cleanup], "
    "from here up)"
)
REPORT_SUFFIX = ".report.md"
REVIEW_SUFFIXES = (".diff", ".changes.json", REPORT_SUFFIX, ".html")
_WORD = regex.compile(r"\S+")
_DEBUG_HINT = "set CLEANUP_DEBUG=1 to see the traceback"
WHOLE_REPORTS = ("json", "sarif")  # check formats printed once, over every file; the others file by file

DESCRIPTION = """\
Normalize terms in translated articles with the house glossary and write a corrected edition
with diffs an editor can review.

exit codes:
  0  success; for `check`, nothing would change; for `diff`, the files are equal
  1  `check`: a fix is pending (with --fail-on warning: or something is flagged);
     `diff`: the files differ
  2  usage or input error (bad glossary, rule or configuration, undecodable file, missing path,
     refused output, bad directive, a rule that ran too long, rules whose fixes never settle,
     a grammar checker that cannot run, a file that failed, nothing to undo)
"""


class UsageError(Exception):
    """A problem with the command line or the files it names; printed as one line, exit 2."""


@dataclass(frozen=True)
class Input:
    """One text file to process and where its outputs go."""

    path: Path
    name: str  # path relative to the folder it was found in, or the file name


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code; never lets a traceback reach the user for bad input."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        with paused_garbage_collection():  # a run builds millions of small acyclic objects on large files
            return args.handler(args)
    except GlossaryError as error:
        for problem in error.problems:
            _error(str(problem))
    except (UsageError, WriteError) as error:
        _error(str(error))
    except CheckerError as error:
        _error(f"cleanup: {error}")
    except BrokenPipeError:
        # The reader stopped early (`cleanup check | head`): not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CHANGES
    except KeyboardInterrupt:
        _error("cleanup: interrupted; no partial files were left")
        return 130
    except Exception as error:  # a bug, not bad input: say so briefly unless asked for details
        if os.environ.get("CLEANUP_DEBUG"):
            raise
        _error(f"cleanup: internal error: {type(error).__name__}: {error} (please report it; {_DEBUG_HINT})")
    return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanup", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"cleanup {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    fix = commands.add_parser("fix", help="write the corrected edition, a unified diff and a change log per file")
    _add_common(fix)
    fix.add_argument("--out", metavar="DIR", help=f"output folder (default: {DEFAULT_OUT}/)")
    fix.add_argument(
        "--in-place",
        action="store_true",
        help="rewrite the input files themselves; the diff, change log and report still go to the output folder",
    )
    fix.set_defaults(handler=_run_fix)

    check = commands.add_parser(
        "check", help="report what fix would change and what it flags, write nothing; exit 1 if anything would change"
    )
    _add_common(check)
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "never"),
        default="error",
        help="exit 1 when a fix is pending (error, the default), also when something is flagged (warning), or never",
    )
    check.set_defaults(handler=_run_check)

    diff = commands.add_parser("diff", help="word-level diff of any two text files")
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B")
    diff.add_argument("--encoding", metavar="NAME", help="encoding of files without a BOM (default: UTF-8)")
    diff.set_defaults(handler=_run_diff)

    undo = commands.add_parser("undo", help="restore articles as they were before the last `fix --in-place` run")
    undo.add_argument("paths", nargs="*", metavar="PATH", help=f"articles or folders, as given to fix (default: {DEFAULT_INPUT}/)")
    undo.add_argument("--out", metavar="DIR", help=f"the output folder fix wrote its records to (default: {DEFAULT_OUT}/)")
    undo.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    undo.set_defaults(handler=_run_undo)

    rules = commands.add_parser("rules", help="list every rule with id, safety and reason; or explain one")
    rules.add_argument("rule", nargs="?", metavar="ID", help="explain this rule, with its examples")
    _add_settings(rules)
    rules.set_defaults(handler=_run_rules)

    from . import cli_glossary  # imported here: it uses this module's helpers

    cli_glossary.add_commands(commands)
    return parser


def _add_common(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "paths", nargs="*", metavar="PATH", help=f"files or folders of .txt/.md files (default: {DEFAULT_INPUT}/)"
    )
    _add_settings(command)
    command.add_argument("--select", metavar="IDS", help="run only these rules (comma-separated ids or prefixes)")
    command.add_argument("--ignore", metavar="IDS", help="never run these rules (comma-separated ids or prefixes)")
    command.add_argument("--unsafe-fixes", action="store_true", default=None, help="also apply unsafe fixes")
    command.add_argument(
        "--grammar", choices=GRAMMAR_BACKENDS, help="grammar and spelling checker (default: harper; none to skip)"
    )
    command.add_argument(
        "--languagetool-url", metavar="URL", help=f"LanguageTool server for --grammar languagetool (or ${URL_VARIABLE})"
    )
    command.add_argument("--dialect", choices=DIALECTS, help="English dialect for Harper (default: american)")
    command.add_argument(
        "--apply-suggestions",
        metavar="CATEGORIES",
        help="apply flags of these categories that have one suggestion, as unsafe changes (comma-separated)",
    )
    command.add_argument("--encoding", metavar="NAME", help="encoding of files without a BOM (default: UTF-8)")
    command.add_argument(
        "--decisions",
        metavar="FILE",
        help="review decisions for the one article given (default: <output folder>/<name>.decisions.yaml if present)",
    )
    command.add_argument(
        "--force", action="store_true", help="apply a decisions file even when it was made on another article"
    )
    command.add_argument(
        "--jobs", type=_positive_number, default=os.cpu_count() or 1, metavar="N",
        help="worker processes for several files (default: all cores)",
    )
    command.add_argument(
        "--no-cache", action="store_true", help="process every file even when the cache has its outcome"
    )
    command.add_argument("-q", "--quiet", action="store_true", help="print only errors (and, for check, findings)")


def _positive_number(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return int(value)


def _add_settings(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--glossary",
        action="append",
        metavar="FILE",
        help=f"glossary or house-rules YAML file; repeat for several (default: the configuration's, else "
        f"{DEFAULT_GLOSSARY_DIR}/*.yaml here or in the project folder above)",
    )
    command.add_argument(
        "--config", metavar="FILE", help=CONFIG_HELP
    )


def _run_fix(args: argparse.Namespace) -> int:
    config, settings, key, loaded = _settings(args)
    out_dir = Path(args.out or config.out)
    tally = Tally()
    inputs = _inputs(args.paths, exclude=out_dir, globs=config, unreadable=_failure_recorder(tally))
    plan = _plan_outputs(inputs, out_dir, args.in_place)
    remove_stale_temporaries(out_dir)  # left by a run that was killed
    for folder in {target.parent for target in plan.values()} if args.in_place else ():
        remove_stale_temporaries(folder, recursive=False)
    console = _console(args.quiet)
    if not args.quiet:
        console.print(visible(loaded), markup=False, highlight=False, style="dim", soft_wrap=True)
    decisions = _decisions_finder(args.decisions, inputs, out_dir, args.force)
    cache = None if args.no_cache else Cache(_cache_folder(config), key)
    notes = {term.rule: term.note for term in settings.glossary.terms if term.note}
    # Each document's outputs are written as soon as it is done, so memory does not grow with the archive.
    for item, outcome, key in _outcomes(inputs, settings, args.encoding, decisions, args.jobs, _show_progress(args), cache):
        if isinstance(outcome, str):
            tally.fail(str(item.path), outcome)
            continue
        history = history_folder(out_dir, item.name) if args.in_place else None
        decided = decisions(item)
        _write_outputs(item, outcome, plan[item.path], out_dir / item.name, notes, cache if key else None, key, history,
                       decided.names)
        _note_new_names(decided, settings.glossary, args.quiet)
        _report_problems(item, outcome, tally)
        tally.add(outcome)
        if not args.quiet:
            _show(console, item, outcome, plan[item.path])
    if not args.quiet:
        for table in tally.tables():
            console.print(table)
    return EXIT_ERROR if tally.failures else EXIT_OK


def _run_undo(args: argparse.Namespace) -> int:
    """Undo the last in-place run on each article: its bytes before, and the records of the run before."""
    config = _config(args.config)
    out_dir = Path(args.out or config.out)
    tally = Tally()
    for item in _inputs(args.paths, exclude=out_dir, globs=config, unreadable=_failure_recorder(tally)):
        records = dict(zip(("diff", "changes", "report", "page"), (_review_path(out_dir / item.name, s) for s in REVIEW_SUFFIXES)))
        try:
            writes, removes = undo_files(history_folder(out_dir, item.name), _real_file(item.path), records)
        except UndoRefused as error:
            _error(str(error))
            tally.fail(str(item.path), str(error))
            continue
        write_atomically(writes)
        for path in removes:
            path.unlink(missing_ok=True)
        print(f"{item.path}: restored as it was before the last in-place run")
    return EXIT_ERROR if tally.failures else EXIT_OK


def _note_new_names(decided: DecisionFile, glossary: Glossary, quiet: bool) -> None:
    """Say when names confirmed in review are not in the glossary yet, and how to add them."""
    known = {term.preferred for term in glossary.terms}
    new = [name for name in decided.names if name not in known]
    if new:
        _note(f"{decided.path}: {len(new)} name(s) confirmed in review are not in the glossary yet "
              f"({', '.join(new)}); add them: cleanup glossary add --names-from {decided.path}", quiet)


def _failure_recorder(tally: Tally) -> Callable[[str, str], None]:
    """Reports a failure as it happens and keeps it for the run's summary and exit code."""

    def record(path: str, why: str) -> None:
        _error(why)
        tally.fail(path, why)

    return record


def _show(console: Console, item: Input, outcome: Outcome, target: Path) -> None:
    """The word-level diff and the flags of one document, in the terminal."""
    if outcome.changes:
        title = f"{item.path} → {target} ({len(outcome.changes)} changes)"
        print_word_diff(console, title, pieces_from_changes(outcome.original.text, outcome.corrected, outcome.changes))
    print_flags(console, str(item.path), outcome)


def _run_check(args: argparse.Namespace) -> int:
    config, settings, key, loaded = _settings(args)
    tally = Tally()
    inputs = _inputs(args.paths, globs=config, unreadable=_failure_recorder(tally))
    decisions = _decisions_finder(args.decisions, inputs, Path(config.out), args.force)
    _note(loaded, args.quiet)
    cache = None if args.no_cache else Cache(_cache_folder(config), key)
    items, failing = [], False
    for item, outcome, _ in _outcomes(inputs, settings, args.encoding, decisions, args.jobs, _show_progress(args), cache):
        if isinstance(outcome, str):
            tally.fail(str(item.path), outcome)
            continue
        _report_problems(item, outcome, tally)
        tally.add(outcome)
        failing = failing or fails([outcome], args.fail_on)
        if args.format in WHOLE_REPORTS:
            items.append((item.path.as_posix(), outcome))
        else:
            lines = github_lines if args.format == "github" else text_lines
            for line in lines(item.path.as_posix(), outcome):
                print(visible(line))
    _print_report_end(args, items, tally, settings)
    if tally.failures:
        return EXIT_ERROR
    return EXIT_CHANGES if failing else EXIT_OK


def _print_report_end(args: argparse.Namespace, items: list[tuple[str, Outcome]], tally: Tally, settings: Settings) -> None:
    """The report formats that are one document over every file, or else the one-line summary."""
    if args.format == "json":
        print(json.dumps(json_report(items), ensure_ascii=False, indent=2))
    elif args.format == "sarif":
        print(json.dumps(sarif_report(items, _descriptions(settings)), ensure_ascii=False, indent=2))
    elif not args.quiet:
        line = f"{tally.total_changes} change(s) in {tally.changed} of {tally.files} file(s); {tally.flags.total()} flag(s)"
        rejected = tally.rejected.total()
        print(line + (f"; {rejected} rejected in review" if rejected else ""), file=sys.stderr)


def _descriptions(settings: Settings) -> dict[str, str]:
    """A one-line description of every rule id a report may name."""
    found = {rule.id: rule.reason for rule in settings.rules}
    found |= {term.rule: f"house glossary: use “{term.preferred}”" for term in settings.glossary.terms}
    return found


def _run_diff(args: argparse.Namespace) -> int:
    encoding = _encoding(args.encoding)
    try:
        a, b = (_read_document(Path(p), encoding) for p in (args.a, args.b))
    except BinaryFile as error:
        raise UsageError(f"cleanup diff: {error}") from None
    if a is None or b is None:
        return EXIT_ERROR
    pieces = pieces_from_texts(a.text, b.text)
    if a.text == b.text:
        return EXIT_OK
    print_word_diff(_console(False), f"{args.a} → {args.b}", pieces)
    return EXIT_CHANGES


def _run_rules(args: argparse.Namespace) -> int:
    _, settings, _, _ = _settings(args)
    console = _console(False)
    if args.rule is None:
        console.print(rules_table(settings.rules))
        terms = settings.glossary.terms
        entries = sum(1 for t in terms if t.variants)
        names = len(terms) - entries
        console.print(f"and {entries} glossary {'entry' if entries == 1 else 'entries'} and {names} "
                      f"{'name' if names == 1 else 'names'}, each a rule GL:<preferred form> "
                      "(`cleanup rules GL:ISIS` explains one)", markup=False, highlight=False)
        return EXIT_OK
    rule = next((r for r in settings.rules if r.id == args.rule), None)
    term = next((t for t in settings.glossary.terms if t.rule == args.rule), None)
    if term is not None:
        print_glossary_entry(console, term)
        return EXIT_OK
    if rule is None:
        known = {i.casefold(): i for i in [r.id for r in settings.rules] + [t.rule for t in settings.glossary.terms]}
        close = difflib.get_close_matches(args.rule.casefold(), known, n=1, cutoff=0.75)
        hint = f"did you mean {known[close[0]]!r}?" if close else "`cleanup rules` lists them"
        raise UsageError(f"cleanup: no rule or glossary entry {args.rule!r}; {hint}")
    print_rule(console, rule)
    return EXIT_OK


def _report_problems(item: Input, outcome: Outcome, tally: Tally) -> None:
    """Print a document's problems (a bad directive, a rule that ran too long); each makes the run fail."""
    for problem in outcome.problems:
        message = str(replace(problem, where=replace(problem.where, path=str(item.path))))
        _error(message)
        tally.fail(str(item.path), message)


def _settings(args: argparse.Namespace) -> tuple[Config, Settings, str, str]:
    """Configuration file, then command-line options, into the settings of this run, a fingerprint of
    everything that went into them (for the cache), and a line saying which files were loaded."""
    config = _config(args.config)
    sources = _glossary_sources(args.glossary or list(config.glossary))
    glossary = load_glossary(sources, reserved_ids=[rule.id for rule in ALL_RULES])
    rules = ALL_RULES + glossary.rules
    select = _ids(getattr(args, "select", None)) or config.select
    ignore = _ids(getattr(args, "ignore", None)) or config.ignore
    _check_ids(select + ignore, rules, glossary)
    settings = Settings(
        glossary,
        rules,
        select,
        ignore,
        unsafe_fixes=bool(getattr(args, "unsafe_fixes", None) or config.unsafe_fixes),
        quotations=config.quotations,
        arabic_article=config.arabic_article,
        checker=_checker(args, config, glossary),
        apply_suggestions=_suggestion_categories(args, config),
    )
    given_here = bool(getattr(args, "apply_suggestions", None))
    _check_categories(settings.apply_suggestions, settings.checker,
                      "cleanup: --apply-suggestions" if given_here else f"{config.source}: apply-suggestions")
    checker = settings.checker
    described = (checker.name, getattr(checker, "dialect", None), getattr(checker, "disabled", None),
                 getattr(checker, "url", None)) if checker else None
    options = (select, ignore, settings.unsafe_fixes, settings.quotations, settings.arabic_article,
               settings.apply_suggestions, described, replace(config, source=""))
    loaded = loaded_summary(config.source, [Path(path) for path, _ in sources], glossary)
    return config, settings, fingerprint([sources, options]), loaded


def _checker(args: argparse.Namespace, config: Config, glossary: Glossary) -> Checker | None:
    """The grammar checker chosen on the command line or in the configuration (Harper by default)."""
    backend = getattr(args, "grammar", None) or config.grammar
    if getattr(args, "languagetool_url", None) and backend != "languagetool":
        raise UsageError(f"cleanup: --languagetool-url only applies with --grammar languagetool (the checker is {backend})")
    if getattr(args, "dialect", None) and backend != "harper":
        raise UsageError(f"cleanup: --dialect only applies to Harper (--grammar harper); the checker is {backend}")
    words = glossary.spelling_words
    if backend == "none":
        return None
    if backend == "harper":
        dialect = getattr(args, "dialect", None) or config.dialect
        _check_harper_rules(config, dialect)
        return HarperChecker(words, dialect, config.harper_disable)
    url = getattr(args, "languagetool_url", None) or os.environ.get(URL_VARIABLE) or config.languagetool_url or None
    return LanguageToolChecker(
        url,
        config.languagetool_language,
        words,
        config.languagetool_enabled_rules,
        config.languagetool_disabled_rules,
        config.languagetool_enabled_categories,
        config.languagetool_disabled_categories,
    )


def _check_harper_rules(config: Config, dialect: str) -> None:
    """Every name in `harper-disable` must be one of Harper's rules (a typo would silently keep it on)."""
    if config.harper_disable == HARPER_OFF_BY_DEFAULT:
        return  # the defaults are Harper's own names; asking Harper costs a dictionary build (0.5 s)
    known = harper_rule_names(dialect)
    for name in config.harper_disable:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "see Harper's rule names"
            raise UsageError(f"{config.source or 'configuration'}: harper-disable: Harper has no rule {name!r}; {hint}")


def _suggestion_categories(args: argparse.Namespace, config: Config) -> tuple[str, ...]:
    """The categories of `--apply-suggestions`, else of the configuration."""
    return _ids(getattr(args, "apply_suggestions", None)) or config.apply_suggestions


def _check_categories(categories: Sequence[str], checker: Checker | None, where: str) -> None:
    """Each category must be one a flag can carry: a typo would silently apply nothing."""
    from_checker = {"harper": HARPER_KINDS, "languagetool": LANGUAGETOOL_CATEGORIES}
    kinds = from_checker[checker.name] if checker else HARPER_KINDS | LANGUAGETOOL_CATEGORIES
    known = {kind.lower(): kind for kind in {"house", "grammar", *kinds}}
    for category in categories:
        if category.lower() in known:
            continue
        close = difflib.get_close_matches(category.lower(), sorted(known), n=1)
        if not close and checker and checker.name == "languagetool" and regex.fullmatch(r"[A-Z][A-Z0-9_]*", category):
            continue  # a server may have categories of its own (an add-on's, a language's); not a near-miss
        hint = f"did you mean {known[close[0]]!r}?" if close else "allowed: " + ", ".join(sorted(known.values()))
        checker_name = checker.name if checker else "none"
        raise UsageError(
            f"{where}: no flag has category {category!r} (checker {checker_name}); {hint}"
        )


def _ids(raw: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip()) if raw else ()


def _check_ids(prefixes: Sequence[str], rules: Sequence[Rule], glossary: Glossary) -> None:
    for prefix in prefixes:
        if not names_a_rule(prefix, rules, glossary):
            raise UsageError(f"cleanup: no rule id starts with {prefix!r}; `cleanup rules` lists them")


def _config(path: str | None) -> Config:
    """The configuration named, else the nearest cleanup.toml, or pyproject.toml with a
    [tool.cleanup] table, from the working folder up; else the defaults."""
    candidates = [Path(path)] if path else configuration_files()
    for candidate in candidates:
        try:
            found = parse_config(candidate.as_posix(), _read_utf8(candidate))
        except ConfigError as error:
            raise UsageError(str(error)) from None
        if found is not None:
            return found
    return Config()


def _glossary(paths: Sequence[str]) -> Glossary:
    """Load the named glossary files, or every glossary/*.yaml when none is named."""
    return load_glossary(_glossary_sources(paths), reserved_ids=[rule.id for rule in ALL_RULES])


def _glossary_sources(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(path, text) of the named glossary files, or of every glossary/*.yaml when none is named."""
    files = glossary_files(paths)
    if not files:
        raise UsageError(
            f"cleanup: no glossary: no {DEFAULT_GLOSSARY_DIR}/*.yaml here or beside a cleanup.toml or pyproject.toml "
            "above; pass --glossary FILE"
        )
    return [(str(file), _read_utf8(file)) for file in files]


def glossary_files(paths: Sequence[str]) -> list[Path]:
    """The named glossary files, or every glossary/*.yaml (and *.yml) when none is named."""
    if paths:
        return [Path(p) for p in paths]
    folder = glossary_folder()
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


NO_DECISIONS = DecisionFile(None, None, [])
REVIEW_HEADING = b"# Review: "  # the first line of every review report


def _inputs(
    paths: Sequence[str],
    exclude: Path | None = None,
    globs: Config | None = None,
    unreadable: Callable[[str, str], None] | None = None,
) -> list[Input]:
    """Every text file named, or found under the named folders (filtered by the configuration's
    `include` and `exclude` globs), in a stable order. A subfolder that cannot be read is passed to
    `unreadable` (path, message), else reported as an error; the rest of the run goes on."""
    found: list[Input] = []
    for raw in paths or [DEFAULT_INPUT]:
        path = Path(raw)
        if path.is_dir():
            files, errors = _walk(path, exclude)
            if errors and errors[0].filename == str(path):
                raise UsageError(f"{path}: cannot read this folder ({errors[0].strerror}); check its permissions")
            for error in errors:
                message = f"{error.filename}: cannot read this folder ({error.strerror}); its articles were not processed"
                (unreadable or (lambda _, why: _error(why)))(str(error.filename), message)
            files = [f for f in files if _wanted(f.relative_to(path).as_posix(), globs or Config())]
            if not files and not errors:
                raise UsageError(f"{path}: no {' or '.join(TEXT_SUFFIXES)} files in this folder")
            found.extend(Input(file, file.relative_to(path).as_posix()) for file in files)
        elif path.exists():
            found.append(Input(path, path.name))
        elif not paths:
            raise UsageError(
                f"{DEFAULT_INPUT}: no such folder (the default when no PATH is given); name articles or "
                "folders, for example: cleanup fix article.txt drafts/"
            )
        else:
            raise UsageError(f"{path}: no such file or folder")
    return found


def _wanted(relative: str, config: Config) -> bool:
    """Whether a file found in a folder passes the `include` and `exclude` globs."""
    return any(_glob_match(relative, g) for g in config.include) and not any(_glob_match(relative, g) for g in config.exclude)


def _glob_match(relative: str, pattern: str) -> bool:
    """fnmatch on the path inside the folder; a leading `**/` also matches files at the top."""
    return fnmatch.fnmatchcase(relative, pattern) or (pattern.startswith("**/") and fnmatch.fnmatchcase(relative, pattern[3:]))


def _walk(folder: Path, exclude: Path | None) -> tuple[list[Path], list[OSError]]:
    """The article files under `folder` (not following links to folders), and the subfolders that
    could not be read."""
    # The output folder inside an input folder holds outputs, not inputs (unless they are the same folder).
    skip = exclude.resolve() if exclude and exclude.resolve() != folder.resolve() else None
    files, errors = [], []
    for root, folders, names in os.walk(folder, onerror=errors.append):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            file = Path(root, name)
            if name.startswith(".") or file.suffix.lower() not in TEXT_SUFFIXES or not file.is_file():
                continue
            if skip and skip in file.resolve().parents:
                continue
            if _is_review_report(file):
                continue
            files.append(file)
    return sorted(files), errors


def _is_review_report(file: Path) -> bool:
    """A `NAME.report.md` written by `fix` next to the corrected `NAME` (it starts `# Review: `): an
    output, not an article. Any other file of that name is an article (and its outputs clash)."""
    if not file.name.endswith(REPORT_SUFFIX) or not file.with_name(file.name[: -len(REPORT_SUFFIX)]).is_file():
        return False
    try:
        with open(file, "rb") as stream:
            return stream.read(len(REVIEW_HEADING)) == REVIEW_HEADING
    except OSError:
        return False


def _plan_outputs(inputs: Sequence[Input], out_dir: Path, in_place: bool) -> dict[Path, Path]:
    """Where each input's corrected text goes: its own path with --in-place, else under `out_dir`.
    Refuses to overwrite an input (unless in place) or to write two inputs to one file."""
    plan: dict[Path, Path] = {}
    claimed: dict[Path, Path] = {}
    sources = {item.path.resolve() for item in inputs}
    resolved_out = out_dir.resolve()  # once: resolving every output path costs more than the rest of a cached run
    for item in inputs:
        target = out_dir / item.name
        resolved = resolved_out / item.name
        review_files = [_review_path(resolved, suffix) for suffix in REVIEW_SUFFIXES]
        if not in_place and resolved in sources or any(path in sources for path in review_files):
            raise UsageError(f"{item.path}: the output {target} would overwrite an input; choose another --out")
        for output in [resolved, *review_files]:
            if claimed.setdefault(output, item.path) != item.path:
                shown = out_dir / output.relative_to(resolved_out)
                raise UsageError(f"{item.path} and {claimed[output]} would both be written to {shown}; rename one of them")
        plan[item.path] = _real_file(item.path) if in_place else target
    return plan


def _real_file(path: Path) -> Path:
    """The file a path names: --in-place writes through a symbolic link to the file it points at."""
    return path.resolve() if path.is_symlink() else path


def _review_path(target: Path, suffix: str) -> Path:
    return target.with_name(target.name + suffix)


def _outcomes(
    inputs: Sequence[Input],
    settings: Settings,
    encoding: str | None,
    decisions: Callable[[Input], DecisionFile],
    jobs: int = 1,
    progress: bool = False,
    cache: Cache | None = None,
) -> Iterator[tuple[Input, Outcome | str, str | None]]:
    """Each input's outcome and cache key, in input order, as soon as it is ready: processed in
    `jobs` worker processes, or taken from the cache. An input that fails is reported and yields the
    message; a binary one is reported and skipped."""
    encoding = _encoding(encoding)
    tasks = [(item.path, encoding, item.path.suffix.lower() == ".md", decisions(item).decisions) for item in inputs]
    bar = ProgressLine(sys.stderr, len(inputs)) if progress else None
    results = _results_in_order(tasks, settings, jobs, cache)
    try:
        for item in inputs:
            if bar:
                bar.draw()  # shown while the next file is worked on
            kind, result, key = next(results)
            if bar:
                bar.advance(_word_count(result.original.text) if isinstance(result, Outcome) else 0)
                bar.clear()  # whatever is printed next starts on a clean line
            if kind == "binary":
                _error(f"{item.path}: {result}")  # skipped, not a failure: it is not an article
                continue
            if kind == "failed":
                _error(result)
            else:
                for decision in result.stale:
                    _error(f"{decision.where}: stale decision: {decision.rule} “{decision.before}” matches no change any more; remove it")
            yield item, result, key
    finally:
        if bar:
            bar.clear()


def _results_in_order(tasks: list, settings: Settings, jobs: int, cache: Cache | None) -> Iterator[tuple[str, object, str | None]]:
    """(kind, result, cache key) in task order: from the cache where the input and everything in
    force are unchanged."""
    if cache is None:
        yield from ((*result, None) for result in _results(tasks, settings, jobs))
        return
    keys = [_cache_key(cache, task) for task in tasks]
    stored = [key is not None and cache.has(key) for key in keys]
    computed = _results([task for task, hit in zip(tasks, stored) if not hit], settings, jobs)
    for task, key, hit in zip(tasks, keys, stored):
        outcome = cache.get(key) if hit else None
        if outcome is not None:
            yield "ok", outcome, key
            continue
        kind, result = next(computed) if not hit else _process_one(settings, *task)  # an entry that would not load
        if kind == "ok" and key and not result.problems:
            cache.put(key, result)
        yield kind, result, key


def _cache_folder(config: Config) -> Path:
    """The configured cache folder, else the user's cache folder (never the working folder)."""
    return Path(config.cache_dir) if config.cache_dir is not None else default_folder()


def _cache_key(cache: Cache, task: tuple) -> str | None:
    path, encoding, markdown, decisions = task
    try:
        data = _read_bytes(path)
    except UsageError:
        return None  # reported when the file is processed
    return cache.key(data, encoding or "", markdown, decisions)


def _results(tasks: list, settings: Settings, jobs: int) -> Iterator[tuple[str, object]]:
    """Each task's result, in order: in this process, or in worker processes that build their
    settings (and grammar checker) once. A worker that dies (killed for memory, a crash in a checker)
    costs only the file it was on: the files it left are run one by one in fresh workers until the
    one that kills its worker is found (it is retried once, then reported), and the rest go on."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from (_process_one(settings, *task) for task in tasks)
        return
    results: dict[int, tuple[str, object]] = {}
    remaining = list(range(len(tasks)))
    next_out, isolating = 0, False
    while remaining:
        if isolating:
            index = remaining.pop(0)
            results[index], crashed = _isolated(settings, tasks[index])
            isolating = not crashed  # the file that killed the worker is found: back to running in parallel
        else:
            isolating = _run_pool(settings, tasks, remaining, results, jobs)
            remaining = [index for index in remaining if index not in results]
        while next_out in results:
            yield results.pop(next_out)
            next_out += 1


def _run_pool(settings: Settings, tasks: list, indices: list[int], results: dict, jobs: int) -> bool:
    """Run the tasks at `indices` in worker processes, filling `results`; whether a worker died."""
    with ProcessPoolExecutor(max_workers=min(jobs, len(indices)), initializer=_start_worker, initargs=(settings,)) as pool:
        futures = [(index, pool.submit(_process_in_worker, tasks[index])) for index in indices]
        for index, future in futures:
            try:
                results[index] = future.result()
            except BrokenProcessPool:
                return True
    return False


def _isolated(settings: Settings, task: tuple) -> tuple[tuple[str, object], bool]:
    """One task in a worker of its own, retried once in a fresh one if the worker dies; (result, died)."""
    for _ in range(2):
        with ProcessPoolExecutor(max_workers=1, initializer=_start_worker, initargs=(settings,)) as pool:
            try:
                return pool.submit(_process_in_worker, task).result(), False
            except BrokenProcessPool:
                continue
    message = f"{task[0]}: the process checking it died twice (out of memory, or a crash in a checker); nothing was written for this file"
    return ("failed", message), True


_WORKER_SETTINGS: Settings | None = None


def _start_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _process_in_worker(task: tuple) -> tuple[str, object]:
    return _process_one(_WORKER_SETTINGS, *task)


def _show_progress(args: argparse.Namespace) -> bool:
    return not args.quiet and sys.stderr.isatty()


def _process_one(settings: Settings, path: Path, encoding: str | None, markdown: bool, decisions: list) -> tuple[str, object]:
    """("ok", outcome), ("binary", why) or ("failed", message) for one file: whatever goes wrong
    with one file never stops the others."""
    try:
        document = decode(_read_bytes(path), encoding)
    except BinaryFile as error:
        return "binary", str(error)
    except DecodeError as error:
        return "failed", _undecodable(path, error)
    except UsageError as error:
        return "failed", str(error)
    try:
        return "ok", process(document, settings, markdown, decisions)
    except FixDidNotConverge as error:
        return "failed", f"{path}: {error}; nothing was written for this file. Check these rules for edits that undo each other."
    except CheckerError:
        raise  # the checker is down for every file, not just this one
    except Exception as error:  # a bug: report it for this file and go on with the others
        if os.environ.get("CLEANUP_DEBUG"):
            raise
        return "failed", f"{path}: internal error: {type(error).__name__}: {error} (please report it; {_DEBUG_HINT})"


def _word_count(text: str) -> int:
    """Words in `text`, counted without building a list of them (an article may be megabytes)."""
    return sum(1 for _ in _WORD.finditer(text))


def _decisions_finder(
    explicit: str | None, inputs: Sequence[Input], out_dir: Path, force: bool = False
) -> Callable[[Input], DecisionFile]:
    """Where each input's review decisions come from: --decisions FILE (one input only), else
    `<output folder>/<name>.decisions.yaml` when it exists. Every file is read before any work, and
    decisions made on another article are refused (unless `force`)."""
    if explicit and len(inputs) != 1:
        raise UsageError(f"cleanup: --decisions FILE applies to one article, but {len(inputs)} were given")
    found: dict[Path, DecisionFile] = {}
    for item in inputs:
        path = Path(explicit) if explicit else out_dir / (item.name + DECISIONS_SUFFIX)
        if explicit or path.is_file():
            try:
                decided = load_decisions(str(path), _read_utf8(path))
            except DecisionsError as error:
                raise UsageError(str(error)) from None
            if not force and not decided.written_for(item.path.as_posix(), functools.partial(_read_bytes, item.path)):
                raise UsageError(
                    f"{path}:1:1: these decisions were made on {decided.article}, not on {item.path}; "
                    "give the decisions file of this article, or --force to apply them anyway"
                )
            found[item.path] = decided
    return lambda item: found.get(item.path, NO_DECISIONS)


def _read_utf8(path: Path) -> str:
    """A side file (glossary, configuration, decisions) that must be UTF-8 text."""
    try:
        return decode(_read_bytes(path)).text
    except BinaryFile:
        raise UsageError(f"{path}: not a text file (it contains NUL bytes); save it as UTF-8 text") from None
    except DecodeError as error:
        raise UsageError(f"{path}:{error}; save the file as UTF-8") from None


def _read_document(path: Path, encoding: str | None):
    try:
        return decode(_read_bytes(path), encoding)
    except BinaryFile:
        raise
    except DecodeError as error:
        _error(_undecodable(path, error))
    return None


def _undecodable(path: Path, error: DecodeError) -> str:
    return f"{path}:{error}; use --encoding NAME if the file is in another encoding (for example cp1256)"


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_INPUT_BYTES; never a device, FIFO or socket."""
    try:  # opened without blocking, so that a FIFO with no writer is refused rather than waited on
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)), "rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise UsageError(f"{path}: is a folder, expected a file")
            if not stat.S_ISREG(mode):
                raise UsageError(f"{path}: not a regular file (a device, pipe or socket); give a text file")
            data = stream.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, expected a file") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read ({error.strerror})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{path}: larger than {MAX_INPUT_BYTES >> 20} MB; split it into articles")
    return data


def _encoding(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return text_encoding(name)
    except UnsuitableEncoding as error:
        raise UsageError(f"cleanup: {error}") from None


def _write_outputs(
    item: Input,
    outcome: Outcome,
    target: Path,
    review: Path,
    notes: dict[str, str],
    cache: Cache | None,
    key: str | None,
    history: Path | None = None,
    names: Sequence[str] = (),
) -> None:
    """Write the corrected text to `target`, and its unified diff, change log, review report and
    review page next to `review`, each streamed to a temporary file first, then all renamed. Outputs
    that are still as a run with the same cache key left them are not written again. In place
    (`history` given), a run that changes the article is recorded there first, and a run that
    changes nothing leaves the last real record alone."""
    outputs = [target, *(_review_path(review, suffix) for suffix in REVIEW_SUFFIXES)]
    written_for = f"{key}:{item.path.as_posix()}:{json.dumps(list(names))}"  # outputs name their input and names too
    if cache and cache.outputs_current(written_for, outputs):
        return
    _, diff, log, report, page = outputs
    if history is not None and not outcome.changed and diff.is_file():
        return
    original, path, output = outcome.original, item.path.as_posix(), target.as_posix()
    files: dict[Path, Iterable[bytes]] = {}
    if history is not None and outcome.changed:
        before, after = encode(original, original.text), encode(original, outcome.corrected)
        files |= record_files(history, before, after, _diff_bytes(item, outcome, review), utf8(change_log(path, output, outcome)))
    files |= {  # the records first and the edition last: a failure never leaves an unrecorded edition
        diff: _diff_bytes(item, outcome, review),
        log: utf8(change_log(path, output, outcome)),
        report: utf8(markdown_report(path, output, outcome)),
        page: utf8(review_page(path, review.as_posix(), outcome, notes, names)),
        target: [encode(original, outcome.corrected)],
    }
    write_atomically(files)
    if cache:
        cache.remember_outputs(written_for, outputs)


def _diff_bytes(item: Input, outcome: Outcome, review: Path) -> Iterator[bytes]:
    """The unified diff in the article's own encoding (with its UTF-8 byte-order mark), so that patch
    applies it to the file's bytes; UTF-8 with a note for UTF-16 and UTF-32, which patch cannot read."""
    encoding, bom, note = diff_form(outcome.original)
    lines = unified_diff(
        outcome.original.text, outcome.corrected, outcome.changes, str(item.path), review.as_posix(), bom=bom, note=note
    )
    return encoded(lines, encoding, errors="backslashreplace")  # only a file name can fall outside the encoding


def _first_line(error: Exception) -> str:
    return (str(error).strip() or type(error).__name__).splitlines()[0]


def _console(quiet: bool) -> Console:
    return Console(quiet=quiet, highlight=False)


def _error(message: str) -> None:
    print(visible(message), file=sys.stderr)


def _note(message: str, quiet: bool) -> None:
    """Information about the run on standard error (so reports on standard output stay clean)."""
    if not quiet:
        print(visible(message), file=sys.stderr)
