"""The command line: every command, its options and their help."""

from __future__ import annotations

import argparse
import importlib
import os
import re
from collections.abc import Callable, Sequence

from ..checkers import DIALECTS, GRAMMAR_BACKENDS, HEADING_CASES, URL_VARIABLE
from ..config import NAME_NOTES
from ..version import VERSION
from .defaults import DEFAULT_INPUT, DEFAULT_OUT, DOCX_MODES, SOURCE_SUFFIXES, listed_files
from .defaults import GLOSSARY_FOLDER as DEFAULT_GLOSSARY_DIR

DESCRIPTION = """\
Normalize terms in translated articles with the house glossary and write a corrected edition
with diffs an editor can review.

exit codes:
  0  success; for `check`, nothing would change; for `diff`, the files are equal
  1  `check`: a fix is pending (with --fail-on warning: or something is flagged;
     never with --exit-zero); `fix --diff`: something would change; `diff`: the files differ
  2  usage or input error (bad glossary, rule or configuration, undecodable file, missing path,
     refused output, bad directive, a rule that ran too long, rules whose fixes never settle,
     a grammar checker that cannot run, a file that failed, nothing to undo)
"""


CONFIG_HELP = (
    "configuration file (default: the nearest cleanup.toml, or pyproject.toml with [tool.cleanup], from here up)"
)


def build_parser(words: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given the `words` it will parse, only the commands they name get their
    options (each option costs argparse a help formatter; a run needs its own command's): every command is
    still listed, with its help, unless the first word is a command (argparse takes it as the command then:
    the parser's own options are flags), which alone is built."""
    parser = argparse.ArgumentParser(
        prog="cleanup", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"cleanup {VERSION}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parser.set_defaults(subcommands=commands.choices)
    chosen = words[0] if words and words[0] in _COMMANDS else None
    for name, (help_text, add_options) in _COMMANDS.items():
        if chosen is not None and name != chosen:
            continue
        command = commands.add_parser(name, help=help_text)
        if words is None or name in words:
            add_options(command)
    return parser


def _fix(fix: argparse.ArgumentParser) -> None:
    _add_common(fix)
    fix.add_argument("--out", metavar="DIR", help=f"output folder (default: {DEFAULT_OUT}/)")
    fix.add_argument(
        "--in-place",
        action="store_true",
        help="rewrite the input files themselves; the diff, change log and report still go to the output folder",
    )
    fix.add_argument(
        "--docx-mode",
        choices=DOCX_MODES,
        default=DOCX_MODES[0],
        help="Word files: every change as a tracked change with its reason in a comment, and every flag as a "
        "comment (review, the default); or the changes already accepted (clean)",
    )
    fix.add_argument(
        "--diff",
        action="store_true",
        help="print the unified diff of what fix would change and write nothing; exit 1 if anything would change",
    )
    fix.set_defaults(handler=_lazy("fix", "run_fix"))


def _serve(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"files or folders of {listed_files('and')} (default: {DEFAULT_INPUT}/)",
    )
    _add_settings(serve)
    serve.add_argument("--out", metavar="DIR", help=f"output folder (default: {DEFAULT_OUT}/)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--port", type=_port, default=8700, help="port to listen on (default: 8700; 0: any free port)")
    # `serve` sits above the command line (it runs fix's steps), so its handler is found by name, not imported.
    serve.set_defaults(handler=_lazy("serve", "run_serve", "cleanup.serve.command"))


def _check(check: argparse.ArgumentParser) -> None:
    from ..outputs.reports import REPORTS  # here: a run of another command never loads the report formats

    _add_common(check)
    check.add_argument("--format", choices=tuple(REPORTS), default="text", help="output format (default: text)")
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "never"),
        default="error",
        help="exit 1 when a fix is pending (error, the default), also when something is flagged (warning), or never",
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when something is found (2 still on errors)"
    )
    check.add_argument(
        "--output-file", metavar="FILE", help="write the report to FILE (atomically) instead of standard output"
    )
    check.add_argument(
        "--statistics", action="store_true", help="print how many findings each rule has, instead of the findings"
    )
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="report only findings on lines changed since the git commit REF (git diff REF; untracked files: "
        "every line)",
    )
    check.set_defaults(handler=_lazy("check", "run_check"))


def _diff(diff: argparse.ArgumentParser) -> None:
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B")
    diff.add_argument("--encoding", metavar="NAME", help="encoding of files without a BOM (default: UTF-8)")
    diff.set_defaults(handler=_lazy("diff", "run_diff"))


def _undo(undo: argparse.ArgumentParser) -> None:
    undo.add_argument(
        "paths", nargs="*", metavar="PATH", help=f"articles or folders, as given to fix (default: {DEFAULT_INPUT}/)"
    )
    undo.add_argument(
        "--out", metavar="DIR", help=f"the output folder fix wrote its records to (default: {DEFAULT_OUT}/)"
    )
    undo.add_argument("--config", metavar="FILE", help=CONFIG_HELP)
    undo.add_argument(
        "--list", action="store_true", help="list the recorded in-place runs and saved copies; undo nothing"
    )
    undo.set_defaults(handler=_lazy("undo", "run_undo"))


def _rules(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("rule", nargs="?", metavar="ID", help="explain this rule, with its examples")
    rules.add_argument(
        "--format",
        choices=("table", "markdown"),
        default="table",
        help="markdown: the documentation's tables of built-in rules (house-style rules, then grammar checks)",
    )
    _add_settings(rules)
    rules.set_defaults(handler=_lazy("rules", "run_rules"))


def _lsp(lsp: argparse.ArgumentParser) -> None:
    _add_settings(lsp)
    lsp.add_argument(
        "--grammar",
        choices=GRAMMAR_BACKENDS,
        help="grammar and spelling checker (default: the configuration's, else harper; none to skip)",
    )
    lsp.add_argument(
        "--dialect",
        choices=DIALECTS,
        help="English spelling Harper checks against (default: auto, as each article spells)",
    )
    lsp.set_defaults(handler=_lazy("lsp", "run_lsp"))


def _glossary(glossary: argparse.ArgumentParser) -> None:
    """`cleanup glossary …`: its tools and their options."""
    tools = glossary.add_subparsers(dest="tool", required=True, metavar="TOOL")
    glossary.set_defaults(subcommands=tools.choices)

    check = tools.add_parser("check", help="validate glossary files, run their examples, and warn about weak entries")
    check.add_argument(
        "files", nargs="*", metavar="FILE", help=f"glossary files (default: {DEFAULT_GLOSSARY_DIR}/*.yaml)"
    )
    check.set_defaults(handler=_lazy("glossary", "run_check"))

    add = tools.add_parser(
        "add", help="add an entry, variants to an entry, or names confirmed in review, keeping comments and order"
    )
    add.add_argument("preferred", nargs="?", metavar="PREFERRED")
    add.add_argument("--variant", action="append", default=[], metavar="V", help="a variant; repeat for several")
    add.add_argument("--note", metavar="TEXT", help="why (shown to editors with each change)")
    add.add_argument("--file", metavar="FILE", help=f"the file to change (default: {DEFAULT_GLOSSARY_DIR}/house.yaml)")
    add.add_argument(
        "--names-from",
        metavar="DECISIONS",
        help="add the names a review decisions file confirms to the glossary's names:",
    )
    add.set_defaults(handler=_lazy("glossary", "run_add"))

    schema_parser = tools.add_parser("schema", help="print the JSON Schema of glossary files")
    schema_parser.set_defaults(handler=_lazy("glossary", "run_schema"))

    names = tools.add_parser(
        "names", help="list the names an archive uses that the glossary does not know, by frequency"
    )
    names.add_argument("paths", nargs="*", metavar="PATH", help=f"articles or folders (default: {DEFAULT_INPUT}/)")
    names.add_argument(
        "--glossary", action="append", metavar="FILE", help="glossary whose forms count as known (default: as `fix`)"
    )
    names.add_argument("--yaml", action="store_true", help="print them ready to paste under `names:`")
    names.add_argument("--limit", type=int, default=100, metavar="N", help="show at most N names (default: 100)")
    names.set_defaults(handler=_lazy("glossary", "run_names"))

    found = tools.add_parser("suggest", help="propose entries for names spelled more than one way")
    found.add_argument("paths", nargs="*", metavar="PATH", help=f"articles or folders (default: {DEFAULT_INPUT}/)")
    found.add_argument(
        "--glossary",
        action="append",
        metavar="FILE",
        help=f"glossary whose entries count as covered; repeat for several (default: as `fix`, "
        f"{DEFAULT_GLOSSARY_DIR}/*.yaml)",
    )
    found.add_argument("--yaml", action="store_true", help="print ready-to-paste glossary YAML instead of a table")
    found.add_argument(
        "--source",
        action="store_true",
        help="give each name the Arabic form it translates, from the sources beside the articles (NAME.ar.txt) "
        "or inside them (XLIFF, TMX)",
    )
    found.add_argument("--limit", type=int, default=30, metavar="N", help="show at most N suggestions (default: 30)")
    found.set_defaults(handler=_lazy("glossary", "run_suggest"))


# Each command: its help in the list of commands, and what adds its options (in the order `cleanup -h` lists them).
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "fix": ("write the corrected edition, a unified diff and a change log per file", _fix),
    "serve": ("review the articles in the browser: a local web application (queue, review pages, saving)", _serve),
    "check": (
        "report what fix would change and what it flags, write nothing; exit 1 if anything would change",
        _check,
    ),
    "diff": ("word-level diff of any two text files", _diff),
    "undo": ("restore articles as they were before the last `fix --in-place` run", _undo),
    "rules": ("list every rule with id, safety and reason; or explain one", _rules),
    "lsp": (
        "a language server over standard input and output, for editors: findings as diagnostics, fixes as "
        "code actions (see docs/editors.md)",
        _lsp,
    ),
    "glossary": ("check, extend and grow the glossary (see `cleanup glossary -h`)", _glossary),
}


def _lazy(module: str, function: str, where: str = "") -> Callable[[argparse.Namespace], int]:
    """A command's handler (in `commands.MODULE`, or in the module `where` names), imported only when that
    command runs: start-up loads what the command uses."""

    def handler(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(where or f"{__package__}.commands.{module}"), function)(args)

    return handler


def _add_common(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"files or folders of {listed_files('and')} (default: {DEFAULT_INPUT}/); - reads one article from "
        "standard input (fix then writes the corrected text to standard output)",
    )
    _add_settings(command)
    command.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="with PATH -: the name of the article read from standard input; its suffix gives the format, its "
        "folder where the configuration and glossary are found",
    )
    command.add_argument("--select", metavar="IDS", help="run only these rules (comma-separated ids or prefixes)")
    command.add_argument("--ignore", metavar="IDS", help="never run these rules (comma-separated ids or prefixes)")
    command.add_argument("--unsafe-fixes", action="store_true", default=None, help="also apply unsafe fixes")
    command.add_argument(
        "--grammar", choices=GRAMMAR_BACKENDS, help="grammar and spelling checker (default: harper; none to skip)"
    )
    command.add_argument(
        "--languagetool-url", metavar="URL", help=f"LanguageTool server for --grammar languagetool (or ${URL_VARIABLE})"
    )
    command.add_argument(
        "--dialect",
        choices=DIALECTS,
        help="English spelling Harper checks against (default: auto, American or British as each article "
        "mostly spells)",
    )
    command.add_argument(
        "--headings",
        choices=HEADING_CASES,
        help="the house's heading case: sentence flags Title Case headings, title has Harper flag the others "
        "(default: any, not checked)",
    )
    command.add_argument(
        "--name-notes",
        choices=NAME_NOTES,
        help="note names the glossary lacks: alike, only those spelled like another name of the article or "
        "glossary (default); all, every one",
    )
    command.add_argument(
        "--apply-suggestions",
        metavar="CATEGORIES",
        help="apply flags of these categories that have one suggestion, as unsafe changes (comma-separated)",
    )
    command.add_argument(
        "--encoding",
        metavar="NAME",
        help="encoding of files without a BOM (default: UTF-8); an Arabic source is read as UTF-8 when it is, "
        "else in NAME (default: cp1256 when it reads as Arabic)",
    )
    command.add_argument(
        "--decisions",
        metavar="FILE",
        help="review decisions for the one article given (default: <output folder>/<name>.decisions.yaml if present)",
    )
    command.add_argument(
        "--force", action="store_true", help="apply a decisions file even when it was made on another article"
    )
    command.add_argument(
        "--source",
        metavar="FILE",
        help="the Arabic source (text or Word) of the one article given, to check the translation against "
        f"(default: {', '.join('NAME' + s for s in SOURCE_SUFFIXES[:-1])} or NAME{SOURCE_SUFFIXES[-1]} beside NAME, "
        "when there; an XLIFF or TMX file holds its own)",
    )
    command.add_argument(
        "--jobs",
        type=_positive_number,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes for several files (default: all cores)",
    )
    command.add_argument(
        "--scheduler",
        metavar="URL",
        help="work on the files on this Dask cluster (tcp://HOST:8786) instead of worker processes here; "
        "the outputs are written here, as a local run writes them (needs translation-cleanup[dask])",
    )
    command.add_argument(
        "--no-cache", action="store_true", help="process every file even when the cache has its outcome"
    )
    command.add_argument("-q", "--quiet", action="store_true", help="print only errors (and, for check, findings)")


def _positive_number(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, not {value!r}")
    return int(value)


def _add_settings(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--glossary",
        action="append",
        metavar="FILE",
        help=f"glossary or house-rules YAML file; repeat for several (default: the configuration's, else "
        f"{DEFAULT_GLOSSARY_DIR}/*.yaml here or in the project folder above)",
    )
    command.add_argument("--config", metavar="FILE", help=CONFIG_HELP)


def command_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every command's parser by its words (`fix`, `glossary add`), for documentation and tests."""
    found: dict[str, argparse.ArgumentParser] = {}
    for name, command in (parser.get_default("subcommands") or {}).items():
        found[name] = command
        found |= {f"{name} {words}": sub for words, sub in command_parsers(command).items()}
    return found


def options_of(command: argparse.ArgumentParser) -> set[str]:
    """The options a command's usage line shows (the first spelling of each; not -h)."""
    return set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", command.format_usage())) - {"-h"}
