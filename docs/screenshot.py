"""Regenerate docs/review-page.png, the README's picture of the review page, with Debian's Chromium.

python docs/screenshot.py     (after `cleanup fix`, from the project folder)
"""

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "corrected" / "000_34c7e98329047369.txt.html"
IMAGE = ROOT / "docs" / "review-page.png"


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "chromium")
        page = browser.new_page(viewport={"width": 1280, "height": 960})
        page.goto(PAGE.resolve().as_uri())
        page.locator('#article .change[data-rule="GL:ISIS"] .accept').first.click()
        page.locator('#article .change[data-rule="GL:Rasool"] .reject').first.click()
        for _ in range(6):
            page.keyboard.press("j")  # the change in focus shows its reason
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(IMAGE))
        browser.close()
    print(f"wrote {IMAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
