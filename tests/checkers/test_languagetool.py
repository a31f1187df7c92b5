"""The LanguageTool backend against a local server speaking LanguageTool's documented HTTP protocol
(GET /v2/languages, POST /v2/check, offsets in UTF-16 code units). No real LanguageTool server can run
on these machines, so this is what is tested: the protocol, not a live LanguageTool."""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cleanup.checkers import CheckerError
from cleanup.checkers.languagetool import LanguageToolChecker, Utf16Offsets
from cleanup.cli import main
from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import Settings, process

# What the fake server flags: (text to find, rule id, category, issue type, replacements).
PROBLEMS = [
    ("recieved", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ["received"]),
    ("Rasool", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", ["Rascal"]),
    ("😀😀", "EMOJI_REPEAT", "STYLE", "style", ["😀"]),
    ("he go", "HE_VERB_AGR", "GRAMMAR", "grammar", ["he goes"]),
]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class LanguageToolProtocol(BaseHTTPRequestHandler):
    """GET /v2/languages and POST /v2/check, answering as LanguageTool does."""

    requests: list[dict] = []

    def do_GET(self):
        if self.path.rstrip("/") != "/v2/languages":
            return self._send(404, {"error": "not found"})
        self._send(
            200,
            [
                {"name": "English (US)", "code": "en", "longCode": "en-US"},
                {"name": "English", "code": "en", "longCode": "en"},
            ],
        )

    def do_POST(self):
        if self.path.rstrip("/") != "/v2/check":
            return self._send(404, {"error": "not found"})
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        params = {key: values[0] for key, values in urllib.parse.parse_qs(body).items()}
        type(self).requests.append(params)
        disabled = set(params.get("disabledRules", "").split(","))
        text = params["text"]
        matches = [
            self._match(text, at, found, rule, category, issue, replacements)
            for found, rule, category, issue, replacements in PROBLEMS
            if rule not in disabled
            for at in _occurrences(text, found)
        ]
        self._send(
            200,
            {"software": {"name": "LanguageTool", "apiVersion": 1}, "language": {"code": "en-US"}, "matches": matches},
        )

    @staticmethod
    def _match(text, at, found, rule, category, issue, replacements):
        offset = utf16_length(text[:at])  # LanguageTool counts UTF-16 code units
        return {
            "message": f"problem with “{found}”",
            "shortMessage": "",
            "replacements": [{"value": r} for r in replacements],
            "offset": offset,
            "length": utf16_length(found),
            "context": {"text": text, "offset": offset, "length": utf16_length(found)},
            "sentence": text,
            "type": {"typeName": "Other"},
            "rule": {
                "id": rule,
                "description": rule,
                "issueType": issue,
                "category": {"id": category, "name": category},
            },
        }

    def _send(self, status, payload):
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def _occurrences(text: str, found: str):
    start = text.find(found)
    while start >= 0:
        yield start
        start = text.find(found, start + len(found))


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), LanguageToolProtocol)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


GLOSSARY = load_glossary([("g.yaml", "terms:\n  - preferred: Rasool\n    variants: [Rasul]\n")])


def check(server, text, **options):
    checker = LanguageToolChecker(server, words=frozenset({"Rasool"}), **options)
    return process(Document(text), Settings(GLOSSARY, checker=checker))


def test_utf16_offsets_become_code_points_around_emoji_and_arabic(server):
    text = "قال 😀 الرقة 🇸🇾: the army recieved 😀😀 orders.\n"
    outcome = check(server, text)
    spans = {flag.rule: text[flag.start : flag.end] for flag in outcome.flags}
    assert spans == {"LT:MORFOLOGIK_RULE_EN_US": "recieved", "LT:EMOJI_REPEAT": "😀😀"}
    typo = next(f for f in outcome.flags if f.rule == "LT:MORFOLOGIK_RULE_EN_US")
    assert (typo.category, typo.suggestions) == ("TYPOS", ("received",))


def test_known_words_are_not_misspellings_and_flags_map_back(server):
    text = "Rasul said he go , and Rasool agreed.\n"
    outcome = check(server, text)
    assert [(f.rule, text[f.start : f.end]) for f in outcome.flags] == [("LT:HE_VERB_AGR", "he go")]
    assert outcome.corrected == "Rasool said he go, and Rasool agreed.\n"


def test_configured_rules_and_categories_reach_the_server(server):
    LanguageToolProtocol.requests.clear()
    outcome = check(
        server, "The army recieved orders\n", disabled_rules=("MORFOLOGIK_RULE_EN_US",), enabled_categories=("GRAMMAR",)
    )
    assert not outcome.flags
    (request,) = LanguageToolProtocol.requests
    assert request["language"] == "en-US"
    assert request["disabledRules"] == "MORFOLOGIK_RULE_EN_US" and request["enabledCategories"] == "GRAMMAR"


def test_the_command_line_uses_the_server_from_option_or_environment(server, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "g.yaml").write_text("terms: []\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("The army recieved orders.\n", encoding="utf-8")
    assert main(["check", "a.txt", "--grammar", "languagetool", "--languagetool-url", server]) == 0
    assert (
        capsys.readouterr().out
        == "a.txt:1:10: warning: LT:MORFOLOGIK_RULE_EN_US problem with “recieved” → “received”\n"
    )
    monkeypatch.setenv("CLEANUP_LANGUAGETOOL_URL", server)
    assert main(["check", "a.txt", "--grammar", "languagetool", "--fail-on", "warning"]) == 1


def test_unreachable_server_is_one_clear_error_and_nothing_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "g.yaml").write_text("terms: []\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    assert main(["fix", "a.txt", "--grammar", "languagetool", "--languagetool-url", "http://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cleanup: cannot reach LanguageTool at http://127.0.0.1:9")
    assert not (tmp_path / "corrected").exists()


def test_no_server_and_no_local_install_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "lt"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    with pytest.raises(CheckerError, match="no LanguageTool server given and no local install"):
        LanguageToolChecker(None).check("Text.", [(0, 5)], False)


def test_utf16_offsets_round_trip():
    text = "a😀b🇸🇾c ق"
    offsets = Utf16Offsets(text)
    for index in range(len(text) + 1):
        units = utf16_length(text[:index])
        assert offsets.to_utf16(index) == units and offsets.to_code_point(units) == index


def test_apply_suggestions_takes_languagetool_categories_and_a_servers_own(server, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "g.yaml").write_text("terms: []\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("The army recieved orders.\n", encoding="utf-8")
    common = ["fix", "-q", "a.txt", "--grammar", "languagetool", "--languagetool-url", server, "--no-cache"]
    assert main([*common, "--apply-suggestions", "typos,HOUSE_STYLE_EXTRA"]) == 0
    assert (tmp_path / "corrected" / "a.txt").read_text(encoding="utf-8") == "The army received orders.\n"
    assert main([*common, "--apply-suggestions", "TYPO"]) == 2
    assert "no flag has category 'TYPO' (checker languagetool); did you mean 'TYPOS'?" in capsys.readouterr().err
