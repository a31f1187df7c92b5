"""How an article's edition is scored, the rules bench/articles_eval.py measures by and
tests/product/test_new_articles.py holds the tool to: the tool's changes against a hand-made gold edition
(wrong changes and misses, by region), spelling flags on listed names, flags judged useful or noise by a
problems file, the seeded sample of a corpus's flags and its labels, and which articles share a run."""

from __future__ import annotations

import difflib
import hashlib
from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path

NEAR = 4  # characters between two edits that are compared as one region

APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʿʾ`"})

GOLD = "(gold)"  # who made an edit: the gold, or for the tool the change's rule id

CONTEXT = 30  # characters either side of a flag in its label key

SAMPLE = 40  # flags judged by hand in each corpus

SEED = "articles_eval sample 1"

VERDICTS = ("useful", "noise")

Edit = tuple[int, int, str, str]  # start, end, replacement, who (GOLD or the tool's rule id)


@dataclass
class Score:
    words: int = 0
    changes: int = 0
    glossary_changes: int = 0
    wrong: int = 0
    glossary_wrong: int = 0
    rules_wrong: int = 0
    misses: int = 0
    flags: int = 0
    name_flags: int = 0
    name_notes: int = 0
    suggestions: int = 0  # glossary suggestions (flags of category glossary): shown, not applied
    graded: int = 0  # texts with a gold edition
    listed: int = 0  # texts with a names list
    listed_notes: int = 0  # name notes in those texts
    real_names: int = 0  # ... whose text is a listed name
    useful: int = 0  # flags (not name notes) on a problem, or labelled useful
    noise: int = 0
    unlabelled: int = 0

    def add(self, other: Score) -> None:
        for each in fields(self):
            setattr(self, each.name, getattr(self, each.name) + getattr(other, each.name))


def gold_edits(original: str, gold: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in the original for every difference with the gold."""
    matcher = difflib.SequenceMatcher(None, original, gold, autojunk=False)
    return [(i1, i2, gold[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def regions(edits: list[Edit]) -> list[list[Edit]]:
    """Edits grouped where they overlap or lie within a few characters
    (`the the` loses either word: the same text, aligned two ways)."""
    groups: list[list[Edit]] = []
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        if groups and edit[0] <= max(e[1] for e in groups[-1]) + NEAR:
            groups[-1].append(edit)
        else:
            groups.append([edit])
    return groups


def word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """start..end widened to the whole words it touches (for showing a region)."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def applied(original: str, start: int, end: int, edits: list[Edit]) -> str:
    """The text of original[start:end] with the given edits made."""
    out, cursor = [], start
    for s, e, replacement, _ in sorted(edits, key=lambda e: (e[0], e[1])):
        out += [original[cursor:s], replacement]
        cursor = e
    return "".join(out) + original[cursor:end]


def context(text: str, start: int, end: int) -> str:
    """text[start:end] with CONTEXT characters either side, on one line and without tabs."""
    return one_line(text[max(0, start - CONTEXT) : end + CONTEXT])


def one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "⏎").replace("\t", " ")


def disagreement(original: str, start: int, end: int, mine: list[Edit], theirs: list[Edit]) -> str:
    """The region's words as the tool and the gold write them, in a little context."""
    tool, gold = applied(original, start, end, mine), applied(original, start, end, theirs)
    return f"`{context(original, start, end)}`: tool {tool!r}, gold {gold!r}"


def name_words(names: set[str]) -> set[str]:
    """Every name and every word of a name, apostrophes folded, `al-`/hyphens split."""
    words = {fold(name) for name in names}
    for name in names:
        words.update(fold(word) for word in name.replace("-", " ").split())
    return words


def fold(word: str) -> str:
    """A flagged word as a name list writes it: one apostrophe form, no possessive."""
    word = word.translate(APOSTROPHES).strip("'")
    return word[:-2] if word.endswith("'s") else word


def is_name_note(flag: dict) -> bool:
    return flag.get("category") == "name"


def is_suggestion(flag: dict) -> bool:
    return flag.get("category") == "glossary"


def is_judged(flag: dict) -> bool:
    """Whether a flag is judged useful or noise: not a name note, not a glossary suggestion."""
    return not is_name_note(flag) and not is_suggestion(flag)


def is_glossary(rule: str) -> bool:
    return rule.startswith("GL:")


def counts(original: str, log: dict) -> Score:
    """Words, changes (glossary ones apart), flags and name notes of one text's change log."""
    return Score(
        words=len(original.split()),
        changes=len(log["changes"]),
        glossary_changes=sum(is_glossary(c.get("rule", "")) for c in log["changes"]),
        flags=len(log["flags"]),
        name_notes=sum(map(is_name_note, log["flags"])),
        suggestions=sum(map(is_suggestion, log["flags"])),
    )


def score(original: str, gold: str, log: dict, names: set[str] | None, disagreements: list[str] | None = None) -> Score:
    """Changes, wrong changes, misses, flags and (with a names list) name flags of one article's change log."""
    result = counts(original, log)
    result.graded = 1
    tool = [(c["start"], c["end"], c["after"], c.get("rule", "")) for c in log["changes"]]
    wanted = [(s, e, r, GOLD) for s, e, r in gold_edits(original, gold)]
    for group in regions(tool + wanted):
        start, end = min(e[0] for e in group), max(e[1] for e in group)
        mine = [e for e in group if e[3] != GOLD]
        theirs = [e for e in group if e[3] == GOLD]
        if applied(original, start, end, mine) != applied(original, start, end, theirs):
            result.wrong += len(mine)
            result.glossary_wrong += sum(is_glossary(e[3]) for e in mine)
            result.rules_wrong += sum(not is_glossary(e[3]) for e in mine)
            result.misses += len(theirs)
            if disagreements is not None:
                disagreements.append(disagreement(original, *word_span(original, start, end), mine, theirs))
    if names is not None:
        result.add(name_score(log["flags"], names))
    return result


def name_score(flags: list[dict], names: set[str]) -> Score:
    """Spelling flags on a word of a listed name, and name notes that are on one."""
    known = name_words(names)
    result = Score(listed=1)
    for flag in flags:
        if is_name_note(flag):
            result.listed_notes += 1
            result.real_names += is_listed(flag["text"], known)
        elif flag.get("category") in ("Spelling", "TYPOS") and fold(flag["text"]) in known:
            result.name_flags += 1
    return result


def is_listed(name: str, known: set[str]) -> bool:
    """A name note on a listed name, a word of one, or words of them (`Farhan al-Dulaimi` of `Ali Farhan al-Dulaimi`)."""
    return fold(name) in known or all(fold(word) in known for word in name.replace("-", " ").split())


def problem_spans(original: str, lines: list[str]) -> list[tuple[int, int]]:
    """Where each problem's snippet (the text before the tab) stands in the original; it must occur once."""
    spans = []
    for number, line in enumerate(lines, 1):
        snippet = line.split("\t", 1)[0]
        if not snippet.strip():
            continue
        start = original.find(snippet)
        if start < 0 or original.find(snippet, start + 1) >= 0:
            found = "does not occur" if start < 0 else "occurs more than once"
            raise ValueError(f"problems line {number}: {snippet!r} {found} in the article")
        spans.append((start, start + len(snippet)))
    return spans


def judged_flags(flags: list[dict], spans: list[tuple[int, int]], noise: list[dict]) -> Score:
    """Flags other than name notes and suggestions: useful if they overlap a problem's snippet or a place the
    gold edition changes (`spans`); the others go to `noise`."""
    result = Score()
    for flag in flags:
        if not is_judged(flag):
            continue
        start, end = flag["start"], max(flag["end"], flag["start"] + 1)
        if any(start < b and a < end for a, b in spans):
            result.useful += 1
        else:
            result.noise += 1
            noise.append(flag)
    return result


def batches(paths: list[Path]) -> list[list[Path]]:
    """The texts in as few runs as can be without two of one file name in a run (outputs are named by it)."""
    runs: list[list[Path]] = []
    seen: Counter[str] = Counter()
    for path in paths:
        if seen[path.name] == len(runs):
            runs.append([])
        runs[seen[path.name]].append(path)
        seen[path.name] += 1
    return runs


def label_key(original: str, flag: dict) -> str:
    """RULE, TEXT and CONTEXT of a flag, tab-separated: what a label is looked up by."""
    return "\t".join((flag.get("rule", ""), one_line(flag["text"]), context(original, flag["start"], flag["end"])))


def sample(keys: set[str]) -> list[str]:
    """SAMPLE of the keys, ranked by a seeded hash: the same keys give the same sample, and one key more or
    less changes it by at most one."""
    return sorted(keys, key=lambda key: hashlib.sha256(f"{SEED}\n{key}".encode()).hexdigest())[:SAMPLE]


def read_labels(path: Path) -> dict[str, str]:
    """Label key -> useful|noise from a labels file (`#` comments, `?` = not judged yet)."""
    labels: dict[str, str] = {}
    if not path.is_file():
        return labels
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (4, 5) or parts[3] not in (*VERDICTS, "?"):
            raise ValueError(f"{path.name} line {number}: want RULE, TEXT, CONTEXT, useful|noise[, note] (tabs)")
        if parts[3] != "?":
            labels["\t".join(parts[:3])] = parts[3]
    return labels
