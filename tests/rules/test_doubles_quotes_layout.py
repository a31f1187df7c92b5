"""Doubled words, quotation marks and layout through the command line (Harper included): what is meant or
is layout is not flagged (`had had`, a quotation over several paragraphs or lines, a headline), slips are."""

from pathlib import Path

from cleanup.cli import main


def check(project: Path, capsys, text: str) -> list[str]:
    """`cleanup check` on one article: its findings as `line:column: RULE`."""
    (project / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    main(["check", "-q", "--no-cache"])
    lines = capsys.readouterr().out.splitlines()
    places = [line.removeprefix("seeds/a.txt:").split()[:3] for line in lines if line.startswith("seeds/")]
    return [f"{place} {rule}" for place, _severity, rule in places]


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


def fixed(project: Path, text: str) -> str:
    """The corrected edition `cleanup fix` writes for one article."""
    (project / "seeds" / "a.txt").write_text(text, encoding="utf-8")
    main(["fix", "-q", "--no-cache"])
    return (project / "corrected" / "a.txt").read_text(encoding="utf-8")


def test_a_closing_mark_after_a_comma_that_opens_a_quotation_is_turned(project, capsys):
    text = "The official noted ,” the problem is the the funding ,” he said.\n"
    assert fixed(project, text) == "The official noted, “the problem is the funding,” he said.\n"
    assert check(project, capsys, text) == ["1:19: SP001", "1:21: QU001", "1:22: QU002", "1:41: RW001", "1:53: SP001"]


def test_a_closing_mark_after_a_comma_that_nothing_closes_is_flagged_not_turned(project, capsys):
    text = "He said: “The army is ready.”\nAnd he noted ,” but its cells are hiding in the desert.\n"
    assert fixed(project, text) == text.replace(" ,”", ",”")
    assert check(project, capsys, text) == ["2:13: SP001", "2:15: QU003"]


def test_a_quotation_over_paragraphs_or_lines_is_not_flagged(project, capsys):
    news = "He said: “The first part is long.\n\n“The second part is longer.\n\n“The third part ends,” he added.\n"
    lines = "He said: “The first sentence is long.\nThe second sentence is longer.\nThe last one,” he added.\n"
    assert check(project, capsys, news) == []
    assert check(project, capsys, lines) == []


def test_a_quotation_never_closed_is_flagged_where_it_opens(project, capsys):
    news = "He said: “The first part is long.\n\n“The second part never ends.\n"
    lines = "He said: “The first sentence is long.\nThe second one is longer.\n\nThe reporter left.\n"
    assert check(project, capsys, news) == ["3:1: QU003"]
    assert check(project, capsys, lines) == ["1:10: QU003"]


ARTICLE = """\
The Remnants of ISIS in Iraq and Syria After the Defeat of the Organization in Mosul
Sleeper cells. Hit and run in the desert
By Ahmed Salih and Omar Hassan, Rawabet Center for Research and Strategic Studies
BAGHDAD, March 3 (Rawabet) —
Iraqi soldiers patrol the desert near the Syrian border in Anbar province in March (Reuters)
Photo: Iraqi soldiers patrol the desert near the Syrian border in Anbar province in March
The attacks fell on three areas of the country in the first months of the year:
- the desert of Anbar province, the Hamrin mountain range and Makhoul
2. the villages south of Kirkuk that the displaced have not returned to so far
Province\tAttacks in 2019 and 2020 by the cells of the organization\t41
The army said the cells are hiding in the desert of Anbar province and the border line
"""


def test_headings_datelines_bylines_lists_tables_and_captions_need_no_final_stop(project, capsys):
    assert [found for found in check(project, capsys, ARTICLE) if "PA002" in found] == ["11:86: PA002"]


def test_markdown_tables_and_lists_need_no_final_stop(project, capsys):
    text = (
        "| Province | attacks by the cells of the organization in the desert of the province |\n"
        "|---|---|\n| Anbar | 41 |\n\n"
        "1. the desert of Anbar province, the Hamrin mountain range and Makhoul, and the border line\n"
    )
    (project / "seeds" / "a.md").write_text(text, encoding="utf-8")
    main(["check", "-q", "--no-cache"])
    assert "PA002" not in capsys.readouterr().out


def test_a_title_line_and_one_sentence_headlines_need_no_final_stop(project, capsys):
    text = (
        "Intention comes first: on zakat, travel and the prayer of the sick and the old\n\n"
        "Ryder Cup 2018: Team USA show stomach for fight to keep hopes alive heading into Sunday singles\n"
        "North Korea says nuclear disarmament won't come unless it can trust US and its allies\n"
        "The army said that the cells had moved into the desert of Anbar province before the raid\n"
    )
    assert [found for found in check(project, capsys, text) if "PA002" in found] == ["5:88: PA002"]
