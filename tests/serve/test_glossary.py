"""The glossary page of `cleanup serve` over HTTP (Starlette's test client): each entry's use, the proposals
and the unknown names; an edit written in place (comments kept) on the version it was based on, the articles
it affects processed again with the new glossary; a stale or invalid edit, or a bad request, refused with
one clear error (an invalid one with file, line and column) and nothing written; a glossary edited on disk
noticed."""

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.serve.served import TOKEN, make_project, served_in, settle

HEADERS = {"x-cleanup-token": TOKEN}
OTHER = "b.txt"  # an article with a name the glossary does not know, spelled like one it knows
OTHER_TEXT = (
    "Yesterday Qutaybah Zubaydi spoke to reporters about the Daesh attacks and Rasoul.\n"
    "Officials said Rasoul would attend. Brigadier Yahya Rasool spoke and Rasool said.\n"
)


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[tuple]:
    """The seed and one more article served from `folder`, processed."""
    make_project(folder)
    (folder / "seeds" / OTHER).write_text(OTHER_TEXT, encoding="utf-8")
    with served_in(folder, {"testserver"}) as (_, background, application):
        client = TestClient(application, base_url="http://testserver")
        client.cookies.set("cleanup_token", TOKEN)
        with client:
            yield folder, background, client


@pytest.fixture
def app(tmp_path):
    """A project of its own, for a test that edits."""
    with serving(tmp_path / "project") as made:
        yield made


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One project for the tests of what is refused (they write nothing)."""
    with serving(tmp_path_factory.mktemp("shared") / "project") as made:
        yield made


def glossary_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((folder / "glossary").iterdir())}


def rows(client) -> dict[str, dict]:
    return {row["name"]: row for row in client.get("/api/queue").json()["rows"]}


def edit(client, **body) -> object:
    return client.post(
        "/api/glossary", json={"base": client.get("/api/glossary").json()["version"], **body}, headers=HEADERS
    )


def test_the_glossary_lists_each_entry_with_its_use_the_proposals_and_the_unknown_names(shared):
    view = shared[2].get("/api/glossary").json()
    assert view["files"] == ["glossary/house.yaml", "glossary/rules.yaml"] and view["problems"] == []
    isis = next(entry for entry in view["entries"] if entry["rule"] == "GL:ISIS")
    assert (isis["file"], isis["line"], isis["in"]) == ("glossary/house.yaml", 17, 2)
    assert {v["form"]: (v["count"], v["articles"]) for v in isis["variants"]}["Daesh"] == (1, [OTHER])
    proposal = {(c["action"], c["preferred"], tuple(c["variants"])) for c in view["candidates"]}
    assert ("variant", "Rasool", ("Rasoul",)) in proposal
    unknown = {name["name"]: name for name in view["unknown"]}
    assert unknown["Rasoul"]["articles"] == [OTHER] and unknown["Rasoul"]["first"] == f"{OTHER}:1:75"


def test_the_page_is_served_without_inline_script_and_linked_from_the_queue(shared):
    client = shared[2]
    page = client.get("/glossary")
    assert page.status_code == 200 and '<script src="/static/glossary.js"></script>' in page.text
    assert "<script>" not in page.text and "script-src 'self'" in page.headers["content-security-policy"]
    assert 'href="/glossary"' in client.get("/").text
    assert client.get("/static/glossary.js").headers["content-type"].startswith("text/javascript")


def test_a_name_added_is_written_in_place_and_the_articles_it_affects_are_checked_again(app):
    folder, background, client = app
    house = folder / "glossary" / "house.yaml"
    before, counts = house.read_text(encoding="utf-8"), rows(client)
    assert counts[OTHER]["flags"] == 1  # NM001: Rasoul, spelled like Rasool
    answer = edit(client, action="names", forms=["Rasoul"])
    assert answer.status_code == 200, answer.text
    assert answer.json()["affected"] == [OTHER] and answer.json()["file"] == "glossary/house.yaml"
    after = house.read_text(encoding="utf-8")
    assert after.endswith("  - Foreign Policy\n  - Rasoul\n")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in after.splitlines() if line.lstrip().startswith("#")]
    settle(background)
    now = rows(client)
    assert now[OTHER]["flags"] == 0
    seed = next(name for name in now if name != OTHER)
    assert now[seed] == counts[seed]  # not affected: not processed again
    assert "Rasoul" not in {name["name"] for name in client.get("/api/glossary").json()["unknown"]}
    again = edit(client, action="names", forms=["Rasoul"])  # known now: nothing to write
    assert again.status_code == 200 and again.json()["affected"] == [] and house.read_text(encoding="utf-8") == after


def test_a_variant_added_to_an_entry_is_changed_in_the_articles_at_once(app):
    folder, background, client = app
    assert rows(client)[OTHER]["pending"] == 1
    answer = edit(client, action="variant", preferred="Rasool", forms=["Rasoul"])
    assert answer.status_code == 200, answer.text
    assert "variants: [Rasul, Rasoul]" in (folder / "glossary" / "house.yaml").read_text(encoding="utf-8")
    settle(background)
    assert rows(client)[OTHER]["pending"] == 3
    page = client.get(f"/article/{OTHER}").text  # review pages come from a worker process that reads it too
    assert '"before": "Rasoul"' in page or '"before":"Rasoul"' in page


def test_an_edit_on_an_older_version_is_refused_and_nothing_is_written(app):
    folder, _, client = app
    version = client.get("/api/glossary").json()["version"]
    first = client.post(
        "/api/glossary", json={"base": version, "action": "names", "forms": ["Rasoul"]}, headers=HEADERS
    )
    assert first.status_code == 200
    written = glossary_bytes(folder)
    second = {"base": version, "action": "entry", "preferred": "Qutaybah Zubaydi", "forms": ["Qutayba Zubaydi"]}
    answer = client.post("/api/glossary", json=second, headers=HEADERS)
    assert answer.status_code == 409 and "changed since" in answer.json()["error"]
    assert glossary_bytes(folder) == written


def test_an_edit_that_breaks_the_glossary_names_file_line_and_column_and_writes_nothing(shared):
    folder, _, client = shared
    before = glossary_bytes(folder)
    answer = edit(client, action="variant", preferred="ISIS", forms=["Rasool"])
    assert answer.status_code == 422
    (problem,) = answer.json()["problems"]
    assert (problem["file"], problem["line"], problem["column"]) == ("glossary/house.yaml", 37, 16)
    assert "already a variant" in problem["message"] and "glossary/house.yaml:37:16" in answer.json()["error"]
    missing = edit(client, action="variant", preferred="Nobody", forms=["Nobodi"])
    assert missing.status_code == 422 and "no entry “Nobody”" in missing.json()["error"]
    twice = edit(client, action="entry", preferred="isis", forms=["Daesh"])
    assert twice.status_code == 422 and "is an entry already" in twice.json()["error"]
    assert glossary_bytes(folder) == before


def test_a_glossary_edited_on_disk_is_noticed_and_a_broken_one_shown(app):
    folder, background, client = app
    house = folder / "glossary" / "house.yaml"
    text = house.read_text(encoding="utf-8")
    house.write_text(text + "  - Rasoul\n", encoding="utf-8")
    client.get("/api/queue")  # the queue's poll notices the change
    settle(background)
    assert rows(client)[OTHER]["flags"] == 0
    broken = text.replace("terms:\n", "terms:\n  - preferred: [\n", 1)
    house.write_text(broken, encoding="utf-8")
    answer = client.get("/api/queue").json()
    assert "house.yaml" in answer["settings_problem"]
    view = client.get("/api/glossary").json()
    assert view["problems"][0]["file"] == "glossary/house.yaml" and view["problems"][0]["line"] > 0
    assert view["entries"] == []
    refused = client.post(
        "/api/glossary", json={"base": view["version"], "action": "names", "forms": ["X"]}, headers=HEADERS
    )
    assert refused.status_code == 422 and house.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/glossary"), ("GET", "/api/glossary"), ("POST", "/api/glossary")]
)
@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_every_glossary_route_needs_the_token(shared, method, path, token):
    before = glossary_bytes(shared[0])
    with TestClient(shared[2].app, base_url="http://testserver") as client:
        headers = {"x-cleanup-token": token} if token else {}
        answer = client.request(method, path, headers=headers, json={"base": "", "action": "names", "forms": ["X"]})
        assert answer.status_code == 403 and "token" in answer.json()["error"]
    assert glossary_bytes(shared[0]) == before


JSON_TYPE = {**HEADERS, "content-type": "application/json"}
BAD_EDITS = [
    ("cookie only, as a cross-site form would", b"{}", {"content-type": "application/json"}, 403, "header"),
    ("another site's origin", b"{}", {**JSON_TYPE, "origin": "https://evil.example"}, 403, "cross-site"),
    ("a form's content type", b"a=b", {**HEADERS, "content-type": "application/x-www-form-urlencoded"}, 415, "JSON"),
    ("too large", b" " * ((1 << 20) + 1), JSON_TYPE, 413, "larger"),
    ("not JSON", b"{action: ", JSON_TYPE, 400, "not JSON"),
    ("deeply nested", b"[" * 100_000 + b"]" * 100_000, JSON_TYPE, 400, ""),
    ("a list", b"[]", JSON_TYPE, 400, "object"),
    ("unknown key", b'{"base": "", "action": "names", "forms": ["X"], "path": "/etc"}', JSON_TYPE, 400, "object"),
    ("no base", b'{"action": "names", "forms": ["X"]}', JSON_TYPE, 400, "base"),
    ("an unknown action", b'{"base": "", "action": "delete", "forms": ["X"]}', JSON_TYPE, 400, "action"),
    ("no forms", b'{"base": "", "action": "names", "forms": []}', JSON_TYPE, 400, "forms"),
    ("a form with a line break", b'{"base": "", "action": "names", "forms": ["a\\nterms: []"]}', JSON_TYPE, 400, "forms"),
    ("a form that is not text", b'{"base": "", "action": "names", "forms": [{"a": 1}]}', JSON_TYPE, 400, "forms"),
    ("a lone surrogate", b'{"base": "", "action": "names", "forms": ["\\ud800"]}', JSON_TYPE, 400, "forms"),
    ("a long form", b'{"base": "", "action": "names", "forms": ["' + b"a" * 201 + b'"]}', JSON_TYPE, 400, "forms"),
    ("no preferred form", b'{"base": "", "action": "variant", "forms": ["X"]}', JSON_TYPE, 400, "preferred"),
    ("a note on two lines", b'{"base": "", "action": "entry", "preferred": "A", "note": "a\\nb"}', JSON_TYPE, 400, "note"),
]  # fmt: skip


@pytest.mark.parametrize(("why", "body", "headers", "status", "said"), BAD_EDITS, ids=[r[0] for r in BAD_EDITS])
def test_a_bad_edit_gets_one_clear_error_and_writes_nothing(shared, why, body, headers, status, said):
    folder, _, client = shared
    before = glossary_bytes(folder)
    answer = client.post("/api/glossary", content=body, headers=headers)
    assert answer.status_code == status, answer.text
    assert said in answer.json()["error"]
    assert glossary_bytes(folder) == before


@pytest.mark.parametrize(
    "file", ["../secret.yaml", "/tmp/evil.yaml", "glossary/../glossary/house.yaml", "glossary/new.yaml"]
)
def test_a_name_goes_only_to_a_file_of_the_glossary(shared, file):
    folder, _, client = shared
    before = glossary_bytes(folder)
    answer = edit(client, action="names", forms=["Rasoul"], file=file)
    assert answer.status_code == 400 and "glossary's files" in answer.json()["error"]
    assert glossary_bytes(folder) == before and not (folder / "secret.yaml").exists()
    assert not Path("/tmp/evil.yaml").exists()
