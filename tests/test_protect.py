"""Text the tool must not touch: Markdown code and markup, URLs, off/on regions, ignores, front matter."""

import pytest

from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import ALL_RULES, Settings, process
from cleanup.protect import directives, is_ignored, is_protected

GLOSSARY = load_glossary(
    [
        (
            "g.yaml",
            "terms:\n  - preferred: ISIS\n    variants: [Daash, Daesh]\n  - preferred: Rasool\n    variants: [Rasul]\n",
        )
    ],
    reserved_ids=[r.id for r in ALL_RULES],
)

MARKDOWN = """\
---
title: Daash , report
tags: [Rasul]
---
# The Daash report

Daash attacked , said Rasul in `Daash , code` and ``a ` Daash`` here.
See [the Daash page](https://x.org/Daash,a "Daash , title") and <https://x.org/Daash>.
Inline <span class="Daash">Rasul</span> html.

    Daash , indented code

```python
Daash = "Rasul ,"
```

<div>
Daash , html block
</div>

[ref]: https://x.org/Daash  "Daash"
"""


def run(text: str, markdown: bool = False, **options):
    return process(Document(text, markdown=markdown), Settings(GLOSSARY, **options))


def test_markdown_code_markup_and_front_matter_are_never_changed():
    outcome = run(MARKDOWN, markdown=True)
    untouched = [
        "title: Daash , report",
        "tags: [Rasul]",
        "`Daash , code`",
        "``a ` Daash``",
        '(https://x.org/Daash,a "Daash , title")',
        "<https://x.org/Daash>",
        '<span class="Daash">',
        "    Daash , indented code",
        'Daash = "Rasul ,"',
        "Daash , html block",
        '[ref]: https://x.org/Daash  "Daash"',
    ]
    for piece in untouched:
        assert piece in outcome.corrected, piece
    assert "# The ISIS report" in outcome.corrected
    assert "ISIS attacked, said Rasool in `Daash , code`" in outcome.corrected
    assert "[the ISIS page]" in outcome.corrected and ">Rasool</span>" in outcome.corrected


def test_markdown_change_offsets_index_the_original_file():
    outcome = run(MARKDOWN, markdown=True)
    assert outcome.changes
    for change in outcome.changes:
        before = MARKDOWN[change.start : change.end]
        after = outcome.corrected[change.new_start : change.new_end]
        assert before != after
        assert before in ("Daash", "Rasul", " ")


def test_markdown_crlf_line_endings_map_the_same_blocks():
    crlf = MARKDOWN.replace("\n", "\r\n")
    assert run(crlf, markdown=True).corrected == run(MARKDOWN, markdown=True).corrected.replace("\n", "\r\n")


def test_plain_text_is_not_parsed_as_markdown():
    assert run("Use `Daash , x` here.\n").corrected == "Use `ISIS, x` here.\n"


def test_off_on_region_is_left_alone():
    text = "Daash ,\n<!-- cleanup: off -->\nDaash , kept\n<!-- cleanup: on -->\nDaash ,\n"
    assert run(text).corrected == "ISIS,\n<!-- cleanup: off -->\nDaash , kept\n<!-- cleanup: on -->\nISIS,\n"


def test_off_without_on_runs_to_the_end():
    text = "Daash\n<!-- cleanup: off -->\nDaash\n\nDaash\n"
    assert run(text).corrected == "ISIS\n<!-- cleanup: off -->\nDaash\n\nDaash\n"


def test_ignore_comment_covers_its_line_or_the_next_one():
    text = (
        "Daash , here <!-- cleanup: ignore GL:ISIS -->\n"
        "<!-- cleanup: ignore SP001 -->\n"
        "Daash , there\n"
        "Daash , elsewhere\n"
    )
    assert run(text).corrected == (
        "Daash, here <!-- cleanup: ignore GL:ISIS -->\n<!-- cleanup: ignore SP001 -->\nISIS , there\nISIS, elsewhere\n"
    )


def test_ignore_without_ids_ignores_every_rule_on_the_line():
    text = "Daash , x <!-- cleanup: ignore -->\nDaash , y\n"
    assert run(text).corrected == "Daash , x <!-- cleanup: ignore -->\nISIS, y\n"


def test_front_matter_allow_keeps_a_variant_and_disable_turns_rules_off():
    text = "---\ncleanup: {allow: [Daesh], disable: [SP001]}\n---\nThe op-ed quotes Daesh , and Daash .\n"
    outcome = run(text, markdown=True)
    assert outcome.corrected.endswith("The op-ed quotes Daesh , and ISIS .\n")
    assert not outcome.problems


def test_front_matter_in_plain_text_is_honoured_too():
    text = "---\ncleanup:\n  allow: [Daesh]\n---\nDaesh and Daash.\n"
    assert run(text).corrected.endswith("Daesh and ISIS.\n")


def test_plain_text_starting_with_a_dash_rule_is_prose():
    text = "---\nDaash , said: it is: so\n---\n"
    assert run(text).corrected == "---\nISIS, said: it is: so\n---\n"


@pytest.mark.parametrize(
    "text, where, words",
    [
        ("---\ncleanup: {allow: [Daesh\n---\nText.\n", (3, 1), "front matter: YAML syntax error"),
        ("---\ncleanup: {keep: [x]}\n---\nText.\n", (2, 1), "takes only"),
        ("---\ncleanup: {allow: 3}\n---\nText.\n", (2, 1), "must be a list of strings"),
        ("Text.\n\n<!-- cleanup: of -->\n", (3, 1), "unknown directive"),
    ],
)
def test_bad_directives_are_problems_with_line_and_column(text, where, words):
    outcome = run(text, markdown=True)
    assert len(outcome.problems) == 1
    problem = outcome.problems[0]
    assert (problem.where.line, problem.where.column) == where and words in problem.message


def test_quotations_normalized_by_default_and_reported_as_such():
    outcome = run("He said: “Daash will return.” Daash did not.\n")
    assert outcome.corrected == "He said: “ISIS will return.” ISIS did not.\n"
    reasons = [change.reason for change in outcome.changes]
    assert reasons[0].endswith("inside a quotation") and not reasons[1].endswith("inside a quotation")


def test_quotations_can_be_kept_verbatim():
    text = "He said: “Daash will return.” Daash did not.\n"
    assert run(text, quotations="keep").corrected == "He said: “Daash will return.” ISIS did not.\n"


def test_quotation_spanning_paragraphs_counts_as_one():
    text = "He said: “Daash will return.\n\n“Rasul agreed.” Rasul left.\n"
    kept = run(text, quotations="keep")
    assert kept.corrected == "He said: “Daash will return.\n\n“Rasul agreed.” Rasool left.\n"
    assert not [flag for flag in kept.flags if flag.rule == "QU003"]


def test_protected_span_and_insertion_edges():
    found = directives("see https://x.org/a,b ,now", markdown=False)
    assert found.protected == ((4, 22),)  # the URL and the space that keeps ",now" off it
    assert is_protected(found, 10, 11) and is_protected(found, 10, 10) and is_protected(found, 21, 22)
    assert not is_protected(found, 4, 4) and not is_protected(found, 22, 22) and not is_protected(found, 22, 23)
    assert is_protected(found, 0, 5) and not is_protected(found, 0, 4)


def test_space_after_a_url_is_kept_so_the_next_word_is_not_glued_to_it():
    text = "[the report](https://x.org/Daash ,a) and see www.x.org , then\n"
    expected = "[the report](https://x.org/Daash ,a) and see www.x.org, then\n"
    assert run(text, markdown=True).corrected == expected


def test_ignores_match_rule_prefixes():
    found = directives("x <!-- cleanup: ignore SP, GL:ISIS -->\ny\n", markdown=False)
    assert is_ignored(found, "SP001", 0) and is_ignored(found, "GL:ISIS", 0)
    assert not is_ignored(found, "PU001", 0) and not is_ignored(found, "SP001", 40)


def test_reference_links_keep_working_and_images_keep_their_space(tmp_path, monkeypatch):
    from cleanup.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "house.yaml").write_text(
        "terms:\n  - preferred: ISIS\n    variants: [Daash]\n", encoding="utf-8"
    )
    (tmp_path / "seeds").mkdir()
    text = (
        "See [Daash][] and [Daash] and [the Daash report][r], the map ![map](m.png) and [no such label] Daash.\n"
        "\n[daash]: https://example.org/d\n[r]: https://example.org/r\n"
    )
    (tmp_path / "seeds" / "a.md").write_text(text, encoding="utf-8")
    assert main(["fix", "-q", "--grammar", "none"]) == 0
    assert (tmp_path / "corrected" / "a.md").read_text(encoding="utf-8") == text.replace(
        "the Daash report", "the ISIS report"
    ).replace("label] Daash", "label] ISIS")


@pytest.mark.parametrize("quote", ['"', "“"])
def test_quotations_keep_leaves_straight_and_curly_quotations_verbatim(quote):
    closing = '"' if quote == '"' else "”"
    text = f'The Daash left. He said {quote}the Daash will return{closing} today, and 5" of rain fell on Daash.\n'
    keep = process(Document(text), Settings(GLOSSARY, (), quotations="keep"))
    assert keep.corrected == text.replace("The Daash left", "The ISIS left").replace("on Daash", "on ISIS")
    normalize = process(Document(text), Settings(GLOSSARY, ()))
    inside = [c for c in normalize.changes if "inside a quotation" in c.reason]
    assert [text[c.start : c.end] for c in inside] == ["Daash"]
