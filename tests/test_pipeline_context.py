"""What the rules read of the glossary is made once per glossary, not again for every document: an
archive's per-document cost must not grow with the glossary."""

from cleanup.api import load_glossary
from cleanup.pipeline import Settings, rule_context
from tests.conftest import ROOT


def test_what_rules_read_of_the_glossary_is_made_once_per_glossary():
    glossary = load_glossary(ROOT / "glossary")
    first, second = rule_context(Settings(glossary), False), rule_context(Settings(glossary), True)
    assert first.known_forms is second.known_forms and first.articles is second.articles
    assert "ISIS" in first.known_forms and first.normalized_forms <= first.known_forms
