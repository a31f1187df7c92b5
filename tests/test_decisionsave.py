"""Decisions saved by several editors: disjoint edits merge, one change decided two ways is a conflict
returned (the file keeps the first), nothing acknowledged is lost, concurrent writers are serialized."""

import multiprocessing
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.decisions import DecisionFile, DecisionsError, decisions_yaml, load_decisions
from cleanup.decisionsave import Edit, Edits, edits_between, key_of, read_decisions, save_decisions, version_of
from cleanup.model import Decision


def made(n: int, verdict: str = "accept", by: str = "") -> Decision:
    """A decision about change number `n` of an imagined article."""
    return Decision(
        "GL:ISIS", "Daash", "ISIS", f"before {n} ", f" after {n}", verdict, by=by, at="2026-12-05T12:00:00Z"
    )


def decide(n: int, verdict: str, was: str | None = None, by: str = "") -> Edit:
    return Edit(made(n, was) if was else None, made(n, verdict, by))


def verdicts(path: Path) -> dict:
    _, file = read_decisions(path)
    return {key_of(d)[2]: d.verdict for d in (*file.decisions, *file.dismissed)}


def test_a_first_save_creates_the_file_naming_its_article(tmp_path):
    path = tmp_path / "corrected" / "a.txt.decisions.yaml"  # its folder made too: no edition written yet
    result = save_decisions(
        path, version_of(b""), Edits((decide(1, "reject", by="Mona"),), ("Abu Ali",)), "seeds/a.txt", "ab12"
    )
    assert not result.merged and not result.conflicts and result.version == version_of(path.read_bytes())
    loaded = load_decisions(str(path), path.read_text(encoding="utf-8"))
    assert loaded.article == "seeds/a.txt" and loaded.article_sha256 == "ab12" and loaded.names == ("Abu Ali",)
    assert [(d.verdict, d.by, d.at) for d in loaded.decisions] == [("reject", "Mona", "2026-12-05T12:00:00Z")]


def test_a_file_written_by_the_review_page_keeps_its_decisions(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    page = (
        '# Review decisions for seeds/a.txt, made in its review page.\narticle: "seeds/a.txt"\n'
        'article_sha256: "ab"\ndecisions:\n  - rule: "GL:ISIS"\n    before: "Daash"\n    after: "ISIS"\n'
        '    context_before: "before 1 "\n    context_after: " after 1"\n    decision: reject\nnames:\n  - "Zaid"\n'
    )
    path.write_text(page, encoding="utf-8")
    base = version_of(path.read_bytes())
    result = save_decisions(path, base, Edits((decide(2, "accept"),)))
    assert verdicts(path) == {"before 1 ": "reject", "before 2 ": "accept"} and result.file.names == ("Zaid",)


def test_edits_of_different_changes_merge(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    base = version_of(b"")
    first = save_decisions(path, base, Edits((decide(1, "accept"),)))
    second = save_decisions(path, base, Edits((decide(2, "reject"),), ("Zaid",)))
    assert not first.merged and second.merged and not second.conflicts
    assert verdicts(path) == {"before 1 ": "accept", "before 2 ": "reject"}
    assert second.version == version_of(path.read_bytes())


def test_one_change_decided_two_ways_is_a_conflict_and_the_first_stays(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    base = version_of(b"")
    save_decisions(path, base, Edits((decide(1, "accept", by="Mona"),)))
    written = path.read_bytes()
    late = save_decisions(path, base, Edits((decide(1, "reject", by="Sami"),)))
    assert [c.theirs.by for c in late.conflicts] == ["Mona"] and late.merged
    assert path.read_bytes() == written  # nothing else to save: nothing written
    again = save_decisions(path, late.version, Edits((decide(1, "reject", was="accept", by="Sami"),)))
    assert not again.conflicts and verdicts(path) == {"before 1 ": "reject"}


def test_the_same_decision_twice_is_no_conflict(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    base = version_of(b"")
    save_decisions(path, base, Edits((decide(1, "accept", by="Mona"),)))
    result = save_decisions(path, base, Edits((decide(1, "accept", by="Sami"),)))
    assert not result.conflicts and verdicts(path) == {"before 1 ": "accept"}


def test_undeciding_and_unmarking(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    first = save_decisions(path, version_of(b""), Edits((decide(1, "accept"), decide(2, "dismiss")), ("Zaid", "Ali")))
    result = save_decisions(path, first.version, Edits((Edit(made(1), None),), names_removed=("Zaid",)))
    assert verdicts(path) == {"before 2 ": "dismiss"} and result.file.names == ("Ali",)


def test_a_decision_kept_under_an_older_key_is_found_not_added_again(tmp_path):
    """An article edited since: the file holds a decision by its old context, which the page shows matched to
    the change as it is now. Deciding again replaces it (now under the new key); undoing removes it."""
    path = tmp_path / "d.decisions.yaml"
    old = made(1)
    first = save_decisions(path, version_of(b""), Edits((Edit(None, old),)))
    moved = Decision(old.rule, old.before, old.after, "edited " + old.context_before, old.context_after, "reject")
    again = save_decisions(path, first.version, Edits((Edit(old, moved, (key_of(moved), key_of(old))),)))
    assert not again.conflicts and [(d.context_before, d.verdict) for d in again.file.decisions] == [
        ("edited before 1 ", "reject")
    ]
    undone = save_decisions(path, again.version, Edits((Edit(replace(old, verdict="reject"), None, (key_of(moved),)),)))
    assert not undone.conflicts and undone.file.decisions == []


def test_a_preferred_form_changed_since_is_still_the_same_decision(tmp_path):
    """The glossary's preferred form edited between a page's load and its save: the page's `after` differs
    from the file's, and the decision is still the one about that change (no conflict, not a second one)."""
    path = tmp_path / "d.decisions.yaml"
    first = save_decisions(path, version_of(b""), Edits((decide(1, "accept", by="Mona"),)))
    renamed = replace(made(1, "reject", by="Sami"), after="Islamic State")
    result = save_decisions(path, first.version, Edits((Edit(made(1, "accept"), renamed),)))
    assert not result.conflicts and [(d.after, d.verdict, d.by) for d in result.file.decisions] == [
        ("Islamic State", "reject", "Sami")
    ]


def test_edits_between_two_whole_sets():
    base = DecisionFile(None, None, [made(1), made(2, "reject")], ("Zaid",))
    mine = DecisionFile(None, None, [made(2, "accept"), made(3)], ("Ali",))
    edits = edits_between(base, mine)
    assert {(key_of(e.now or e.was)[2], e.was and e.was.verdict, e.now and e.now.verdict) for e in edits.decisions} == {
        ("before 1 ", "accept", None),
        ("before 2 ", "reject", "accept"),
        ("before 3 ", None, "accept"),
    }
    assert (edits.names_added, edits.names_removed) == (("Ali",), ("Zaid",))


_verdict = st.sampled_from(["accept", "reject", "dismiss"])


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(st.integers(0, 9), _verdict),
    st.dictionaries(st.integers(0, 9), _verdict),
    st.dictionaries(st.integers(0, 9), _verdict),
)
def test_three_way_merge(tmp_path_factory, start, mine, theirs):
    """Two editors start from one version; each edit lands unless the other decided the same change otherwise
    first: then it is returned as a conflict and the first editor's verdict stays. Nothing acknowledged is lost."""
    path = tmp_path_factory.mktemp("merge") / "d.decisions.yaml"
    base = save_decisions(path, version_of(b""), Edits(tuple(decide(n, v) for n, v in start.items())))
    edits = {
        name: tuple(decide(n, v, start.get(n)) for n, v in wanted.items())
        for name, wanted in (("t", theirs), ("m", mine))
    }
    save_decisions(path, base.version, Edits(edits["t"]))
    result = save_decisions(path, base.version, Edits(edits["m"]))
    expected = {**start, **theirs}
    clashing = {n for n in mine if n in theirs and theirs[n] != mine[n] and theirs[n] != start.get(n)}
    expected.update({n: v for n, v in mine.items() if n not in clashing})
    assert verdicts(path) == {f"before {n} ": v for n, v in expected.items()}
    assert {key_of(c.edit.now)[2] for c in result.conflicts} == {f"before {n} " for n in clashing}


def test_threads_saving_at_once_lose_nothing(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    base = version_of(b"")
    results = []

    def editor(number: int) -> None:
        for n in range(number * 10, number * 10 + 5):
            results.append(save_decisions(path, base, Edits((decide(n, "reject", by=f"editor {number}"),))))

    threads = [threading.Thread(target=editor, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not any(r.conflicts for r in results)
    assert len(verdicts(path)) == 40
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def _save_from_another_process(path: str, number: int) -> None:
    for n in range(number * 10, number * 10 + 5):
        save_decisions(Path(path), version_of(b""), Edits((decide(n, "accept"),)))


def test_processes_saving_at_once_lose_nothing(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_save_from_another_process, args=(str(path), number)) for number in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert [w.exitcode for w in workers] == [0] * 4 and len(verdicts(path)) == 20


def test_the_file_written_reads_back_as_a_decisions_file(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    save_decisions(path, version_of(b""), Edits((decide(1, "accept", by="Mo\u2028na"),), ("Zaid",)))
    text = path.read_text(encoding="utf-8")
    assert decisions_yaml(load_decisions("x", text)) == text


def test_a_decision_the_file_could_not_hold_is_refused_and_nothing_written(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    bad = Decision("GL:ISIS", "Daash", "ISIS", "a", "b", "accept", at="yesterday")
    with pytest.raises(DecisionsError, match="ISO 8601"):
        save_decisions(path, version_of(b""), Edits((Edit(None, bad),)))
    assert not path.exists()


def test_nothing_to_save_writes_nothing(tmp_path):
    path = tmp_path / "d.decisions.yaml"
    result = save_decisions(path, version_of(b""), Edits())
    assert not path.exists() and result.version == version_of(b"")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3), st.sampled_from(["accept", "reject", None])), max_size=12)
)
def test_no_acknowledged_decision_is_lost(tmp_path_factory, steps):
    """Editors save one decision at a time, each from a version they read some saves ago: the file always
    holds, for every change, the last decision a save acknowledged (applied, or found already so), and a
    save that conflicts changes nothing of it."""
    path = tmp_path_factory.mktemp("lost") / "d.decisions.yaml"
    history = [(version_of(b""), {})]  # (version, verdicts) after each save
    model: dict[int, str] = {}
    for read_back, n, verdict in steps:
        version, seen = history[max(0, len(history) - 1 - read_back)]
        was = seen.get(n)
        if was is None and verdict is None:
            continue
        edit = Edit(made(n, was) if was else None, made(n, verdict) if verdict else None)
        result = save_decisions(path, version, Edits((edit,)))
        clash = model.get(n) not in (was, verdict)
        assert bool(result.conflicts) == clash
        if not clash:
            model = {k: v for k, v in {**model, n: verdict}.items() if v is not None}
        assert verdicts(path) == ({f"before {k} ": v for k, v in model.items()} if path.exists() else {})
        history.append((result.version, dict(model)))
