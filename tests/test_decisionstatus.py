"""Decisions on an article edited since: which still apply, and where; which are stale, and why."""

import pickle

from cleanup.decisionstatus import decision_status, dismissal_status
from cleanup.house import load_glossary
from cleanup.model import Decision, Document
from cleanup.pipeline import ALL_RULES, Settings, process

GLOSSARY = load_glossary([("g.yaml", "terms:\n  - preferred: ISIS\n    variants: [Daash]\n")])
SETTINGS = Settings(GLOSSARY, ALL_RULES)
TEXT = "The Daash cell left.\nLater the Daash cell came back , and fought.\n"


def decision(verdict: str, left: str, right: str, before: str = "Daash", rule: str = "GL:ISIS", after: str = "ISIS"):
    return Decision(rule, before, after, left, right, verdict)


def test_each_decision_says_where_it_applies_or_why_it_is_stale():
    accepted = decision("accept", "The ", " cell left")
    rejected = decision("reject", "Later the ", " cell came")
    gone = decision("accept", "x", "y", before="Daesh")
    rewritten = decision("reject", "completely other", "words entirely")
    no_longer = decision("accept", "The Daash ", " left", before="cell")
    edited = "A new line.\n" + TEXT
    decisions = [accepted, rejected, gone, rewritten, no_longer]
    outcome = process(Document(edited), SETTINGS, decisions)
    statuses = decision_status(decisions, outcome)
    assert decision_status(decisions, pickle.loads(pickle.dumps(outcome))) == statuses  # from a worker process
    assert [(s.applies, s.line, s.column) for s in statuses] == [
        (True, 2, 5),
        (True, 3, 11),
        (False, 0, 0),
        (False, 2, 5),
        (False, 2, 11),
    ]
    assert statuses[0].target == 0 and statuses[1].target is None
    assert [s.why for s in statuses[2:]] == [
        "“Daesh” is no longer in the article",
        "the text around it changed: 0 characters of its context agree, 6 needed",
        "GL:ISIS no longer changes “cell” here",
    ]


def test_an_accepted_change_that_now_reads_otherwise_says_so():
    accepted = decision("accept", "The ", " cell left", after="IS")
    (status,) = decision_status([accepted], process(Document(TEXT), SETTINGS, [accepted]))
    assert status.applies and status.why == "it now reads “ISIS” (accepted as “IS”)"


def test_dismissed_flags_match_flags_or_say_why_not():
    text = "A new line.\nHe went to to the market.\n"
    outcome = process(Document(text), SETTINGS)
    (flag,) = outcome.flags
    kept = decision("dismiss", "He went ", " the market", before="to to", rule="RW002", after="")
    moved = decision("dismiss", "completely other", "words entirely", before="to to", rule="RW002", after="")
    gone = decision("dismiss", "a", "b", before="nowhere", rule="RW002", after="")
    statuses = dismissal_status([kept, moved, gone], outcome)
    assert [(s.applies, s.target, s.line, s.column) for s in statuses] == [
        (True, 0, 2, 9),
        (False, None, 2, 9),
        (False, None, 0, 0),
    ]
    assert [s.why for s in statuses] == [
        "",
        "the text around it changed: 0 characters of its context agree, 6 needed",
        "“nowhere” is no longer in the article",
    ]
