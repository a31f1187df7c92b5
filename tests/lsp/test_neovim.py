"""Neovim, headless, started against the seed article as a new user would: `cleanup lsp` gives diagnostics,
and a code action applied and written changes the file."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).with_name("neovim.lua")


@pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed; .ci/run installs it")
def test_neovim_shows_diagnostics_and_applies_a_code_action(tmp_path):
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    shutil.copy(SEED, tmp_path / "article.txt")
    cleanup = Path(sys.executable).with_name("cleanup")
    environment = {**os.environ, "CLEANUP": str(cleanup), "GRAMMAR": "harper"}
    command = [str(NVIM), "--headless", "-n", "-u", "NONE", "-c", f"luafile {SCRIPT}"]
    done = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120)
    shown = done.stdout
    assert done.returncode == 0, shown + done.stderr
    assert "diagnostics, the first ten:" in shown and "  15:68 E SP001" in shown
    assert "  - cleanup: “Da’ash” → “ISIS” (GL:ISIS)  [preferred]" in shown
    assert "applied: cleanup: “Da’ash” → “ISIS” (GL:ISIS)" in shown
    line = (tmp_path / "article.txt").read_text(encoding="utf-8").splitlines()[14]
    assert "asserting that the ISIS fighters returned" in line
