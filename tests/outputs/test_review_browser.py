"""The review page driven in a real Chromium (Debian's package) with Playwright.

Rejects one change, accepts the rest, downloads the text and the decisions, feeds the decisions back
to `cleanup fix`, and checks they survive an unrelated edit and a new glossary entry.
"""

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from cleanup.cli import main
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"
ISIS_AND_RASOOL = "terms:\n  - preferred: ISIS\n    variants: [Daash]\n  - preferred: Rasool\n    variants: [Rasul]\n"
REJECTED_RULE = "GL:Rasool"


def chromium() -> str:
    """Debian's chromium; in CI its absence is a failure, never a silent skip."""
    path = os.environ.get("CLEANUP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def download_text_and_decisions(page, downloads: Path) -> list[str]:
    """Click both download buttons; the texts of the corrected article and of the decisions file."""
    texts = []
    for button in ("#download-text", "#download-decisions"):
        with page.expect_download() as download:
            page.click(button)
        target = downloads / download.value.suggested_filename
        download.value.save_as(target)
        texts.append(target.read_text(encoding="utf-8"))
    return texts


def review_in_browser(page_file: Path, downloads: Path, screenshot: Path) -> tuple[str, str]:
    """Accept every change but one of REJECTED_RULE, download text and decisions."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page(accept_downloads=True, viewport={"width": 1100, "height": 1400})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.resolve().as_uri())
        page.click("details.by-rule summary")  # the table by rule is folded until asked for
        for button in page.locator(".accept-rule").all():
            button.click()
        rejected = page.locator(f'#article .change[data-rule="{REJECTED_RULE}"]')
        assert rejected.count() == 1
        rejected.locator(".reject").click()
        page.keyboard.press("j")  # keyboard navigation moves the focus from change to change
        assert page.locator("#article .change.current").count() == 1
        total = page.locator("#article .change").count()
        assert page.inner_text("#progress") == f"{total} of {total} changes reviewed"
        texts = download_text_and_decisions(page, downloads)
        page.screenshot(path=str(screenshot), full_page=True)
        browser.close()
    assert errors == []
    return texts[0], texts[1]


def test_review_page_decisions_round_trip(project, tmp_path_factory):
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    corrected = project / "corrected"
    page = corrected / f"{SEED.name}.html"
    log = json.loads((corrected / f"{SEED.name}.changes.json").read_text(encoding="utf-8"))
    downloads = tmp_path_factory.mktemp("downloads")
    screenshot = downloads / "review.png"
    text, decisions = review_in_browser(page, downloads, screenshot)
    assert screenshot.stat().st_size > 10_000

    original = SEED.read_text(encoding="utf-8")
    expected, cursor = [], 0
    for change in log["changes"]:
        keep = change["rule"] == REJECTED_RULE
        expected += [original[cursor : change["start"]], change["before"] if keep else change["after"]]
        cursor = change["end"]
    expected = "".join(expected) + original[cursor:]
    assert text == expected
    assert "Rasul explained" in text and "Rasool explained" not in text  # the rejected change is absent
    assert "ISIS" in text and "sleeper cells" in text  # the accepted ones are present

    (corrected / f"{SEED.name}.decisions.yaml").write_text(decisions, encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert (corrected / SEED.name).read_text(encoding="utf-8") == text
    log = json.loads((corrected / f"{SEED.name}.changes.json").read_text(encoding="utf-8"))
    assert all(change["review"] == "accepted" for change in log["changes"])
    assert [d["rule"] for d in log["rejected"]] == [REJECTED_RULE] and log["stale"] == []

    # An unrelated paragraph edited and a new glossary entry: the decisions still hold.
    seed = project / "seeds" / SEED.name
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("In the past few weeks,", "In recent weeks,"), encoding="utf-8"
    )
    (project / "glossary" / "extra.yaml").write_text(
        "terms:\n  - preferred: Defence\n    variants: [Defense]\n", encoding="utf-8"
    )
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    edition = (corrected / SEED.name).read_text(encoding="utf-8")
    assert "Rasul explained" in edition and "In recent weeks," in edition and "Defence" in edition
    log = json.loads((corrected / f"{SEED.name}.changes.json").read_text(encoding="utf-8"))
    assert log["stale"] == [] and [d["rule"] for d in log["rejected"]] == [REJECTED_RULE]
    unreviewed = [c for c in log["changes"] if c["review"] != "accepted"]
    assert {c["rule"] for c in unreviewed} == {"GL:Defence"}  # only the new entry's changes await review


def test_download_keeps_astral_characters_combining_marks_and_controls(tmp_path, make_project, tmp_path_factory):
    """Offsets are code points: emoji, 𝐃, flags and combining marks before a change must not shift it,
    and a control character in the context must give decisions that `cleanup fix` reads."""
    from playwright.sync_api import sync_playwright

    article = "😀 𝐃 🇸🇾 e\u0301 The Daash attack\x7f, said Rasul 👍🏽 and the Daash cell.\n"
    make_project(ISIS_AND_RASOOL, {"seeds/a.txt": article})
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    downloads = tmp_path_factory.mktemp("downloads")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page(accept_downloads=True)
        page.goto((tmp_path / "corrected" / "a.txt.html").resolve().as_uri())
        page.click("details.by-rule summary")
        for button in page.locator(".accept-rule").all():
            button.click()
        page.locator('#article .change[data-rule="GL:Rasool"] .reject').click()
        text, decisions = download_text_and_decisions(page, downloads)
        browser.close()
    assert text == "😀 𝐃 🇸🇾 e\u0301 The ISIS attack\x7f, said Rasul 👍🏽 and the ISIS cell.\n"
    digest = hashlib.sha256((tmp_path / "seeds" / "a.txt").read_bytes()).hexdigest()
    assert f'article: "seeds/a.txt"\narticle_sha256: "{digest}"\n' in decisions
    (tmp_path / "corrected" / "a.txt.decisions.yaml").write_text(decisions, encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert (tmp_path / "corrected" / "a.txt").read_text(encoding="utf-8") == text


ARTICLE = "The Daash attack , said Rasul.\r\nSecond line with Daash.\r\n"


@pytest.mark.parametrize(
    "name, data, options",
    [
        ("utf8-bom-crlf.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), []),
        ("utf16.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le"), []),
        ("arabic-cp1256.txt", ("قسد " + ARTICLE).encode("cp1256"), ["--encoding", "cp1256"]),
    ],
)
def test_downloaded_text_is_the_bytes_fix_writes_and_pending_changes_are_asked_about(
    tmp_path, make_project, name, data, options
):
    from playwright.sync_api import sync_playwright

    make_project(ISIS_AND_RASOOL, {f"seeds/{name}": data})
    assert main(["fix", "-q", "--grammar", "none", *options]) == 0
    written = (tmp_path / "corrected" / name).read_bytes()
    downloads: dict[str, bytes] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page(accept_downloads=True)
        page.goto((tmp_path / "corrected" / f"{name}.html").resolve().as_uri())
        for choice in ("#pending-accept", "#pending-reject"):
            page.click("#download-text")
            assert page.locator("#pending").is_visible()
            assert page.inner_text("#pending-count") == "4 changes are"
            with page.expect_download() as download:
                page.click(choice)
            downloads[choice] = Path(download.value.path()).read_bytes()
        page.click("#download-text")
        page.click("#pending-cancel")
        assert not page.locator("#pending").is_visible()
        browser.close()
    assert downloads["#pending-accept"] == written  # the same bytes as cleanup fix: encoding, BOM, CRLF
    assert downloads["#pending-reject"] == data  # nothing applied: the article as it was


def test_flags_read_inline_can_be_visited_hidden_and_a_name_goes_to_the_glossary(tmp_path, make_project, capsys):
    from playwright.sync_api import sync_playwright

    make_project("terms:\n  - preferred: ISIS\n    variants: [Daash]  # keep this comment\n")
    house = tmp_path / "glossary" / "house.yaml"
    (tmp_path / "seeds" / "a.txt").write_text(
        "Yesterday the spokesman Qutaybah Zubaydi said the Daash cell , moved.\n\nThe army army moved.\n",
        encoding="utf-8",
    )
    assert main(["fix", "-q", "--name-notes", "all"]) == 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page(accept_downloads=True)
        page.goto((tmp_path / "corrected" / "a.txt.html").resolve().as_uri())
        name, repeat = page.locator(".flag-item.name"), page.locator('.flag-item[data-rule="RW002"]')
        assert (
            "repeated word" in repeat.locator(".flag-why").inner_text()
        )  # the message is on the page, not only on hover
        assert repeat.locator(".flag-why").is_visible()
        visited = []
        for _ in range(4):
            page.keyboard.press("j")
            visited.append(page.locator("#article .current").get_attribute("data-rule"))
        assert visited == ["NM001", "GL:ISIS", "SP001", "RW002"]  # changes and flags, in text order
        page.uncheck('.show input[value="name"]')
        page.uncheck('.show input[value="house"]')
        assert not name.locator(".flag-why").is_visible() and not name.locator(".add-name").is_visible()
        assert not page.locator('.change[data-rule="SP001"] .accept').is_visible()
        page.keyboard.press("k")
        page.keyboard.press("k")
        assert page.locator("#article .current").get_attribute("data-rule") == "GL:ISIS"  # hidden kinds are skipped
        page.check('.show input[value="name"]')
        name.locator(".add-name").click()
        assert name.locator(".add-name").get_attribute("aria-pressed") == "true"
        with page.expect_download() as download:
            page.click("#download-decisions")
        decisions = Path(download.value.path()).read_text(encoding="utf-8")
        browser.close()
    assert decisions.endswith('names:\n  - "Qutaybah Zubaydi"\n')
    (tmp_path / "corrected" / "a.txt.decisions.yaml").write_text(decisions, encoding="utf-8")
    capsys.readouterr()
    assert main(["fix"]) == 0
    assert (
        "a.txt.decisions.yaml: 1 name(s) confirmed in review are not in the glossary yet (Qutaybah Zubaydi); add them: "
        "cleanup glossary add --names-from corrected/a.txt.decisions.yaml" in capsys.readouterr().err
    )
    page_html = (tmp_path / "corrected" / "a.txt.html").read_text(encoding="utf-8")
    assert '"names": ["Qutaybah Zubaydi"]' in page_html  # the page keeps the name marked for the next download
    assert main(["glossary", "add", "--names-from", "corrected/a.txt.decisions.yaml"]) == 0
    assert house.read_text(encoding="utf-8") == (
        "terms:\n  - preferred: ISIS\n    variants: [Daash]  # keep this comment\nnames:\n  - Qutaybah Zubaydi\n"
    )
    assert main(["check"]) == 1
    assert "NM001" not in capsys.readouterr().out  # a known name now
    assert main(["glossary", "add", "--names-from", "corrected/a.txt.decisions.yaml"]) == 0
    assert "unchanged" in capsys.readouterr().out


BUTTONS_ON_THE_LINE_OF_THEIR_CHANGE = """() => Array.from(document.querySelectorAll('#article .change')).filter(change => {
  const ins = change.querySelector('ins'), del = change.querySelector('del');
  const text = ins.textContent ? ins : del;
  const lines = text.getClientRects();
  const last = lines[lines.length - 1], button = change.querySelector('.accept').getBoundingClientRect();
  return !(button.bottom > last.top && button.top < last.bottom);
}).map(change => change.dataset.rule)"""


@pytest.mark.parametrize("width", [380, 720, 1400])
def test_the_text_uses_the_window_and_buttons_stay_with_their_change(project, width):
    from playwright.sync_api import sync_playwright

    assert main(["fix", "-q", "--grammar", "none"]) == 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto((project / "corrected" / f"{SEED.name}.html").resolve().as_uri())
        stray = page.evaluate(BUTTONS_ON_THE_LINE_OF_THEIR_CHANGE)
        article_width = page.evaluate("document.getElementById('article').getBoundingClientRect().width")
        browser.close()
    assert stray == []
    assert article_width > 0.85 * width - 70  # the window less its margins, not a fixed column


def test_review_page_shows_the_source_beside_the_english(make_project, tmp_path_factory):
    """With the Arabic source beside the article, the page pairs each English paragraph with its source
    (right to left) and each source flag quotes the source; the page still works as before."""
    from playwright.sync_api import sync_playwright

    from tests.source.test_source import ARABIC, ENGLISH, GLOSSARY

    project = make_project(GLOSSARY, {"seeds/brief.txt": ENGLISH.replace("600", "60"), "seeds/brief.ar.txt": ARABIC})
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    downloads = tmp_path_factory.mktemp("downloads")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page(accept_downloads=True)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((project / "corrected" / "brief.txt.html").resolve().as_uri())
        cells = page.locator('#source-pairs td[dir="rtl"]')
        assert cells.count() == 4 and cells.nth(1).inner_text().startswith("في عام ٢٠١٩")
        assert page.locator("#source-pairs td").nth(2).inner_text().startswith("In 2019, Daash cells killed 60")
        why = page.locator('#article .flag-item[data-rule="SRC001"] .flag-why').first.inner_text()
        assert "the source has the number 600" in why and "٦٠٠" in why
        page.click("#download-text")  # the changes are undecided: the page asks how to treat them
        with page.expect_download() as download:
            page.click("#pending-accept")
        download.value.save_as(downloads / "brief.txt")
        browser.close()
    assert errors == []
    assert (downloads / "brief.txt").read_text(encoding="utf-8") == (project / "corrected" / "brief.txt").read_text(
        encoding="utf-8"
    )


def test_a_glossary_suggestion_is_accepted_with_one_click(tmp_path, project, tmp_path_factory):
    """A suggestion (a name's variant in lower case) is not made; its accept button makes it in the
    downloaded text and writes an accept decision that `cleanup fix` then applies."""
    from playwright.sync_api import sync_playwright

    (project / "seeds" / SEED.name).unlink()
    article = "The qasad behind the deed was clear, and the qasad of the law too. Qasad forces left.\n"
    (project / "seeds" / "a.txt").write_text(article, encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    corrected = project / "corrected"
    assert (corrected / "a.txt").read_text(encoding="utf-8") == article.replace("Qasad forces", "SDF forces")
    downloads = tmp_path_factory.mktemp("downloads")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page(accept_downloads=True)
        page.goto((corrected / "a.txt.html").resolve().as_uri())
        buttons = page.locator("#article .accept-suggestion")
        assert buttons.count() == 2
        buttons.first.click()
        page.click("#article .change .accept")
        text, decisions = download_text_and_decisions(page, downloads)
        browser.close()
    assert text == "The SDF behind the deed was clear, and the qasad of the law too. SDF forces left.\n"
    (corrected / "a.txt.decisions.yaml").write_text(decisions, encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert (corrected / "a.txt").read_text(encoding="utf-8") == text
    log = json.loads((corrected / "a.txt.changes.json").read_text(encoding="utf-8"))
    assert log["stale"] == [] and [f["text"] for f in log["flags"] if f["category"] == "glossary"] == ["qasad"]


def test_a_web_pages_review_shows_its_text_and_its_decisions_reach_the_page(make_project, tmp_path_factory):
    """The review page of a web page shows the article's text, paragraph by paragraph, never its markup;
    a change rejected there is left out of the corrected page."""
    from playwright.sync_api import sync_playwright

    data = (ROOT / "tests" / "data" / "html" / "remnants.html").read_bytes()
    project = make_project((ROOT / "glossary" / "house.yaml").read_text(encoding="utf-8"), {"seeds/r.html": data})
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    downloads = tmp_path_factory.mktemp("downloads")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page(accept_downloads=True, viewport={"width": 1000, "height": 1200})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((project / "corrected" / "r.html.html").resolve().as_uri())
        shown = page.inner_text("#article")
        change = "\u2060GL:ISIS✓✗"  # how a change's rule and buttons read
        assert f"More than two years after defeating DaeshISIS{change} in Iraq, the terrorist organization" in shown
        assert f"We will fight the ISILISIS{change} cells & their supporters\u2028\nwherever they are." in shown
        assert "for cell in Daesh  Daash; do\n  echo" in shown and "PA001" not in shown  # code: never flagged
        assert not any(markup in shown for markup in ("<p", "</", "&amp;", "ajaxurl", "entry-content", "margin"))
        assert page.locator("#article .change").count() == 7
        page.locator('#article .change[data-rule="SP001"] .reject').click()
        for button in page.locator("#article .change:not(.rejected) .accept").all():
            button.click()
        with page.expect_download() as download:
            page.click("#download-decisions")
        download.value.save_as(project / "corrected" / "r.html.decisions.yaml")
        page.screenshot(path=str(downloads / "review.png"), full_page=True)
        browser.close()
    assert errors == []
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    edition = (project / "corrected" / "r.html").read_bytes()
    assert b"Washington Examiner</a> magazine , it" in edition  # rejected in the browser: kept
    assert edition.count(b"ISIS") == 6 and edition.replace(b"ISIS", b"") != data
