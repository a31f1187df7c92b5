"""A server killed (SIGKILL) while editors save leaves every file whole: the decisions file reads and holds
every save that was answered, each record is complete, and a new server brings the edition to what
`cleanup fix` writes."""

import json
import os
import signal
import threading

import httpx2 as httpx  # the package Starlette's test client uses (the test extra installs it)

from cleanup.decisions import load_decisions
from tests.conftest import SEED
from tests.serve.served import Server, fix_elsewhere, make_project, outputs

NAME = SEED.name


def page_state(server: Server) -> tuple[str, list[dict]]:
    page = server.get(f"/article/{NAME}").text
    version = page.split('name="cleanup-version" content="')[1].split('"')[0]
    return version, json.loads(page.split('id="review-data">')[1].split("</script>")[0])["changes"]


def keep_saving(
    server: Server, changes: list[dict], version: str, answered: list, enough: threading.Event, on_disk: dict
) -> None:
    """Decide one change after another (accept, reject, accept, …) until the server stops answering."""
    verdicts = {number: on_disk.get(key_of(change)) for number, change in enumerate(changes)}
    with httpx.Client(headers={"x-cleanup-token": server.token}, timeout=30) as client:
        for turn in range(10_000):
            number = turn % len(changes)
            change = changes[number]
            now = ("accept", "reject")[turn % 2]
            key = list(key_of(change))
            body = {
                "base": version,
                "editor": "Kim",
                "decisions": [{"key": key, "was": verdicts.get(number), "now": now}],
            }
            try:
                answer = client.post(f"{server.base}/api/decisions/{NAME}", json=body)
            except httpx.HTTPError:
                answered.append((tuple(key), (verdicts.get(number), now)))  # unanswered: saved or not
                return
            assert answer.status_code == 200, answer.text
            version, verdicts[number] = answer.json()["version"], now
            answered.append((tuple(key), now))
            if len(answered) >= 40:
                enough.set()


def key_of(change: dict) -> tuple[str, ...]:
    return tuple(change[k] for k in ("rule", "before", "after", "context_before", "context_after"))


def decisions_on_disk(path) -> dict:
    if not path.exists():
        return {}
    decided = load_decisions(str(path), path.read_text(encoding="utf-8"))
    return {(d.rule, d.before, d.after, d.context_before, d.context_after): d.verdict for d in decided.decisions}


def test_a_server_killed_while_saving_leaves_every_file_whole(tmp_path):
    folder = make_project(tmp_path / "project")
    decisions_file = folder / "corrected" / f"{NAME}.decisions.yaml"
    for _ in range(3):
        server = Server(folder)
        version, changes = page_state(server)
        answered: list = []
        enough = threading.Event()
        on_disk = decisions_on_disk(decisions_file)
        saver = threading.Thread(target=keep_saving, args=(server, changes, version, answered, enough, on_disk))
        saver.start()
        try:
            assert enough.wait(120), "the saves did not go on"
        finally:
            os.kill(server.process.pid, signal.SIGKILL)  # in the middle of saves and regenerations
            server.process.wait(30)
        saver.join(60)
        last: dict = {}
        for key, verdict in answered:
            last[key] = verdict
        on_disk = decisions_on_disk(decisions_file)
        for key, verdict in last.items():  # every answered save is on disk; the one cut off may be or not
            assert on_disk.get(key) in (verdict if isinstance(verdict, tuple) else (verdict,)), key
        whole(folder / "corrected")
    server = Server(folder)  # a new server finishes what the killed one left
    try:
        server.wait_until_settled(NAME)
    finally:
        server.stop()
    assert not [p for p in (folder / "corrected").iterdir() if p.name.endswith(".tmp")]
    written = outputs(folder / "corrected")
    assert written == fix_elsewhere(folder, tmp_path / "fixed")


def whole(corrected) -> None:
    """Each record complete: the change log parses, the review page and report are whole."""
    json.loads((corrected / f"{NAME}.changes.json").read_text(encoding="utf-8"))
    assert (corrected / f"{NAME}.html").read_text(encoding="utf-8").endswith("</html>\n")
    assert (corrected / f"{NAME}.report.md").read_text(encoding="utf-8").startswith("# Review: ")
    assert (corrected / NAME).stat().st_size > 0
