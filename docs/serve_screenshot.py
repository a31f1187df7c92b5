"""Regenerate docs/serve-queue.png and docs/serve-glossary.png, the pictures of `cleanup serve`'s queue and
glossary page, with Debian's Chromium.

python docs/serve_screenshot.py     (from the project folder)

Serves twelve articles (slices of the seed) and a short one with names the glossary does not know from a
temporary folder, has two editors decide on three of them over HTTP, photographs the queue sorted by
pending changes, then adds one name from the glossary page and photographs it.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx  # what the test extra installs (Starlette's test client uses it)
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMAGE = ROOT / "docs" / "serve-queue.png"
GLOSSARY_IMAGE = ROOT / "docs" / "serve-glossary.png"
NAMES = (
    "Yesterday Qutaybah Zubaydi spoke to reporters about the Daesh attacks and Rasoul.\n"
    "Officials said Rasoul would attend. Brigadier Yahya Rasool spoke, and Qutayba Zubaydi said so too.\n"
    "Hamid Faraj of the Syrian Democratic forces met Qutaybah Zubaydi in Raqqa.\n"
)
KEYS = ("rule", "before", "after", "context_before", "context_after")


def build(folder: Path) -> None:
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    lines = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8").splitlines(keepends=True)
    for number in range(12):
        year = folder / "archive" / ("2019" if number % 2 else "2020")
        year.mkdir(parents=True, exist_ok=True)
        (year / f"article-{number:02}.txt").write_text("".join(lines[number * 3 : number * 3 + 14]), encoding="utf-8")
    (folder / "archive" / "2020" / "names.txt").write_text(NAMES, encoding="utf-8")


def decide(client: httpx.Client, name: str, editor: str, verdicts: list[str]) -> None:
    """Decide the first changes of an article as `editor` would on its page."""
    page = client.get(f"/article/{name}").text
    version = page.split('name="cleanup-version" content="')[1].split('"')[0]
    changes = json.loads(page.split('id="review-data">')[1].split("</script>")[0])["changes"]
    decisions = [{"key": [c[k] for k in KEYS], "was": None, "now": v} for c, v in zip(changes, verdicts, strict=False)]
    body = {"base": version, "editor": editor, "decisions": decisions, "names": []}
    client.post(f"/api/decisions/{name}", json=body).raise_for_status()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="cleanup-serve-shot-"))
    build(folder)
    server = subprocess.Popen(
        [sys.executable, "-m", "cleanup", "serve", "archive", "--port", "0"],
        cwd=folder,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split("open ", 1)[1].strip()
        base, token = url.split("/?token=")
        client = httpx.Client(base_url=base, headers={"x-cleanup-token": token}, timeout=120)
        while client.get("/api/queue").json()["progress"]["waiting"]:
            time.sleep(0.2)
        decide(client, "2020/article-00.txt", "Alice", ["accept"] * 6 + ["reject"])
        decide(client, "2019/article-03.txt", "Bo", ["accept", "reject", "accept"])
        decide(client, "2020/article-04.txt", "Alice", ["accept"] * 20)
        while client.get("/api/queue").json()["progress"]["waiting"]:
            time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "chromium")
            page = browser.new_page(viewport={"width": 1280, "height": 640})
            page.goto(url)
            page.wait_for_selector("#queue-rows tr.ready")
            page.click('#queue-head th[data-column="pending"]')
            page.click('#queue-head th[data-column="pending"]')  # most pending first
            page.screenshot(path=str(IMAGE))
            page.click("#glossary-link")
            page.wait_for_selector('body[data-state="ready"]')
            page.locator('#glossary-unknown tr[data-name="Hamid Faraj"] button').click()
            page.wait_for_selector("#glossary-notices .saved")
            page.wait_for_selector('body[data-state="ready"]')
            while client.get("/api/queue").json()["progress"]["waiting"]:  # the articles it affects checked again
                time.sleep(0.2)
            page.set_viewport_size({"width": 1280, "height": 900})
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(GLOSSARY_IMAGE))
            browser.close()
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"wrote {IMAGE.relative_to(ROOT)} and {GLOSSARY_IMAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
