"""The JSON Schema of glossary files (terms, names, loanwords and house rules), for editors."""

from __future__ import annotations

from ..model import Safety
from ..rules.from_yaml import SCOPES


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
