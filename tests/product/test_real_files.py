"""Real files as other programs write them (issue 27): Word, XLIFF and XLIFF 2 files of permissively licensed
projects (tests/data/realfiles, origins and licences in each folder's README) with glossary variants planted,
through `cleanup fix` in both Word modes and again on its editions, judged by `bench/real_files.py`'s own
readers (and LibreOffice when installed), as the benchmark judges the whole folder of real files."""

import importlib.util
import sys

import pytest

from tests import libreoffice
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "realfiles"
_SPEC = importlib.util.spec_from_file_location("real_files", ROOT / "bench" / "real_files.py")
bench = sys.modules.setdefault("real_files", importlib.util.module_from_spec(_SPEC))
_SPEC.loader.exec_module(bench)

RIGHT = (bench.RIGHT_EVERYWHERE, bench.RIGHT_BY_XML, bench.ANNOUNCED, bench.BILINGUAL_ROWS[0])
FILES = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*") if p.suffix in (".docx", ".xlf", ".xliff"))


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("real-files")
    found = bench.run(DATA, 2, libreoffice.soffice() is not None, "none", keep=work / "work")
    return {v.path: v for v in found}


@pytest.mark.parametrize("path", FILES)
def test_a_real_file_is_fixed_right(verdicts, path):
    verdict = verdicts[path]
    assert verdict.row in RIGHT, f"{verdict.row}: {verdict.reason}"


def test_the_planted_variants_are_replaced(verdicts):
    planted = [v for v in verdicts.values() if v.planted]
    assert len(planted) >= 6
    assert sum(v.left for v in planted) <= sum(v.planted for v in planted) // 10
