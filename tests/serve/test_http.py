"""`cleanup serve` over HTTP (Starlette's test client): saving decisions writes the decisions file and the
edition `cleanup fix` writes; concurrent saves merge or conflict (a decision matched again to an article
edited on disk is no conflict); flags are dismissed and undone; articles added or removed while serving
are listed or dropped (a link out of the folders never); and every route refuses what it must
(no or wrong token, another Host, cross-site requests, paths out of the served folders, bad bodies) with
one clear error, writing nothing."""

import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from cleanup.cli import main
from cleanup.decisions import load_decisions
from cleanup.serve.project import Project
from tests.conftest import SEED
from tests.serve.served import TOKEN, fix_elsewhere, make_project, outputs, served, served_in, settle

NAME = SEED.name
HEADERS = {"x-cleanup-token": TOKEN}


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[tuple]:
    """The seed served from `folder`, with a link out of the served folder beside it."""
    make_project(folder)
    outside = folder.parent / "secret.txt"
    outside.write_text("The Daash secret ,outside.\n", encoding="utf-8")
    os.symlink(outside, folder / "seeds" / "link-out.txt")
    with served_in(folder, {"testserver"}) as (project, background, application):
        yield folder, project, background, application


@pytest.fixture
def app(tmp_path):
    """A project of its own, for a test that saves."""
    with serving(tmp_path / "project") as made:
        yield made


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One project for the tests of what is refused (they write nothing)."""
    with serving(tmp_path_factory.mktemp("shared") / "project") as made:
        yield made


def client_of(app) -> TestClient:
    made = TestClient(app[3], base_url="http://testserver")
    made.cookies.set("cleanup_token", TOKEN)
    return made


@pytest.fixture
def client(app):
    with client_of(app) as made:
        yield made


@pytest.fixture
def shared_client(shared, monkeypatch):
    monkeypatch.chdir(shared[0])
    with client_of(shared) as made:
        yield made


def changes_of(client) -> tuple[str, list[dict]]:
    """The article page's version and its changes, as the page's script reads them."""
    page = client.get(f"/article/{NAME}").text
    version = page.split('name="cleanup-version" content="')[1].split('"')[0]
    data = json.loads(page.split('id="review-data">')[1].split("</script>")[0])
    return version, data["changes"]


def served_data(client) -> tuple[str, list[dict], dict]:
    """The article page's version, its changes, and what the server's script reads (stored keys, flags)."""
    page = client.get(f"/article/{NAME}").text
    version, changes = changes_of(client)
    return version, changes, json.loads(page.split('id="serve-data">')[1].split("</script>")[0])


def key(change: dict) -> list[str]:
    return [change[k] for k in ("rule", "before", "after", "context_before", "context_after")]


def save(client, version: str, decisions: list[dict], editor: str = "Alice", names=()) -> object:
    body = {"base": version, "editor": editor, "decisions": decisions, "names": list(names)}
    return client.post(f"/api/decisions/{NAME}", json=body, headers=HEADERS)


def decided_then_edited(app, client, version: str, change: dict, verdict: str, old: str, new: str) -> None:
    """`change` decided as `verdict` (saved, written by the background), then the article edited on disk."""
    folder, _, background, _ = app
    assert save(client, version, [{"key": key(change), "was": None, "now": verdict}]).status_code == 200
    settle(background)
    article = folder / "seeds" / NAME
    article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_the_queue_lists_the_article_with_its_state(shared_client):
    rows = shared_client.get("/api/queue").json()
    assert rows["progress"] == {"total": 1, "waiting": 0, "done": 1}
    (row,) = rows["rows"]  # the link out of the folder is not served
    assert row["name"] == NAME and row["status"] == "ready" and row["pending"] == row["changes"] > 20
    assert "GL:Rasool" in row["rules"]


def test_a_save_writes_the_decisions_and_the_edition_cleanup_fix_writes(app, client, tmp_path):
    folder, _, background, _ = app
    version, changes = changes_of(client)
    rasool = next(c for c in changes if c["rule"] == "GL:Rasool")
    isis = next(c for c in changes if c["rule"] == "GL:ISIS")
    answer = save(
        client,
        version,
        [{"key": key(rasool), "was": None, "now": "reject"}, {"key": key(isis), "was": None, "now": "accept"}],
        names=[{"name": "Mohammad Reza", "was": False, "now": True}],
    )
    assert answer.status_code == 200, answer.text
    decisions_file = folder / "corrected" / f"{NAME}.decisions.yaml"
    text = decisions_file.read_text(encoding="utf-8")
    decided = load_decisions(str(decisions_file), text)
    assert [(d.rule, d.verdict) for d in decided.decisions] == [("GL:Rasool", "reject"), ("GL:ISIS", "accept")]
    assert decided.names == ("Mohammad Reza",) and [d.by for d in decided.decisions] == ["Alice", "Alice"]
    settle(background)
    assert client.get(f"/api/state/{NAME}").json()["current"] is True
    written = outputs(folder / "corrected")
    fixed = fix_elsewhere(folder, tmp_path / "fixed")  # also fixes the copied link's target: not served
    assert written == {name: fixed[name] for name in written}
    row = client.get("/api/queue").json()["rows"][0]
    assert (row["accepted"], row["rejected"], row["last_by"]) == (1, 1, "Alice")


def test_saves_on_one_version_merge_when_disjoint_and_conflict_when_not(app, client):
    folder = app[0]
    version, changes = changes_of(client)
    first, second = changes[0], changes[1]
    assert save(client, version, [{"key": key(first), "was": None, "now": "accept"}]).status_code == 200
    merged = save(client, version, [{"key": key(second), "was": None, "now": "reject"}], editor="Bo")
    assert merged.status_code == 200 and merged.json()["merged"] is True
    decisions_file = folder / "corrected" / f"{NAME}.decisions.yaml"
    before = decisions_file.read_bytes()
    conflict = save(client, version, [{"key": key(first), "was": None, "now": "reject"}], editor="Bo")
    assert conflict.status_code == 409
    (found,) = conflict.json()["conflicts"]
    assert (found["yours"], found["theirs"]) == ("reject", "accept") and found["by"].startswith('by "Alice" at ')
    assert decisions_file.read_bytes() == before  # nothing written
    verdicts = {d.rule: d.verdict for d in load_decisions("f", before.decode()).decisions}
    assert verdicts == {first["rule"]: "accept", second["rule"]: "reject"}
    third = changes[2]
    both = [{"key": key(first), "was": None, "now": "reject"}, {"key": key(third), "was": None, "now": "accept"}]
    partly = save(client, version, both, editor="Bo")  # the conflict is kept out, the other decision written
    assert partly.status_code == 409 and [c["key"][0] for c in partly.json()["conflicts"]] == [first["rule"]]
    decided = load_decisions("f", decisions_file.read_text(encoding="utf-8")).decisions
    assert [(d.rule, d.verdict) for d in decided] == [
        (first["rule"], "accept"),
        (second["rule"], "reject"),
        (third["rule"], "accept"),
    ]


def test_responses_carry_a_policy_without_inline_script(shared_client):
    page = shared_client.get(f"/article/{NAME}")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in page.text and "<style>" not in page.text
    assert shared_client.get("/static/review-serve.js").headers["content-type"].startswith("text/javascript")


ROUTES = [
    ("GET", "/"),
    ("GET", "/api/queue"),
    ("GET", "/static/queue.js"),
    ("GET", f"/article/{NAME}"),
    ("GET", f"/api/state/{NAME}"),
    ("POST", f"/api/decisions/{NAME}"),
    ("GET", f"/edition/{NAME}"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_every_route_needs_the_token(shared, method, path, token):
    with TestClient(shared[3], base_url="http://testserver") as shared_client:
        headers = {"x-cleanup-token": token} if token else {}
        answer = shared_client.request(method, path, headers=headers, json={"base": "", "editor": "x", "decisions": []})
        assert answer.status_code == 403 and "token" in answer.json()["error"]
    assert not (shared[0] / "corrected" / f"{NAME}.decisions.yaml").exists()


def test_the_printed_address_sets_a_cookie_and_drops_the_token(shared):
    with TestClient(shared[3], base_url="http://testserver", follow_redirects=False) as shared_client:
        answer = shared_client.get(f"/?token={TOKEN}")
        assert answer.status_code == 303 and answer.headers["location"] == "/"
        assert "HttpOnly" in answer.headers["set-cookie"] and "SameSite=strict" in answer.headers["set-cookie"]
        assert shared_client.get("/").status_code == 200


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_another_host_is_refused(shared_client, method, path):
    answer = shared_client.request(method, path, headers={**HEADERS, "host": "evil.example:80"})
    assert answer.status_code == 400 and "Host" in answer.json()["error"]


TRAVERSALS = [
    "/article/../pyproject.toml",
    "/article/%2e%2e/%2e%2e/etc/passwd",
    "/article/..%2f..%2fetc%2fpasswd",
    "/article//etc/passwd",
    "/article/%2Fetc%2Fpasswd",
    "/article/link-out.txt",
    "/article/seeds/" + NAME,
    "/api/state/../glossary/house.yaml",
    "/edition/..%2F..%2Fsecret.txt",
    "/static/..%2F..%2Fpyproject.toml",
    "/static/%2e%2e%2fapp.py",
    "/static/app.py",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_the_served_articles_is_read(shared_client, path):
    answer = shared_client.get(path, headers=HEADERS)
    assert answer.status_code == 404, answer.text
    assert "secret" not in answer.text and "[project]" not in answer.text


@pytest.mark.parametrize(
    "path", ["/api/decisions/../../secret.txt", "/api/decisions/link-out.txt", "/api/decisions/%2Ftmp%2Fx"]
)
def test_nothing_outside_the_served_articles_is_written(shared, shared_client, path):
    body = {"base": "", "editor": "Mallory", "decisions": [], "names": [{"name": "x", "was": False, "now": True}]}
    answer = shared_client.post(path, json=body, headers=HEADERS)
    assert answer.status_code == 404
    assert sorted(p.name for p in (shared[0] / "corrected").iterdir()) == sorted(
        p.name for p in (shared[0] / "corrected").iterdir() if not p.name.endswith(".decisions.yaml")
    )


def post(client, body: bytes, headers: dict) -> object:
    return client.post(f"/api/decisions/{NAME}", content=body, headers=headers)


JSON_TYPE = {"content-type": "application/json"}
BAD_REQUESTS = [
    ("cookie only, as a cross-site form would", b"{}", {"content-type": "application/json"}, 403, "header"),
    ("another site's origin", b"{}", {**HEADERS, **JSON_TYPE, "origin": "https://evil.example"}, 403, "cross-site"),
    ("a form's content type", b"base=x", {**HEADERS, "content-type": "application/x-www-form-urlencoded"}, 415, "JSON"),
    ("a text body", b"{}", {**HEADERS, "content-type": "text/plain"}, 415, "JSON"),
    ("too large", b" " * ((1 << 20) + 1), {**HEADERS, **JSON_TYPE}, 413, "larger"),
    ("not JSON", b"{base: ", {**HEADERS, **JSON_TYPE}, 400, "not JSON"),
    ("deeply nested", b"[" * 100_000 + b"]" * 100_000, {**HEADERS, **JSON_TYPE}, 400, ""),
    ("a list", b"[]", {**HEADERS, **JSON_TYPE}, 400, "object"),
    ("unknown key", b'{"base": "", "editor": "a", "evil": 1}', {**HEADERS, **JSON_TYPE}, 400, "object"),
    ("no editor", b'{"base": "", "decisions": []}', {**HEADERS, **JSON_TYPE}, 400, "editor"),
    ("an editor with a line break", b'{"base": "", "editor": "a\\nb"}', {**HEADERS, **JSON_TYPE}, 400, "editor"),
    ("a bad verdict", b'{"base": "", "editor": "a", "decisions": [{"key": ["R","a","b","",""], "now": "maybe"}]}',
     {**HEADERS, **JSON_TYPE}, 400, "decision"),
    ("a short key", b'{"base": "", "editor": "a", "decisions": [{"key": ["R"], "now": "accept"}]}',
     {**HEADERS, **JSON_TYPE}, 400, "decision"),
    ("a lone surrogate", b'{"base": "", "editor": "a", "decisions": [{"key": ["R","\\ud800","b","",""], "now": "accept"}]}',
     {**HEADERS, **JSON_TYPE}, 400, "decision"),
    ("a bad name", b'{"base": "", "editor": "a", "names": [{"name": "", "was": false, "now": true}]}',
     {**HEADERS, **JSON_TYPE}, 400, "name"),
]  # fmt: skip


@pytest.mark.parametrize(("why", "body", "headers", "status", "said"), BAD_REQUESTS, ids=[r[0] for r in BAD_REQUESTS])
def test_a_bad_save_gets_one_clear_error_and_writes_nothing(shared, shared_client, why, body, headers, status, said):
    corrected = shared[0] / "corrected"
    before = outputs(corrected)
    answer = post(shared_client, body, headers)
    assert answer.status_code == status, answer.text
    assert said in answer.json()["error"]
    assert outputs(corrected) == before


def test_a_get_changes_nothing_and_other_methods_are_refused(shared, shared_client):
    assert shared_client.put(f"/api/decisions/{NAME}", json={}, headers=HEADERS).status_code == 405
    assert shared_client.get(f"/api/decisions/{NAME}", headers=HEADERS).status_code == 405
    assert not (shared[0] / "corrected" / f"{NAME}.decisions.yaml").exists()


def test_an_article_edited_on_disk_is_noticed(app, client):
    _, _, background, _ = app
    version, changes = changes_of(client)
    rasool = next(c for c in changes if c["rule"] == "GL:Rasool")
    decided_then_edited(app, client, version, rasool, "reject", "Rasul explained", "Someone explained")
    state = client.get(f"/api/state/{NAME}").json()
    assert state["version"].split("-")[0] != version.split("-")[0]
    settle(background)
    state = client.get(f"/api/state/{NAME}").json()
    assert state["current"] is True
    assert state["stale"] == [{"rule": "GL:Rasool", "before": "Rasul", "after": "Rasool", "decision": "reject"}]
    assert client.get("/api/queue").json()["rows"][0]["stale"] == 1


def listed(client, name: str, state: str | None = "ready", seconds: float = 120) -> dict | None:
    """The article's row once the queue lists it in `state` (None: once it no longer lists it); a bound, not a timing."""
    stop = time.monotonic() + seconds
    while True:
        rows = {row["name"]: row for row in client.get("/api/queue").json()["rows"]}
        row = rows.get(name)
        if (row is None) if state is None else (row is not None and row["status"] == state):
            return row
        assert time.monotonic() < stop, f"{name} did not become {state or 'unlisted'}"
        time.sleep(0.1)


def test_an_article_added_while_serving_is_listed_and_processed_and_one_removed_leaves(app, client, tmp_path):
    folder, _, background, _ = app
    added = folder / "seeds" / "added.txt"
    added.write_text("The Daash fighters ,and Rasul spoke.\n", encoding="utf-8")
    row = listed(client, "added.txt")
    assert row is not None and "GL:Rasool" in row["rules"] and row["pending"] == row["changes"] > 0
    assert client.get("/article/added.txt").status_code == 200
    settle(background)
    written = outputs(folder / "corrected")
    fixed = fix_elsewhere(folder, tmp_path / "fixed")
    assert written == {name: fixed[name] for name in written} and "added.txt" in written
    added.unlink()
    assert listed(client, "added.txt", state=None) is None
    assert client.get("/article/added.txt").status_code == 404
    assert client.get("/api/queue").json()["progress"] == {"total": 1, "waiting": 0, "done": 1}


def test_a_link_out_of_the_folders_added_while_serving_is_never_served(app, client):
    folder = app[0]
    outside = folder.parent / "later-secret.txt"
    outside.write_text("The Daash secret ,added later.\n", encoding="utf-8")
    os.symlink(outside, folder / "seeds" / "later-link.txt")
    (folder / "seeds" / "later.txt").write_text("The Daash fighters spoke.\n", encoding="utf-8")
    assert listed(client, "later.txt") is not None  # listed together with the link: the link was left out
    assert "later-link.txt" not in {row["name"] for row in client.get("/api/queue").json()["rows"]}
    for path in ("/article/later-link.txt", "/api/state/later-link.txt", "/edition/later-link.txt"):
        answer = client.get(path)
        assert answer.status_code == 404 and "secret" not in answer.text
    assert not (folder / "corrected" / "later-link.txt").exists()
    (folder / "seeds" / "later.txt").unlink()
    os.symlink(outside, folder / "seeds" / "later.txt")  # a listed article replaced by a link out
    answer = client.get("/article/later.txt")
    assert answer.status_code == 404 and "secret" not in answer.text  # at once, before the folders are listed again
    assert listed(client, "later.txt", state=None) is None


def test_a_word_article_offers_its_tracked_and_clean_editions(tmp_path, monkeypatch):
    from tests.wordfiles import seed_docx

    folder = tmp_path / "project"
    make_project(folder)
    (folder / "seeds" / "report.docx").write_bytes(seed_docx("The Daash fighters ,and Rasul spoke.\n"))
    monkeypatch.chdir(folder)
    project, background, application = served({"testserver"})
    monkeypatch.setattr(Project, "process", refuse_in_the_server)  # the worker processes are not touched
    try:
        with client_of((folder, project, background, application)) as client:
            tracked = client.get("/edition/report.docx?mode=review")
            clean = client.get("/edition/report.docx?mode=clean")
            assert client.get(f"/edition/{NAME}").status_code == 404  # not a Word article
            assert client.get("/edition/report.docx?mode=other").status_code == 400
    finally:
        background.stop()
    assert tracked.status_code == clean.status_code == 200
    assert tracked.content == (folder / "corrected" / "report.docx").read_bytes()  # what fix writes
    assert main(["fix", "-q", "seeds/report.docx", "--docx-mode", "clean", "--out", "clean"]) == 0
    assert clean.content == (folder / "clean" / "report.docx").read_bytes()
    assert "attachment" in clean.headers["content-disposition"]


def test_a_decision_matched_again_to_an_article_edited_on_disk_is_no_conflict(app, client):
    """The page shows a change whose decision was made before the article was edited (matched again by its
    context): deciding it again or undoing it changes that decision, and is no conflict (it was one)."""
    folder, _, background, _ = app
    version, changes = changes_of(client)
    isis = next(c for c in changes if c["before"] == "Daash")
    decided_then_edited(app, client, version, isis, "accept", "terrorist cells of Daash", "terror cells of Daash")
    client.get(f"/api/state/{NAME}")  # noticed
    settle(background)
    version, changes, data = served_data(client)
    number, moved = next((n, c) for n, c in enumerate(changes) if c["before"] == "Daash")
    assert moved["review"] == "accept" and moved["context_before"] != isis["context_before"]  # matched again
    stored = data["changes"][number]
    assert stored == [isis["rule"], isis["before"], isis["context_before"], isis["context_after"]]
    answer = save(client, version, [{"key": key(moved), "was": "accept", "now": "reject", "stored": stored}])
    assert answer.status_code == 200, answer.text
    decisions_file = folder / "corrected" / f"{NAME}.decisions.yaml"
    decided = load_decisions("f", decisions_file.read_text(encoding="utf-8")).decisions
    assert [(d.rule, d.verdict, d.context_before) for d in decided] == [("GL:ISIS", "reject", moved["context_before"])]
    answer = save(client, answer.json()["version"], [{"key": key(moved), "was": "reject", "now": None}])
    assert answer.status_code == 200 and load_decisions("f", decisions_file.read_text("utf-8")).decisions == []


def test_a_flag_dismissed_and_undone(app, client):
    folder, _, background, _ = app
    open_flags = client.get("/api/queue").json()["rows"][0]["flags"]
    version, _, data = served_data(client)
    flag = next(f for f in data["flags"] if not f["dismissed"])
    answer = save(client, version, [{"key": flag["key"], "was": None, "now": "dismiss"}], editor="Mona")
    assert answer.status_code == 200, answer.text
    decisions_file = folder / "corrected" / f"{NAME}.decisions.yaml"
    (dismissal,) = load_decisions("f", decisions_file.read_text("utf-8")).dismissed
    assert (dismissal.rule, dismissal.before, dismissal.by) == (flag["key"][0], flag["key"][1], "Mona")
    assert [f["dismissed"] for f in served_data(client)[2]["flags"] if f["key"] == flag["key"]] == [True]
    settle(background)
    assert client.get("/api/queue").json()["rows"][0]["flags"] == open_flags - 1  # the queue counts open flags
    answer = save(client, answer.json()["version"], [{"key": flag["key"], "was": "dismiss", "now": None}])
    assert answer.status_code == 200 and not load_decisions("f", decisions_file.read_text("utf-8")).dismissed


def refuse_in_the_server(*arguments: object) -> None:
    raise AssertionError("an article was processed in the server's own process")
