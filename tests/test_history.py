"""`fix --in-place` keeps every run's record, and `cleanup undo` walks the runs back to the original."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.cli import main

GLOSSARY = "terms:\n  - preferred: ISIS\n    variants: [Daash]\n  - preferred: Daesh-free\n    variants: [ISIS-free]\n"


@pytest.fixture
def project(make_project):
    return make_project(GLOSSARY)


def fix_in_place() -> int:
    return main(["fix", "-q", "--grammar", "none", "--no-cache", "--in-place"])


def test_a_second_run_that_changes_nothing_keeps_the_record_and_undo_restores_the_original(project, capsys):
    article = project / "seeds" / "a.txt"
    original = b"The Daash cell , left.\r\n"
    article.write_bytes(original)
    assert fix_in_place() == 0
    record = (project / "corrected" / "a.txt.diff").read_bytes()
    assert fix_in_place() == 0
    assert (project / "corrected" / "a.txt.diff").read_bytes() == record  # not emptied by the run that changed nothing
    assert json.loads((project / "corrected" / "a.txt.changes.json").read_text(encoding="utf-8"))["changes"]
    assert main(["undo"]) == 0
    assert article.read_bytes() == original
    assert not (project / "corrected" / "a.txt.diff").exists()  # no record of a run that no longer stands
    assert main(["undo"]) == 2
    assert (
        "seeds/a.txt: no in-place run is recorded in corrected/.history/a.txt; nothing to undo"
        in capsys.readouterr().err
    )


def test_undo_refuses_an_article_edited_since_the_run(project, capsys):
    article = project / "seeds" / "a.txt"
    article.write_bytes(b"The Daash cell.\n")
    assert fix_in_place() == 0
    article.write_bytes(article.read_bytes() + b"An editor's line.\n")
    assert main(["undo"]) == 2
    assert "seeds/a.txt: edited since the in-place run of" in capsys.readouterr().err
    assert article.read_bytes() == b"The ISIS cell.\nAn editor's line.\n"


def test_a_planted_history_cannot_make_undo_touch_another_file(project, capsys):
    article = project / "seeds" / "a.txt"
    article.write_bytes(b"The Daash cell.\n")
    assert fix_in_place() == 0
    listing = project / "corrected" / ".history" / "a.txt" / "history.json"
    runs = json.loads(listing.read_text(encoding="utf-8"))
    runs[-1]["before"] = "../../../glossary/house.yaml"
    listing.write_text(json.dumps(runs), encoding="utf-8")
    assert main(["undo"]) == 2
    assert "nothing to undo" in capsys.readouterr().err
    assert article.read_bytes() == b"The ISIS cell.\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(
        st.sampled_from(["Daash", "ISIS-free", "cell", " ,", "\r\n", "\n", "é", "😀"]), min_size=1, max_size=12
    ),
    steps=st.lists(st.sampled_from(["fix", "undo"]), max_size=6),
)
def test_any_sequence_of_in_place_runs_and_undos_leads_back_to_the_original(project, words, steps):
    article = project / "seeds" / "a.txt"
    original = " ".join(words).encode("utf-8")
    article.write_bytes(original)
    for step in steps:
        assert (fix_in_place() if step == "fix" else main(["undo"])) in (0, 2)
    while main(["undo"]) == 0:
        pass
    assert article.read_bytes() == original
    for leftover in (project / "corrected").rglob("*"):
        leftover.unlink() if leftover.is_file() else None
