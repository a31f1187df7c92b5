"""What an editor sees in a real terminal: the run under a pseudo-terminal, rendered by a VT100
screen (pyte), as a person would read it."""

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pyte
import pytest

from cleanup.cli import main
from tests.conftest import ROOT

COLUMNS, ROWS = 120, 40


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """A project of twelve copies of the seed, as the working folder."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "seeds").mkdir()
    for number in range(12):
        shutil.copy(ROOT / "seeds" / "000_34c7e98329047369.txt", tmp_path / "seeds" / f"a{number:02}.txt")
    return tmp_path


def run_in_terminal(args: list[str], stdout_file: Path | None = None) -> bytes:
    """Run cleanup with standard error (and standard output, unless a file is given) on a
    pseudo-terminal of COLUMNS x ROWS; everything the terminal received."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    out = open(stdout_file, "wb") if stdout_file else terminal
    process = subprocess.Popen(
        [sys.executable, "-m", "cleanup", *args], stdin=terminal, stdout=out, stderr=terminal, env=env
    )
    os.close(terminal)
    received = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        received += chunk
    process.wait(timeout=120)
    os.close(controller)
    if stdout_file:
        out.close()
    assert process.returncode in (0, 1), received.decode(errors="replace")[-2000:]
    return received


def screen_of(received: bytes) -> tuple[pyte.HistoryScreen, list[str]]:
    """The terminal after `received`, and every line it showed (scrolled off or still on screen)."""
    screen = pyte.HistoryScreen(COLUMNS, ROWS, history=100_000)
    pyte.ByteStream(screen).feed(received)
    scrolled = ["".join(row[x].data for x in range(COLUMNS)) for row in screen.history.top]
    return screen, [line.rstrip() for line in scrolled + screen.display]


def test_the_progress_line_never_stays_among_the_results(archive):
    received = run_in_terminal(["fix", "--grammar", "none", "--no-cache", "--jobs", "2"])
    assert b"files \xc2\xb7" in received, "the progress line was drawn"
    _, lines = screen_of(received)
    assert not [line for line in lines if "files ·" in line]
    titles = [line for line in lines if " → corrected/" in line]
    assert len(titles) == 12 and all(t.startswith("seeds/a") for t in titles)
    assert any(line.startswith("│ total ") for line in lines)


def test_check_findings_go_to_standard_output_even_with_a_progress_line(archive, tmp_path):
    findings = tmp_path / "findings.txt"
    received = run_in_terminal(["check", "--grammar", "none", "--no-cache", "--jobs", "2"], stdout_file=findings)
    lines = findings.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 12 and all(line.startswith("seeds/a") for line in lines)
    assert b"SP001" not in received  # the terminal got the progress line and the summary only
    _, shown = screen_of(received)
    settings, summary = [line for line in shown if line]  # nothing else stays on the terminal
    assert settings.startswith("settings: ") and " change(s) in 12 of 12 file(s); " in summary


def test_changes_are_the_brightest_text_and_context_is_plain(archive):
    received = run_in_terminal(["fix", "seeds/a00.txt", "--grammar", "none", "--no-cache"])
    screen, _ = screen_of(received)
    rows = [[row[x] for x in range(COLUMNS)] for row in screen.history.top]
    rows += [[screen.buffer[y][x] for x in range(COLUMNS)] for y in range(ROWS)]
    diff_rows = [row for row in rows if "".join(c.data for c in row[:6]).strip().isdigit()]
    cells = [c for row in diff_rows for c in row[6:] if c.data.strip()]
    deleted = [c for c in cells if c.strikethrough]
    inserted = [c for c in cells if c.fg == "brightgreen"]
    context = [c for c in cells if not c.strikethrough and c.fg != "brightgreen"]
    assert len(diff_rows) > 5 and deleted and inserted and context
    assert all(c.bold and c.fg == "brightred" for c in deleted) and all(c.bold for c in inserted)
    assert all(c.fg == "default" and not c.bold for c in context)


def test_a_change_over_several_lines_keeps_the_text_column(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "g.yaml").write_text(
        "terms:\n  - preferred: ISIS\n    variants: [Daash]\n", encoding="utf-8"
    )
    (tmp_path / "rules.yaml").write_text(
        "rules:\n  - id: HS001\n    pattern: 'cell\\n'\n    replacement: \"cell.\\nA new line\\n\"\n"
        '    examples: [{from: "cell\\n", to: "cell.\\nA new line\\n"}]\n',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("The Daash cell\nmoved , away.\n", encoding="utf-8")
    assert main(["fix", "a.txt", "--grammar", "none", "--glossary", "glossary/g.yaml", "--glossary", "rules.yaml"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("    1 "))
    assert lines[start : start + 3] == [
        "    1 The [-Daash-]{+ISIS+} cell{+.¶",
        "      A new line+}",
        "    2 moved[- -], away.",
    ]
