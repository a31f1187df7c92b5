"""README, the documentation site's pages, CI and --help say the same thing as the code."""

import re

from cleanup.cli.parser import build_parser, command_parsers, options_of
from tests.conftest import DOC_PAGES, ROOT

README = DOC_PAGES[0].read_text(encoding="utf-8")
PAGES = {page.name: page.read_text(encoding="utf-8") for page in DOC_PAGES[1:]}
DOCS = "\n\n".join([README, *PAGES.values()])  # everything a user reads


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands_and_ci_runs_the_test_one():
    setup, tests = quick_start_commands()
    assert setup.endswith("cleanup fix")
    assert tests.endswith("pytest")
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_cli_option_is_documented():
    for name, command in command_parsers(build_parser()).items():
        assert f"cleanup {name}" in DOCS
        for option in options_of(command):
            assert option in DOCS, f"{name} {option} is not in the documentation"


def _declared(command) -> list[set[str]]:
    """The spellings of each option a command's --help declares (`{"-q", "--quiet"}`), not -h."""
    found = []
    for line in command.format_help().splitlines():
        if line.startswith("  -"):
            spellings = {part.split()[0] for part in line.strip().split("  ")[0].split(", ")}
            if "-h" not in spellings:
                found.append(spellings)
    return found


def _every_option() -> set[str]:
    """Every option of every command, in all its spellings, as --help declares them."""
    parser = build_parser()
    return {o for command in [parser, *command_parsers(parser).values()] for group in _declared(command) for o in group}


def _code_blocks() -> list[list[str]]:
    """The lines of each fenced code block of the documentation."""
    blocks: list[list[str]] = []
    inside = False
    for line in DOCS.splitlines():
        if line.startswith("```"):
            inside = not inside
            if inside:
                blocks.append([])
        elif inside:
            blocks[-1].append(line)
    return blocks


def _synopses() -> dict[str, str]:
    """README's synopsis lines, `cleanup COMMAND …` with their indented continuation lines, by command."""
    synopses: dict[str, str] = {}
    for block in _code_blocks():
        current = None
        for line in block:
            match = re.match(r"cleanup ((?:glossary )?[a-z|]+)", line)
            if match:
                current = match.group(1)
                synopses[current] = synopses.get(current, "") + " " + line  # a command may have several forms
            elif current and line.startswith(" "):
                synopses[current] += line
            else:
                current = None
    return synopses


def test_readme_synopses_list_exactly_the_options_of_each_command():
    commands = command_parsers(build_parser())
    synopses = _synopses()
    for name, command in commands.items():
        if command_parsers(command):
            listed = next(s for s in synopses if s.startswith(f"{name} ") and "|" in s)
            assert set(listed.split(" ", 1)[1].split("|")) == {
                c.split(" ", 1)[1] for c in commands if c.startswith(f"{name} ")
            }
            continue
        assert name in synopses, f"README has no synopsis of `cleanup {name}`"
        written = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b", synopses[name]))
        declared = _declared(command)
        assert written <= set().union(*declared), f"cleanup {name}: README lists an option it does not have"
        for spellings in declared:
            assert written & spellings, f"cleanup {name}: README omits {sorted(spellings)}"


def test_help_texts_name_only_options_that_exist():
    parser = build_parser()
    every_option = _every_option()
    for text in [parser.format_help(), *(c.format_help() for c in command_parsers(parser).values())]:
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", text):
            assert option in every_option | {"--help"}, f"--help names {option}, which no command has"


def test_readme_names_only_cleanup_options_that_exist():
    every_option = _every_option()
    for paragraph in DOCS.split("\n\n"):
        if any(tool in paragraph for tool in ("bench/", "textlint", "ruff format", "mkdocs ", "nvim ")):
            continue  # options of the benchmark scripts and of other tools
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", paragraph):
            assert option in every_option, f"README names {option}, which no command has: {paragraph[:80]}"


def test_help_and_readme_give_the_same_exit_codes():
    epilog = build_parser().description.split("exit codes:", 1)[1]
    table = re.split(r"#+ Exit codes\n", DOCS, maxsplit=1)[1].split("\n#", 1)[0]
    for code in "012":
        in_help = re.search(rf"^  {code}  (.+?)(?=^  \d  |\Z)", epilog, flags=re.S | re.M).group(1)
        in_readme = re.search(rf"^\| {code} \| (.+) \|$", table, flags=re.M).group(1)
        help_words = set(re.findall(r"[a-z]{4,}", in_help.lower()))
        readme_words = set(re.findall(r"[a-z]{4,}", in_readme.lower()))
        assert help_words == readme_words, (
            f"exit {code}: only in --help {help_words - readme_words}, only in README {readme_words - help_words}"
        )


def test_every_image_the_readme_shows_is_a_png_in_the_repository():
    images = re.findall(r"^!\[[^\]]*\]\(([^)]+)\)$", README, flags=re.M)  # shown images, not examples in text
    assert images, "the README shows the review page"
    for image in images:
        data = (ROOT / image).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000, image


def test_how_it_works_names_every_module_of_the_package():
    section = PAGES["architecture.md"]
    named = set(re.findall(r"`([a-z_/]+)`", section))
    package = ROOT / "cleanup"
    for module in package.rglob("*.py"):
        relative = module.relative_to(package).with_suffix("").as_posix()
        if relative == "__main__" or relative.endswith("__init__") and relative != "cli/__init__":  # package docstrings
            continue
        if relative.startswith("cli/commands/"):
            assert "cli/commands/" in named and relative.rsplit("/", 1)[1] in section, relative
            continue
        assert relative in named, f"docs/architecture.md does not name {relative}"


def test_the_readme_rule_tables_are_what_cleanup_rules_prints():
    from cleanup.outputs.ruledocs import rules_markdown
    from cleanup.pipeline import ALL_RULES

    assert rules_markdown(ALL_RULES, "house") in DOCS
    grammar = "".join(f"  {line}\n" for line in rules_markdown(ALL_RULES, "grammar").splitlines())
    assert grammar in DOCS  # inside a list item, indented
