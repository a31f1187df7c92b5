"""Keeping the glossary: warnings beyond validation, adding entries in place, and its JSON Schema."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..fix import fix
from ..model import Location, Problem, Safety
from ..rules.from_yaml import SCOPES
from .loader import Glossary


def warnings(glossary: Glossary, is_english_word: Callable[[str], bool]) -> list[Problem]:
    """Entries that can never match, variants that are ordinary English words, and preferred forms
    that another entry rewrites."""
    found = []
    for term in glossary.terms:
        where = term.where or Location("")
        rewritten = fix(term.preferred, [glossary.matcher.edits]).text
        if rewritten != term.preferred:
            found.append(
                Problem(where, f"preferred form “{term.preferred}” is rewritten to “{rewritten}” by another entry")
            )
        for variant in term.variants:
            if fix(variant, [glossary.matcher.edits]).text == variant:
                found.append(Problem(where, f"variant “{variant}” can never match: a longer entry always claims it"))
            elif " " not in variant and is_english_word(variant.lower()):
                found.append(
                    Problem(where, f"variant “{variant}” is an ordinary English word: it will change normal prose too")
                )
    return found


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def add_entry(text: str, preferred: str, variants: Sequence[str], note: str | None) -> str:
    """The glossary text with `variants` added to the entry for `preferred` (created if missing),
    keeping comments, order and formatting of everything else."""
    yaml = _yaml()
    data = yaml.load(text) if text.strip() else CommentedMap()
    terms = data.get("terms")
    if terms is None:
        terms = data["terms"] = CommentedSeq()
    entry = next((t for t in terms if isinstance(t, dict) and t.get("preferred") == preferred), None)
    if entry is None:
        entry = CommentedMap(preferred=preferred)
        terms.append(entry)
    if variants:
        listed = entry.get("variants")
        if listed is None:
            listed = entry["variants"] = CommentedSeq()
            listed.fa.set_flow_style()
        listed.extend(v for v in variants if v not in listed)
    if note is not None:
        entry["note"] = note
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def add_names(text: str, names: Sequence[str]) -> str:
    """The glossary text with `names` appended to its `names:` list (created if missing), keeping
    comments, order and formatting of everything else; names already listed are skipped."""
    yaml = _yaml()
    data = yaml.load(text) if text.strip() else CommentedMap()
    listed = data.get("names")
    if listed is None:
        listed = data["names"] = CommentedSeq()
    listed.extend(name for name in dict.fromkeys(names) if name not in listed)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def schema() -> dict:
    """A JSON Schema (draft 2020-12) of glossary files, for completion and validation in editors."""
    text = {"type": "string", "minLength": 1}
    example = {
        "type": "object",
        "properties": {"from": text, "to": {"type": "string"}},
        "required": ["from", "to"],
        "additionalProperties": False,
    }
    rule_example = {
        "type": "object",
        "properties": {"from": text, "to": {"type": "string"}, "match": text, "no_match": text},
        "additionalProperties": False,
    }
    term = {
        "type": "object",
        "properties": {
            "preferred": {**text, "description": "the form the edition uses"},
            "variants": {"type": "array", "items": text, "description": "spellings to replace"},
            "note": {"type": "string", "description": "why; shown to editors with each change"},
            "article": {"enum": ["a", "an"], "description": "the indefinite article of the preferred form"},
            "unless": {
                "type": "array",
                "items": text,
                "description": "phrases written around a variant where the entry does not apply",
            },
            "sense": {"enum": ["name"], "description": "name: variants change only where used as a personal name"},
            "examples": {"type": "array", "items": example, "description": "self-tests run at every load"},
            "source": {
                "type": "array",
                "items": text,
                "description": "the term's forms in Arabic sources, checked against the translation (SRC003, SRC004)",
            },
            "also": {
                "type": "array",
                "items": text,
                "description": "other English words that render the source forms (a demonym); never replaced",
            },
            "person": {
                "type": "string",
                "pattern": "\\S\\s+\\S",
                "description": "the full name of the one person a surname entry is about, ending in the preferred form",
            },
            "sense_words": {
                "type": "array",
                "items": text,
                "description": "words showing the entry's sense; with none in the paragraph a change is only suggested",
            },
            "other_sense_words": {
                "type": "array",
                "items": text,
                "description": "words showing another sense; with one in the sentence a change is only suggested",
            },
            "case": {
                "enum": ["name", "any"],
                "description": "name (default): a name's variant in lower case is only suggested; any: case is no evidence",
            },
        },
        "required": ["preferred"],
        "additionalProperties": False,
    }
    rule = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": "^[A-Z][A-Z0-9_-]{1,15}$"},
            "reason": text,
            "pattern": {**text, "description": "a regular expression in the `regex` module's syntax"},
            "replacement": {"type": "string"},
            "message": text,
            "safety": {"enum": [s.value for s in Safety]},
            "scope": {"enum": list(SCOPES)},
            "examples": {"type": "array", "items": rule_example},
        },
        "required": ["id", "pattern"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cleanup glossary",
        "type": "object",
        "properties": {
            "terms": {"type": "array", "items": term},
            "names": {"type": "array", "items": text, "description": "known-good spellings with no variants"},
            "loanwords": {
                "type": "array",
                "items": text,
                "description": "terms English texts use as words (Zakat, Sunnah), beside the shipped list: "
                "never misspellings, never names",
            },
            "rules": {"type": "array", "items": rule, "description": "house rules editors write"},
        },
        "additionalProperties": False,
    }
