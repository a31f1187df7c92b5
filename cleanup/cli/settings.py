"""A run's settings: configuration file, command-line options, glossary and grammar checker."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

import regex

from ..checkers import AUTO_DIALECT, HARPER_OFF_BY_DEFAULT, URL_VARIABLE, Checker, harper_dialect
from ..config import Config, ConfigError
from ..glossary.files import folder_files
from ..glossary.loader import Glossary
from ..house import HouseGlossary
from ..pipeline import ALL_RULES, Settings, names_a_rule
from ..rules.base import Rule
from ..textio import UnsuitableEncoding, text_encoding
from ..words.nearest import nearest
from .defaults import GLOSSARY_FOLDER
from .errors import UsageError
from .grammar import chosen_grammar
from .inputs import read_utf8
from .project import check_trusted, glossary_folder, nearest_config

GlossaryFile = tuple[str, str]  # a glossary file's path and text


def run_settings(args: argparse.Namespace, config: Config, glossary: HouseGlossary) -> Settings:
    """The settings of a run: the configuration's, with the command-line options over them, and the
    glossary; a rule id or flag category that names nothing is a usage error."""
    rules = ALL_RULES + glossary.rules
    select = split_ids(getattr(args, "select", None)) or config.select
    ignore = split_ids(getattr(args, "ignore", None)) or config.ignore
    check_ids(select + ignore, rules, glossary)
    settings = Settings(
        glossary,
        rules,
        select,
        ignore,
        unsafe_fixes=bool(getattr(args, "unsafe_fixes", None) or config.unsafe_fixes),
        quotations=config.quotations,
        arabic_article=config.arabic_article,
        headings=_headings(args, config),
        every_name=(getattr(args, "name_notes", None) or config.name_notes) == "all",
        checker=_checker(args, config, glossary),
        apply_suggestions=_suggestion_categories(args, config),
    )
    given_here = bool(getattr(args, "apply_suggestions", None))
    _check_categories(
        settings.apply_suggestions,
        settings.checker,
        "cleanup: --apply-suggestions" if given_here else f"{config.path}: apply-suggestions",
    )
    return settings


def grammar_said(checker: Checker | None) -> str:
    """What the settings line says of the grammar checker: which one, and in which English."""
    if checker is None:
        return ""
    from ..checkers.harper import HarperChecker

    if isinstance(checker, HarperChecker):
        said = "as each article spells" if checker.dialect == AUTO_DIALECT else checker.dialect
        return f"; harper: {said}"
    return f"; {checker.name}: {getattr(checker, 'language', '')}"


def _checker(args: argparse.Namespace, config: Config, glossary: Glossary) -> Checker | None:
    """The grammar checker chosen on the command line or in the configuration (Harper by default)."""
    backend, dialect = chosen_grammar(args, config)
    if getattr(args, "languagetool_url", None) and backend != "languagetool":
        raise UsageError(
            f"cleanup: --languagetool-url only applies with --grammar languagetool (the checker is {backend})"
        )
    if getattr(args, "dialect", None) and backend != "harper":
        raise UsageError(f"cleanup: --dialect only applies to Harper (--grammar harper); the checker is {backend}")
    words = glossary.spelling_words
    if backend == "none":
        return None
    if backend == "harper":
        from ..checkers.harper import HarperChecker  # a run without grammar never imports a checker

        _check_harper_rules(config, harper_dialect(dialect))
        return HarperChecker(words, dialect, config.harper_disable, _headings(args, config) == "title")
    from ..checkers.languagetool import LanguageToolChecker

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


def _headings(args: argparse.Namespace, config: Config) -> str:
    """The house's heading case, from the command line or the configuration."""
    return getattr(args, "headings", None) or config.headings


def _check_harper_rules(config: Config, dialect: str) -> None:
    """Every name in `harper-disable` must be one of Harper's rules (a typo would silently keep it on)."""
    if config.harper_disable == HARPER_OFF_BY_DEFAULT:
        return  # the defaults are Harper's own names; asking Harper costs a dictionary build (0.5 s)
    from ..checkers.harper import harper_rule_names

    known = harper_rule_names(dialect)
    for name in config.harper_disable:
        if name not in known:
            close = nearest(name, sorted(known))
            hint = f"did you mean {close!r}?" if close else "see Harper's rule names"
            raise UsageError(f"{config.path or 'configuration'}: harper-disable: Harper has no rule {name!r}; {hint}")


def _suggestion_categories(args: argparse.Namespace, config: Config) -> tuple[str, ...]:
    """The categories of `--apply-suggestions`, else of the configuration."""
    return split_ids(getattr(args, "apply_suggestions", None)) or config.apply_suggestions


def _check_categories(categories: Sequence[str], checker: Checker | None, where: str) -> None:
    """Each category must be one a flag can carry: a typo would silently apply nothing."""
    if not categories:
        return
    from ..checkers.harper import HARPER_KINDS
    from ..checkers.languagetool import LANGUAGETOOL_CATEGORIES

    from_checker = {"harper": HARPER_KINDS, "languagetool": LANGUAGETOOL_CATEGORIES}
    kinds = from_checker[checker.name] if checker else HARPER_KINDS | LANGUAGETOOL_CATEGORIES
    known = {kind.lower(): kind for kind in {"house", "grammar", *kinds}}
    for category in categories:
        if category.lower() in known:
            continue
        close = nearest(category.lower(), sorted(known))
        if not close and checker and checker.name == "languagetool" and regex.fullmatch(r"[A-Z][A-Z0-9_]*", category):
            continue  # a server may have categories of its own (an add-on's, a language's); not a near-miss
        hint = f"did you mean {known[close]!r}?" if close else "allowed: " + ", ".join(sorted(known.values()))
        checker_name = checker.name if checker else "none"
        raise UsageError(f"{where}: no flag has category {category!r} (checker {checker_name}); {hint}")


def split_ids(raw: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip()) if raw else ()


def check_ids(prefixes: Sequence[str], rules: Sequence[Rule], glossary: Glossary) -> None:
    for prefix in prefixes:
        if not names_a_rule(prefix, rules, glossary):
            raise UsageError(f"cleanup: no rule id starts with {prefix!r}; `cleanup rules` lists them")


def load_config(path: str | None, start: Path | None = None) -> Config:
    """The run's configuration (see `project.nearest_config`); a bad file is a usage error."""
    try:
        return nearest_config(path, read_utf8, start)
    except ConfigError as error:
        raise UsageError(str(error)) from None


def run_glossary(named: Sequence[str] | None, config: Config, start: Path | None = None) -> list[GlossaryFile]:
    """The glossary files a run reads: those named on the command line, else the configuration's, else
    every glossary/*.yaml (found from `start`, default the working folder)."""
    return glossary_file_texts(named or list(config.glossary), start)


def glossary_file_texts(paths: Sequence[str], start: Path | None = None) -> list[GlossaryFile]:
    """(path, text) of the named glossary files, or of every glossary/*.yaml when none is named (found
    files must be the user's own and not writable by others)."""
    files = glossary_files(paths, start)
    if not paths:
        try:
            for file in files:
                check_trusted(file)
        except ConfigError as error:
            raise UsageError(str(error)) from None
    if not files:
        raise UsageError(
            f"cleanup: no glossary: no {GLOSSARY_FOLDER}/*.yaml here or beside a cleanup.toml or pyproject.toml "
            "above; pass --glossary FILE"
        )
    return [(str(file), read_utf8(file)) for file in files]


def glossary_files(paths: Sequence[str], start: Path | None = None) -> list[Path]:
    """The named glossary files, or every glossary/*.yaml (and *.yml) when none is named."""
    if paths:
        return [Path(p) for p in paths]
    return folder_files(glossary_folder(start))


def checked_encoding(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return text_encoding(name)
    except UnsuitableEncoding as error:
        raise UsageError(f"cleanup: {error}") from None
