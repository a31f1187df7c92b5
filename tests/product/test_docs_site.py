"""The documentation site builds with MkDocs in strict mode, its generated pages cover every rule and
setting, and no page names an option, command or rule that does not exist."""

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.cli.parser import build_parser, command_parsers, options_of
from cleanup.config import DESCRIPTIONS, Config
from cleanup.glossary.names import NAME_RULE
from cleanup.outputs.ruledocs import flag_checks
from cleanup.pipeline import ALL_RULES
from cleanup.source import SOURCE_RULES
from tests.conftest import DOC_PAGES, ROOT

PAGES = DOC_PAGES
RULE_ID = re.compile(r"\b(?:[A-Z]{2}|SRC)\d{3}\b")
COMMAND = re.compile(r"`cleanup ([a-z]+(?: [a-z]+)?)")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    return folder


def test_the_site_has_a_page_for_every_rule_and_the_references(site):
    for rule in [*ALL_RULES, *flag_checks()]:
        page = (site / "rules" / rule.id / "index.html").read_text(encoding="utf-8")
        assert rule.reason.split("`")[0][:30] in page.replace("&amp;", "&").replace("&quot;", '"')
    cli = (site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    for name, command in command_parsers(build_parser()).items():
        assert f"cleanup {name}" in cli and all(option in cli for option in options_of(command))
    configuration = (site / "reference" / "configuration" / "index.html").read_text(encoding="utf-8")
    assert all(name.replace("_", "-") in configuration for name in DESCRIPTIONS)
    assert "fix_text" in (site / "api" / "index.html").read_text(encoding="utf-8")


def test_every_setting_is_described():
    settings = {f.name for f in dataclasses.fields(Config)} - {"path"}
    assert set(DESCRIPTIONS) == settings


def test_the_pages_name_only_rules_that_exist():
    known = {rule.id for rule in ALL_RULES} | set(SOURCE_RULES) | {NAME_RULE}
    texts = {page: page.read_text(encoding="utf-8") for page in PAGES}
    made_up = {rule for text in texts.values() for rule in re.findall(r"\bid: ([A-Z]{2}\d{3})", text)}  # examples
    for page, text in texts.items():
        unknown = set(RULE_ID.findall(text)) - known - made_up - {"VT100"}
        assert not unknown, f"{page.name} names rules that do not exist: {sorted(unknown)}"


def test_the_pages_name_only_commands_and_options_that_exist():
    commands = command_parsers(build_parser())
    every_option = {option for c in commands.values() for action in c._actions for option in action.option_strings}
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for named in COMMAND.findall(text):
            assert named in commands or named.split()[0] in commands, f"{page.name} names `cleanup {named}`"
        for span in re.findall(r"`cleanup [^`\n]*`|^cleanup .*$", text, flags=re.M):
            for option in re.findall(r"(?<![\w-])--[a-z][a-z-]+", span):
                assert option in every_option, f"{page.name} names {option}, which no command has: {span}"
