"""On articles the tool was not built on (tests/data/new_articles/): no safe change disagrees with the hand-made
gold edition, and no spelling flag falls on a name. Scored by tests/articlescore.py, the rules
bench/articles_eval.py measures by, whose judging of flags (problems files, the labelled sample of the
corpora) is tested here too."""

import json
import shutil
from pathlib import Path

import pytest

from cleanup.cli import main
from tests import articlescore
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "data" / "new_articles"
NAMES = sorted(p.name for p in (ARTICLES / "gold").iterdir())


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """The articles fixed by the real command line with the house glossary and Harper."""
    folder = tmp_path_factory.mktemp("articles")
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    for name in NAMES:
        shutil.copy(ARTICLES / name, folder / name)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        assert main(["fix", "-q", "--no-cache", "--out", "out", *NAMES]) == 0
    return folder / "out"


@pytest.mark.parametrize("name", NAMES)
def test_no_safe_change_disagrees_with_the_gold_and_no_name_is_a_misspelling(edition, name):
    log = json.loads((edition / f"{name}.changes.json").read_text(encoding="utf-8"))
    names = set((ARTICLES / "names" / name).read_text(encoding="utf-8").splitlines())
    original = (ARTICLES / name).read_text(encoding="utf-8")
    score = articlescore.score(original, (ARTICLES / "gold" / name).read_text(encoding="utf-8"), log, names)
    assert score.wrong == 0
    assert score.name_flags <= 1  # a name Harper's dictionary splits oddly may slip through; not dozens
    assert score.misses <= 1


def test_a_flag_on_a_listed_problem_is_useful_and_the_others_are_noise(edition):
    log = json.loads((edition / "opinion_camps.txt.changes.json").read_text(encoding="utf-8"))
    original = (ARTICLES / "opinion_camps.txt").read_text(encoding="utf-8")
    spans = articlescore.problem_spans(original, ["succeeded to bring\tcalque: succeeded in bringing", ""])
    noise = []
    judged = articlescore.judged_flags(log["flags"], spans, noise)
    assert judged.useful == 1
    assert judged.noise == len(noise) == sum(f["category"] != "name" for f in log["flags"]) - 1
    assert "succeeded to bring" not in [f["text"] for f in noise]


def test_a_problem_snippet_must_occur_exactly_once():
    with pytest.raises(ValueError, match="more than once"):
        articlescore.problem_spans("the camp and the town", ["the\tnote"])
    with pytest.raises(ValueError, match="does not occur"):
        articlescore.problem_spans("the camp", ["the town\tnote"])


def test_the_sample_of_flags_is_stable_and_one_flag_more_changes_it_by_one_at_most():
    keys = {f"HP:SpellCheck\tword{i}\tcontext of word{i}" for i in range(200)}
    first = articlescore.sample(keys)
    assert len(first) == 40 and articlescore.sample(set(sorted(keys, reverse=True))) == first
    assert len(set(articlescore.sample(keys | {"RW002\ton on\tcarried on on her own"})) - set(first)) <= 1


@pytest.mark.parametrize("corpus", ["ntrex", "hadith"])
def test_the_labels_files_are_judged_flags_one_a_line(corpus):
    path = ROOT / "bench" / "labels" / f"{corpus}.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    labels = articlescore.read_labels(path)
    assert len(labels) == len(lines) >= 40  # no `?` left, no key twice
    assert set(labels.values()) <= {"useful", "noise"}


def test_articles_of_one_file_name_in_two_folders_go_to_two_runs():
    paths = [Path("a.txt"), Path("dev2/b.txt"), Path("held/a.txt"), Path("held/c.md")]
    assert articlescore.batches(paths) == [
        [Path("a.txt"), Path("dev2/b.txt"), Path("held/c.md")],
        [Path("held/a.txt")],
    ]
