"""The run's tally of changes by rule."""

from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.outputs.tally import Tally
from cleanup.pipeline import Settings, process


def test_tally_counts_a_chained_change_once_under_its_combined_id():
    glossary = load_glossary([("g.yaml", "terms:\n  - preferred: SDF\n    variants: [Qasad]\n")])
    outcome = process(Document("The SDF (Qasad) held , and SDF, Qasad, fought.\n"), Settings(glossary))
    tally = Tally()
    tally.add(outcome)
    assert tally.total_changes == len(outcome.changes) == sum(tally.changes.values())
    assert any("+" in rule for rule in tally.changes)
