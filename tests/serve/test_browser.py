"""`cleanup serve` driven end to end in Debian's Chromium (Playwright): the queue, a review with the
keyboard saved as it goes and equal to `cleanup fix` after a reload, two editors on one article at once
(a merge, then a conflict), a flag dismissed with the keyboard and undone, and an article of hostile text
that stays text."""

import json

import pytest

from cleanup.decisions import load_decisions
from tests.conftest import SEED
from tests.outputs.test_review_browser import chromium
from tests.serve.served import Server, fix_elsewhere, make_project, outputs

NAME = SEED.name
HOSTILE = (
    "The Daash said <script>alert('x')</script> and <img src=x onerror=alert('y')> ,then left.\n"
    "A name \u202eevil\u202c here and </textarea><b>bold</b> &amp; Rasul spoke.\n"
)


@pytest.fixture
def server(tmp_path):
    folder = make_project(tmp_path / "project")
    (folder / "seeds" / "hostile <b>&.txt").write_text(HOSTILE, encoding="utf-8")
    running = Server(folder)
    yield folder, running
    running.stop()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium())
        yield launched
        launched.close()


def open_page(browser, server: Server, editor: str):
    context = browser.new_context(viewport={"width": 1100, "height": 1200})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(server.url)
    page.wait_for_selector('#queue-progress:text-matches("^All ")')  # every article processed
    page.errors = errors
    page.editor = editor
    return page


def review(page, name: str) -> None:
    page.click(f'#queue-rows a:text-is("{name}")')
    page.wait_for_selector("#serve-status", state="attached")  # the page's scripts have run
    if page.locator("#editor-name").count():
        page.fill("#editor-name", page.editor)
        page.click("#editor-form button")


def saved(page) -> None:
    page.wait_for_selector('#serve-status[data-kind="saved"][data-busy="0"]', state="attached")


def test_a_review_with_the_keyboard_is_saved_and_equal_to_cleanup_fix(server, browser, tmp_path):
    folder, running = server
    page = open_page(browser, running, "Alice")
    assert page.locator("#queue-rows tr").count() == 2
    page.fill("#queue-search", "000_")
    assert page.locator("#queue-rows tr").count() == 1
    page.select_option("#queue-rule", "GL:Rasool")
    assert page.locator("#queue-rows tr").count() == 1
    page.screenshot(path=str(tmp_path / "queue.png"))
    review(page, NAME)
    total = page.locator("#article .change").count()
    for key in ("j", "a", "r", "a"):  # accept the first, reject the second, accept the third
        page.keyboard.press(key)
    saved(page)
    assert page.inner_text("#progress") == f"3 of {total} changes reviewed"
    decisions_file = folder / "corrected" / f"{NAME}.decisions.yaml"
    decided = load_decisions(str(decisions_file), decisions_file.read_text(encoding="utf-8"))
    assert [d.verdict for d in decided.decisions] == ["accept", "reject", "accept"]
    page.reload()
    page.wait_for_selector("#serve-status", state="attached")
    assert page.inner_text("#progress") == f"2 of {total - 1} changes reviewed"  # the rejected one is kept out
    assert "Rejected earlier" in page.inner_text("header")
    running.wait_until_settled(NAME)
    written = outputs(folder / "corrected")
    fixed = fix_elsewhere(folder, tmp_path / "fixed")
    assert {name: written[name] for name in fixed} == fixed
    assert page.errors == []


def test_two_editors_on_one_article_merge_and_see_a_conflict(server, browser):
    folder, running = server
    alice, bo = open_page(browser, running, "Alice"), open_page(browser, running, "Bo")
    review(alice, NAME)
    review(bo, NAME)
    alice.locator("#change-0 .accept").click()
    saved(alice)
    bo.locator("#change-1 .reject").click()  # on the version before Alice's save: disjoint, merged
    saved(bo)
    assert "merged" in bo.inner_text("#serve-status")
    assert bo.get_attribute("#change-0", "data-state") == "accept"  # Alice's decision, shown to Bo
    alice.locator("#change-2 .accept").click()
    saved(alice)
    bo.locator("#change-2 .reject").click()  # Bo has not seen Alice's: a conflict, and hers is kept
    bo.wait_for_selector("#serve-notices .conflict")
    assert "you chose reject, another editor accept" in bo.inner_text("#serve-notices")
    assert bo.get_attribute("#change-2", "data-state") == "accept"
    decisions_file = folder / "corrected" / f"{NAME}.decisions.yaml"
    text = decisions_file.read_text(encoding="utf-8")
    verdicts = [d.verdict for d in load_decisions("f", text).decisions]
    assert verdicts == ["accept", "reject", "accept"] and 'by: "Alice"' in text and 'by: "Bo"' in text
    assert alice.errors == [] and [e for e in bo.errors if "status of 409" not in e] == []


def test_hostile_text_stays_text(server, browser):
    folder, running = server
    name = "hostile <b>&.txt"
    page = open_page(browser, running, "<img src=x onerror=alert(1)>")
    assert page.locator("#queue-rows a", has_text=name).count() == 1
    review(page, name)
    article = page.locator("#article")
    assert "<script>alert('x')</script>" in article.inner_text()
    assert article.locator("script, img, b, textarea").count() == 0
    assert page.locator("body img, body b").count() == 0
    page.locator("#article .change .accept").first.click()
    saved(page)
    page.goto(running.base + "/")
    page.wait_for_selector('#queue-progress:text-matches("^All ")')
    assert page.locator("#queue-rows img").count() == 0
    text = (folder / "corrected" / f"{name}.decisions.yaml").read_text(encoding="utf-8")
    assert json.dumps("<img src=x onerror=alert(1)>") in text
    assert page.errors == []


def test_a_flag_dismissed_with_the_keyboard_is_saved_and_undone(server, browser):
    folder, running = server
    page = open_page(browser, running, "Mona")
    review(page, NAME)
    assert "d dismiss a flag" in page.inner_text("header")
    flag = page.locator("#article .flag-item:has(.dismiss-flag)").first
    rule = flag.get_attribute("data-rule")
    flag.locator("mark").click()  # selects it, as j/k would
    page.keyboard.press("d")
    saved(page)
    page.reload()
    page.wait_for_selector("#serve-status", state="attached")
    flag = page.locator("#article .flag-item:has(.dismiss-flag)").first
    assert (
        flag.get_attribute("data-state") == "dismissed" and flag.locator(".dismiss-flag").inner_text() == "undo dismiss"
    )
    decisions_file = folder / "corrected" / f"{NAME}.decisions.yaml"
    text = decisions_file.read_text(encoding="utf-8")
    (dismissal,) = load_decisions(str(decisions_file), text).dismissed
    assert (dismissal.rule, dismissal.verdict, dismissal.by) == (rule, "dismiss", "Mona") and dismissal.at
    assert "decision: dismiss" in text and 'by: "Mona"' in text and "at: " in text
    flag.locator(".dismiss-flag").click()  # undo
    saved(page)
    assert flag.get_attribute("data-state") == "open"
    assert load_decisions("f", decisions_file.read_text(encoding="utf-8")).dismissed == ()
    assert page.errors == []
