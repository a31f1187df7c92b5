"""Real files as other programs write them (issue 27): Word, XLIFF and XLIFF 2 files of permissively licensed
projects (tests/data/realfiles, origins and licences in each folder's README) with glossary variants planted,
through `cleanup fix` in both Word modes and again on its editions, judged by `bench/real_files.py` run as a
user runs it (its own readers, and LibreOffice when installed), as it judges the whole folder of real files."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "realfiles"
# The classes of the benchmark's table that are right (not refused, wrong, or wrong in LibreOffice).
RIGHT = (
    "right by the XML check and in LibreOffice",
    "right by the XML check (LibreOffice not run or cannot open the input)",
    "right by the XML check; LibreOffice cannot track some changes, and each one's comment says so",
    "byte-identical outside edited targets",
)
FILES = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*") if p.suffix in (".docx", ".xlf", ".xliff"))


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[str, dict]:
    """Each file's verdict, as `bench/real_files.py --json` prints it (LibreOffice used when installed)."""
    work = tmp_path_factory.mktemp("real-files") / "work"
    command = [sys.executable, str(ROOT / "bench" / "real_files.py"), str(DATA), "--jobs", "2", "--keep", str(work)]
    run = subprocess.run([*command, "--json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return {v["path"]: v for v in json.loads(run.stdout)}


@pytest.mark.parametrize("path", FILES)
def test_a_real_file_is_fixed_right(verdicts, path):
    verdict = verdicts[path]
    assert verdict["row"] in RIGHT, f"{verdict['row']}: {verdict['reason']}"


def test_the_planted_variants_are_replaced(verdicts):
    planted = [v for v in verdicts.values() if v["planted"]]
    assert len(planted) >= 6
    assert sum(v["left"] for v in planted) <= sum(v["planted"] for v in planted) // 10
