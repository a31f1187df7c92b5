"""Glossary warnings beyond validation: entries that can never match, variants that are English words,
preferred forms another entry rewrites."""

from __future__ import annotations

from collections.abc import Callable

from ..fix import fix
from ..glossary.loader import Glossary
from ..model import Location, Problem


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
