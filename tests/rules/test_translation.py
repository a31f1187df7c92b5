"""House checks for constructions carried over from Arabic, through the real command line: each flags the
issue's examples and leaves the near misses alone."""

import json

import pytest

from cleanup.cli import main

GLOSSARY = "terms:\n  - preferred: ISIS\n    variants: [Daesh]\nnames: [SDF, Mosul, Taliban, Hague]\n"


@pytest.fixture
def flags_of(tmp_path, monkeypatch, capsys):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)

    def run(text: str) -> list[tuple[str, str, list[str]]]:
        (tmp_path / "seeds" / "a.txt").write_text(text, encoding="utf-8")
        capsys.readouterr()
        assert main(["check", "--grammar", "none", "--select", "GR", "--format", "json", "--fail-on", "never"]) == 0
        report = json.loads(capsys.readouterr().out)
        return [(f["rule"], f["text"], f["suggestions"]) for f in report["files"][0]["findings"]]

    return run


@pytest.mark.parametrize(
    "text, rule, flagged, suggestions",
    [
        ("The army succeeded to regain the town.\n", "GR005", "succeeded to regain", ["succeeded in regaining"]),
        ("The army succeeded to expel them.\n", "GR005", "succeeded to expel", []),  # expel(l)ing: no guess
        ("They insist to remain in the city.\n", "GR005", "insist to remain", ["insist on remaining"]),
        ("He insisted to be present.\n", "GR005", "insisted to be", ["insisted on being"]),
        (
            "Civilians fled after the checkpoints prevented civilians to leave.\n",
            "GR006",
            "prevented civilians to leave",
            ["prevented civilians from leaving"],
        ),
        (
            "The checkpoints prevented them to reach the city.\n",
            "GR006",
            "prevented them to reach",
            ["prevented them from reaching"],
        ),
        ("Despite the losses, but the group kept attacking.\n", "GR007", "but", []),
        (
            "There are many factors, the most important of them are the attacks.\n",
            "GR008",
            "the most important of them",
            [],
        ),
        ("The minister stressed on the need to act.\n", "GR009", "stressed on", ["stressed"]),
        (
            "Residents complain from the shortage of water.\n",
            "GR009",
            "complain from",
            ["complain of", "complain about"],
        ),
        ("The army drove out ISIS. Yesterday the ISIS claimed the attack.\n", "GR010", "the ISIS", ["ISIS"]),
        ("The army entered Mosul. Now the Mosul is quiet.\n", "GR010", "the Mosul", ["Mosul"]),
        ("The number of foreign fighters in the camps are growing.\n", "GR011", "are", []),
        ("The leaders of the organization is hiding in the desert.\n", "GR011", "is", []),
        ("The Iraqi army, launched an attack on the cells.\n", "GR012", ",", []),
        ("The Iraqi army, launched an attack on the cells, killing five.\n", "GR012", ",", []),
    ],
)
def test_translation_calques_are_flagged(flags_of, text, rule, flagged, suggestions):
    assert flags_of(text) == [(rule, flagged, suggestions)]


@pytest.mark.parametrize(
    "text",
    [
        "The army succeeded in expelling the fighters; he succeeded to the throne.\n",
        "They prevented them from reaching the city.\n",
        "Despite the losses, the group kept attacking, but slowly.\n",
        "Several factors, the most important of which are the attacks.\n",
        "The minister stressed on Monday that the need is urgent; he complained from prison.\n",
        "ISIS lost the town. The ISIS fighters left; the SDF said so; the Mosul offensive began.\n",
        "The leaders of the organization are hiding; the number of attacks is rising.\n",
        "The army, which launched an attack, withdrew.\n",
        "He insisted to reporters that it had succeeded to some degree.\n",
        "Measures to prevent the spread to other regions were taken.\n",
        "Despite the rain, but not because of it, they stayed.\n",
        "The minister stressed on several occasions that he complained from his hospital bed.\n",
        "The Taliban said the Mosul offensive would reach the Hague.\n",
        "The government of Iraq have said that the council of elders were divided.\n",
        "The campaign, launched in March, has grown. The man, killed by a sniper, was buried.\n",
    ],
)
def test_near_misses_are_left_alone(flags_of, text):
    assert flags_of(text) == []
