"""The source is aligned once, by the pipeline, on the text the SRC checks read: the review page and the
review report show exactly the pairing the flags used (also when the outcome comes from the cache), and
no output aligns again."""

import html
import json
import re

from cleanup.cli import main
from tests.product.test_layers import imports

# A glossary change that lengthens a paragraph by half again changes which source paragraph its length
# pairs it with: the SRC checks read the corrected text, so the pages must show that text's pairing.
GLOSSARY = """\
terms:
  - preferred: Islamic State of Iraq and the Levant
    variants: [Daash]
    source: [داعش]
"""
ENGLISH = """\
The report said attacks had grown in the Syrian desert over recent months.
It added that government forces had failed to control the desert roads.
Daash cells raided the village and Daash burned it.
"""
ARABIC = """\
وقال التقرير إن الهجمات تزايدت في البادية السورية خلال الأشهر الماضية.
وأضاف أن القوات الحكومية لم تتمكن من السيطرة على الطرق الصحراوية.
قال مسؤول محلي إن الهجوم وقع فجرا.
وقال المسؤول إن خلايا داعش هاجمت القرية من ثلاث جهات وأحرقت المنازل والمحاصيل قبل أن تنسحب إلى الصحراء.
"""
SHORT_SOURCE, LONG_SOURCE = ARABIC.splitlines()[2:]


def _fix(make_project) -> tuple[dict, str, str]:
    """The change log, the review report and the review page of `fix` on the article and its source."""
    project = make_project(GLOSSARY, {"seeds/brief.txt": ENGLISH, "seeds/brief.ar.txt": ARABIC})
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    out = project / "corrected"
    log = json.loads((out / "brief.txt.changes.json").read_text(encoding="utf-8"))
    report = (out / "brief.txt.report.md").read_text(encoding="utf-8")
    page = (out / "brief.txt.html").read_text(encoding="utf-8")
    for name in ("brief.txt.report.md", "brief.txt.html", "brief.txt.changes.json"):
        (out / name).unlink()  # written again by the next run, from the cache
    return log, report, page


def _page_pairs(page: str) -> list[tuple[str, str]]:
    section = page.split('<section id="source-pairs">', 1)[1].split("</section>", 1)[0]
    cells = re.findall(r"<tr><td>(.*?)</td><td[^>]*>(.*?)</td></tr>", section)
    return [(html.unescape(english), html.unescape(source)) for english, source in cells]


def _report_pairs(report: str) -> list[tuple[str, str]]:
    section = report.split("## Source beside the English", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return [(row[0].lstrip("| "), row[2]) for row in rows[1:]]  # (English lines, source lines)


def test_the_pages_pair_the_paragraphs_as_the_source_checks_did(make_project):
    log, report, page = _fix(make_project)
    untranslated = [f for f in log["flags"] if f["rule"] == "SRC007"]
    assert [f["source"]["text"] for f in untranslated] == [SHORT_SOURCE]  # the flag the corrected text raises
    english = ENGLISH.splitlines()
    assert _page_pairs(page) == [
        (english[0], ARABIC.splitlines()[0]),
        (english[1], ARABIC.splitlines()[1]),
        ("(no translation)", SHORT_SOURCE),  # as SRC007 says, not beside the Daash paragraph
        (english[2], LONG_SOURCE),  # the original's words, beside the source its correction was paired with
    ]
    assert _report_pairs(report) == [("1", "1"), ("2", "2"), ("—", "3"), ("3", "4")]
    assert (log, report, page) == _fix(make_project)  # from the cache: the same pairing


def test_no_output_aligns_the_source_again():
    assert not {
        (module, target)
        for module, target in imports()
        if module.startswith("outputs") and target.startswith("source.align")
    }
