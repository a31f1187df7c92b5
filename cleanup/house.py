"""Load a house glossary file: its terms and names (the glossary) and its house rules (the rules), every
problem reported at once with file, line and column."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .gcpause import paused_garbage_collection
from .glossary.loader import GLOSSARY_KEYS, Glossary, GlossaryReader, failing_examples
from .model import Location, Problem, ProblemsError
from .rules.base import Rule
from .rules.from_yaml import RuleReader, duplicate_rule_ids, failing_rule_examples
from .rules.registry import ALL_RULES
from .yamlread import YAML_ERRORS, Fields, YamlMap, load_yaml, yaml_problem

TOP_KEYS = (*GLOSSARY_KEYS, "rules")


class GlossaryError(ProblemsError):
    """One or more problems in the glossary files; nothing should be written."""


@dataclass(frozen=True)
class HouseGlossary(Glossary):
    """A glossary with the house rules written in the same files."""

    rules: tuple[Rule, ...] = ()


def load_glossary(files: Sequence[tuple[str, str]], reserved_ids: Iterable[str] = ()) -> HouseGlossary:
    """Parse (path, YAML text) pairs into one glossary with its house rules; raise GlossaryError
    listing every problem. `reserved_ids` are rule ids a house rule may not take (the built-ins)."""
    # What only reading needs (the parsed files, every phrase by key) is freed before the collector
    # resumes: its first collection then scans what the glossary keeps, not everything reading made.
    with paused_garbage_collection():
        glossary, rules, problems = _read(files)
    problems.extend(duplicate_rule_ids(rules, reserved_ids))
    house = HouseGlossary(glossary.terms, glossary.paths, glossary.loanwords, tuple(rule for rule, _ in rules))
    if not problems:
        problems.extend(failing_examples(house))
        problems.extend(failing_rule_examples(rules))
    if problems:
        raise GlossaryError(problems)
    return house


def house_glossary(files: Sequence[tuple[str, str]]) -> HouseGlossary:
    """The glossary in `files`, whose house rules may not take a built-in rule's id (as every interface loads it)."""
    return load_glossary(files, reserved_ids=[rule.id for rule in ALL_RULES])


def _read(files: Sequence[tuple[str, str]]) -> tuple[Glossary, list[tuple[Rule, Location]], list[Problem]]:
    """The glossary and house rules the files write, and every problem in them but the rules' ids and
    the examples."""
    problems: list[Problem] = []
    terms = GlossaryReader()
    rules: list[tuple[Rule, Location]] = []
    for path, text in files:
        fields = Fields(path)
        data = _parse(fields, text)
        if data is not None:
            fields.unknown_keys(data, TOP_KEYS, "top-level key")
            terms.read(fields, data)
            rules.extend(RuleReader(fields).read(data))
        problems.extend(fields.problems)
    problems.extend(terms.conflicts())
    return terms.glossary([path for path, _ in files]), rules, problems


def _parse(fields: Fields, text: str) -> YamlMap | None:
    """The file's parsed mapping, or None with a problem."""
    try:
        data = load_yaml(text)
    except YAML_ERRORS as error:
        fields.problems.append(yaml_problem(error, fields.path, text))
        return None
    if data is None or isinstance(data, YamlMap):
        return data
    fields.problem(
        Location(fields.path, 1, 1), "expected a mapping with “terms:”, “names:”, “loanwords:” and/or “rules:”"
    )
    return None
