"""MkDocs hook: the pages made from the code (one per rule, the command-line and configuration
references, the Python API), generated at each build so that they cannot drift from it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from mkdocs.structure.files import File, Files

import cleanup
from cleanup.cli.parser import build_parser, command_parsers
from cleanup.config import DESCRIPTIONS, Config
from cleanup.outputs.ruledocs import flag_checks, rule_page
from cleanup.pipeline import ALL_RULES


def on_files(files: Files, config) -> Files:
    """Add the generated pages to the site."""
    for path, content in generated_pages().items():
        files.append(File.generated(config, path, content=content))
    return files


def generated_pages() -> dict[str, str]:
    """Each generated page's path under docs/ and its Markdown."""
    pages = {"index.md": home_page()}
    pages |= {f"rules/{rule.id}.md": rule_page(rule) for rule in [*ALL_RULES, *flag_checks()]}
    pages["rules/index.md"] = rules_index()
    pages["reference/cli.md"] = cli_reference()
    pages["reference/configuration.md"] = configuration_reference()
    pages["api.md"] = api_reference()
    return pages


def home_page() -> str:
    """The README, its links made relative to docs/ (the README is the site's home page, kept once); a
    link to a file of the repository outside docs/ is shown as its path."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    readme = re.sub(r"\]\(docs/", "](", readme)
    return re.sub(r"\[([^\]]+)\]\((?!https?:|#)([^)]+/[^)]*)\)", _path_shown, readme)


def _path_shown(link: re.Match[str]) -> str:
    text, path = link.group(1), link.group(2)
    return f"`{path}`" if text.strip("`") == path else f"{text} (`{path}`)"


def rules_index() -> str:
    rows = [f"| [{r.id}]({r.id}.md) | {r.safety.value} | {r.reason} |" for r in [*ALL_RULES, *flag_checks()]]
    return "\n".join(["# Rules", "", "The built-in rules in the order they run, then the checks against the Arabic",
                      "source and the name notes (flags only).", "", "| id | safety | what it does |",
                      "| --- | --- | --- |", *rows]) + "\n"  # fmt: skip


def cli_reference() -> str:
    lines = ["# Command-line reference", "", "Generated from `cleanup --help` and each command's own help.", ""]
    for name, command in command_parsers(build_parser()).items():
        lines += [f"## `cleanup {name}`", "", "```text", command.format_help().rstrip(), "```", ""]
    return "\n".join(lines)


def configuration_reference() -> str:
    lines = ["# Configuration reference", "",
             "Every setting of `cleanup.toml` (or `[tool.cleanup]` in `pyproject.toml`), with its default.", "",
             "| setting | default | what it does |", "| --- | --- | --- |"]  # fmt: skip
    defaults = Config()
    for name, description in DESCRIPTIONS.items():
        default = getattr(defaults, name)
        shown = list(default) if isinstance(default, tuple) else default
        lines.append(f"| `{name.replace('_', '-')}` | `{shown!r}` | {description} |".replace("`None`", "none"))
    return "\n".join(lines) + "\n"


def api_reference() -> str:
    lines = ["# Python API", "", (cleanup.__doc__ or "").strip(), ""]
    for name in cleanup.__all__:
        function = getattr(cleanup, name)
        lines += [f"## `cleanup.{name}`", "", "```python", f"{name}{inspect.signature(function)}", "```", ""]
        lines += [inspect.getdoc(function) or "", ""]
    return "\n".join(lines)
