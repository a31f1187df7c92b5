"""On articles the tool was not built on (tests/articles/): no safe change disagrees with the hand-made
gold edition, and no spelling flag falls on a name. Scored with bench/articles_eval.py's own rules."""

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

from cleanup.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
_SPEC = importlib.util.spec_from_file_location("articles_eval", ROOT / "bench" / "articles_eval.py")
articles_eval = sys.modules.setdefault("articles_eval", importlib.util.module_from_spec(_SPEC))
_SPEC.loader.exec_module(articles_eval)
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
    score = articles_eval.score(original, (ARTICLES / "gold" / name).read_text(encoding="utf-8"), log, names)
    assert score.wrong == 0
    assert score.name_flags <= 1  # a name Harper's dictionary splits oddly may slip through; not dozens
    assert score.misses <= 1
