"""The glossary page of `cleanup serve` in Debian's Chromium (Playwright): a name the glossary does not know,
added from the page, or from its flag on an article's page, is in the glossary file on disk with its
comments, and another article's counts in the queue change; an article's name stays text."""

import pytest
from playwright.sync_api import expect

from tests.serve import test_browser
from tests.serve.served import Server, make_project
from tests.serve.test_browser import open_page, review, saved

browser = test_browser.browser  # Chromium, launched for each test

OTHER = "b.txt"
HOSTILE = "hostile <b>&.txt"
OTHER_TEXT = (
    "Yesterday Qutaybah Zubaydi spoke to reporters about the Daesh attacks and Rasoul.\n"
    "Officials said Rasoul would attend. Brigadier Yahya Rasool spoke and Rasool said.\n"
)


@pytest.fixture
def server(tmp_path):
    folder = make_project(tmp_path / "project")
    (folder / "seeds" / OTHER).write_text(OTHER_TEXT, encoding="utf-8")
    (folder / "seeds" / HOSTILE).write_text(
        "The Daash said <img src=x onerror=alert(1)> to Zaydan.\n", encoding="utf-8"
    )
    running = Server(folder)
    yield folder, running
    running.stop()


def flags_of(page, name: str):
    """The queue's Flags cell of the article `name`."""
    return page.locator(f'#queue-rows tr:has(a:text-is("{name}")) td:nth-child(6)')


def test_a_name_added_from_the_glossary_page_is_in_the_file_and_changes_the_queue(server, browser):
    folder, running = server
    house = folder / "glossary" / "house.yaml"
    before = house.read_text(encoding="utf-8")
    page = open_page(browser, running, "Alice")
    expect(flags_of(page, OTHER)).to_have_text("1")  # NM001: Rasoul, spelled like Rasool
    page.click("#glossary-link")
    page.wait_for_selector('body[data-state="ready"]')
    isis = page.locator('#glossary-entries tr[data-rule="GL:ISIS"]')
    assert "ISIS" in isis.inner_text() and "glossary/house.yaml:17" in isis.inner_text()
    assert isis.locator("a", has_text=HOSTILE).count() == 1  # an article's name is text, never markup
    assert page.locator("main b, main img").count() == 0
    unknown = page.locator('#glossary-unknown tr[data-name="Rasoul"]')
    assert OTHER in unknown.inner_text()
    unknown.get_by_role("button", name="Add to names").click()
    page.wait_for_selector("#glossary-notices .saved")
    page.wait_for_selector('body[data-state="ready"]')
    assert "Written to glossary/house.yaml; 1 article checked again" in page.inner_text("#glossary-notices")
    assert page.locator('#glossary-unknown tr[data-name="Rasoul"]').count() == 0
    after = house.read_text(encoding="utf-8")
    assert after == before + "  - Rasoul\n"  # in place: every comment and line kept
    page.click("#queue-link")
    expect(flags_of(page, OTHER)).to_have_text("0", timeout=120_000)
    assert page.errors == []


THIRD = "c.txt"


def test_a_name_added_from_a_flag_on_an_articles_page_is_in_the_glossary_and_changes_another_article(server, browser):
    folder, running = server
    (folder / "seeds" / THIRD).write_text("Later, Rasoul met the delegation in Raqqa.\n", encoding="utf-8")
    house = folder / "glossary" / "house.yaml"
    before = house.read_text(encoding="utf-8")
    page = open_page(browser, running, "Alice")
    expect(page.locator(f'#queue-rows a:text-is("{THIRD}")')).to_have_count(1, timeout=60_000)  # noticed while serving
    expect(flags_of(page, THIRD)).not_to_have_text("0", timeout=120_000)
    third_flags = int(flags_of(page, THIRD).inner_text())
    review(page, OTHER)
    page.click('.add-name[data-name="Rasoul"]')
    saved(page)
    assert "Saved; the name is in glossary/house.yaml" in page.inner_text("#serve-status")
    assert house.read_text(encoding="utf-8") == before + "  - Rasoul\n"  # in place: every comment kept
    decisions = (folder / "corrected" / f"{OTHER}.decisions.yaml").read_text(encoding="utf-8")
    assert "Rasoul" in decisions  # the article's own record keeps it too
    page.goto(running.url)
    expect(flags_of(page, THIRD)).to_have_text(str(third_flags - 1), timeout=120_000)
    assert page.errors == []
