"""Good English and layout are not flagged, through the command line (Harper included): doubled words that
are often meant, quotations that run over several paragraphs or lines, lines that are not prose."""

from pathlib import Path

from cleanup.cli import main


def check(project: Path, capsys, text: str) -> list[str]:
    """`cleanup check` on one article: its findings as `line:column: RULE`."""
    (project / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    main(["check", "-q"])
    lines = capsys.readouterr().out.splitlines()
    return [" ".join(line.removeprefix("seeds/a.txt:").split()[:2]) for line in lines if line.startswith("seeds/")]


def test_doubles_that_are_often_meant_are_not_flagged(project, capsys):
    text = (
        "I know that that is wrong, and he had had enough.\n"
        "What it is is a trap, and what they do do is wait.\n"
        "She gave her her book, and I told you you were right.\n"
        "No no, it was very very cold in Baden Baden.\n"
    )
    assert check(project, capsys, text) == []


def test_doubles_that_are_usually_slips_are_flagged_or_fixed(project, capsys):
    text = "The army army moved in in the morning, and the the police sent them them home.\n"
    assert check(project, capsys, text) == ["1:5: RW002", "1:21: RW002", "1:47: RW001", "1:64: RW002"]
