"""Every reader fed structurally mutated inputs through the real command line: one line and exit 2, or a
clean miss; never a traceback, an "internal error" or a hang (issue 26).

Each reader starts from a valid input: the configuration, the house glossary, a decisions file, the
history of in-place runs, the cache's entries, a Word file, XLIFF 1.2 and 2.0, and TMX. The mutants are
made from it deterministically (a seeded random choice of place): 5,000 levels of the format's own
nesting, 5,000-digit numbers, a value of the wrong type, truncation (also inside a UTF-8 character),
NUL bytes, bytes that are not UTF-8, a FIFO, a folder or an empty file in its place, and a huge line.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tomllib
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from cleanup.yamlread import load_yaml
from tests.conftest import ROOT
from tests.formats.test_bilingual import TMX, XLIFF_12, XLIFF_20
from tests.wordfiles import build_docx

TIMEOUT = 60  # seconds: a run that takes longer is waiting on a FIFO (they take well under one)
DEEP = 5000
MAX_LINE = 1000  # characters of one message: a quoted value is shortened, never printed whole
HUGE = "1" * 5000
ARTICLE = "The Daash cell left Mosul , then returned.\nRasool spoke to the Daash cell's leader.\n"
# Reader-side expectations: these classes can never make a valid input, so they must be refused.
MUST_REFUSE = frozenset({"nesting", "huge number", "NUL", "invalid UTF-8", "FIFO", "folder"})


@dataclass(frozen=True)
class Mutant:
    """One damaged input: its mutation class and bytes, or a FIFO or folder in the file's place."""

    kind: str
    data: bytes = b""
    special: str = ""  # "fifo" or "folder"

    def put(self, path: Path) -> None:
        """Put this mutant where `path` was."""
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.special == "fifo":
            os.mkfifo(path)
        elif self.special == "folder":
            (path / "inside").mkdir(parents=True)
        else:
            path.write_bytes(self.data)


# ---------------------------------------------------------------------------------------------------------
# Structured formats: the value tree, written back with one value replaced by raw text of the format.

PLACE = "@@MUTANT@@"


@dataclass(frozen=True)
class Format:
    """How one format nests and writes values, so a mutant can replace any value with raw text."""

    name: str
    parse: Callable[[bytes], object]
    emit: Callable[[object], str]
    nestings: tuple[str, ...]
    numbers: tuple[str, ...]
    wrong_types: tuple[str, ...]


def _json_emit(tree: object) -> str:
    return json.dumps(tree, indent=2, ensure_ascii=False) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string


def _toml_emit(tree: object, prefix: tuple[str, ...] = ()) -> str:
    if not isinstance(tree, dict):  # TOML's root is a table: the value goes under a key of its own
        return f"select = {_toml_value(tree)}\n"
    lines = [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in tree.items() if not isinstance(v, dict)]
    for key, value in tree.items():
        if isinstance(value, dict):
            header = ".".join(json.dumps(part) for part in (*prefix, key))
            lines += ["", f"[{header}]", _toml_emit(value, (*prefix, key)).rstrip("\n")]
    return "\n".join(lines) + "\n"


def _yaml_emit(tree: object, indent: str = "") -> str:
    """Block-style YAML; scalars as JSON (a JSON string is a YAML double-quoted string)."""
    if isinstance(tree, dict) and tree:
        lines = []
        for key, value in tree.items():
            if isinstance(value, (dict, list)) and value:
                lines.append(f"{indent}{json.dumps(key, ensure_ascii=False)}:\n{_yaml_emit(value, indent + '  ')}")
            else:
                lines.append(f"{indent}{json.dumps(key, ensure_ascii=False)}: {_yaml_scalar(value)}\n")
        return "".join(lines)
    if isinstance(tree, list) and tree:
        lines = []
        for value in tree:
            if isinstance(value, (dict, list)) and value:
                body = _yaml_emit(value, indent + "  ")
                lines.append(f"{indent}- {body[len(indent) + 2 :]}")
            else:
                lines.append(f"{indent}- {_yaml_scalar(value)}\n")
        return "".join(lines)
    return indent + _yaml_scalar(tree) + "\n"


def _yaml_scalar(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


TOML = Format(
    "TOML",
    lambda data: tomllib.loads(data.decode("utf-8")),
    _toml_emit,
    ("[" * DEEP + "]" * DEEP, "{a = " * DEEP + "1" + "}" * DEEP, "[{a = " * DEEP + "1" + "}]" * DEEP),
    (HUGE, "-" + HUGE, HUGE + ".5", "0x" + "f" * DEEP, "1e" + HUGE, "[" + HUGE + "]"),
    ("[]", '["a", 1]', "{}", "{a = 1}", "true", "3", "1.5", "1979-05-27T07:32:00Z", '""', "[[]]"),
)
YAML = Format(
    "YAML",
    lambda data: load_yaml(data.decode("utf-8")),
    _yaml_emit,
    (
        "[" * DEEP + "]" * DEEP,
        "{a: " * DEEP + "1" + "}" * DEEP,
        "\n" + "".join(" " * n + "- x:\n" for n in range(0, 2 * DEEP, 2)),
    ),
    (HUGE, "-" + HUGE, HUGE + ".5", "0x" + "f" * DEEP, "0o" + "7" * DEEP, "1e" + HUGE),
    ("[]", '["a", 1]', "{}", "{a: 1}", "null", "true", "3", "1.5", '""', "[[]]", "2001-12-14"),
)
JSON = Format(
    "JSON",
    lambda data: json.loads(data),
    _json_emit,
    ("[" * DEEP + "]" * DEEP, '{"a":' * DEEP + "1" + "}" * DEEP),
    (HUGE, "-" + HUGE, HUGE + ".5", "1e" + HUGE),
    ("[]", '["a", 1]', "{}", '{"a": 1}', "null", "true", "3", "1.5", '""'),
)


def _places(tree: object, path: tuple = ()) -> Iterator[tuple]:
    """The path to every value of the tree (the root's is empty)."""
    yield path
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _places(value, (*path, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _places(value, (*path, index))


def _replaced(tree: object, path: tuple, value: object) -> object:
    if not path:
        return value
    head, *rest = path
    if isinstance(tree, dict):
        return {k: _replaced(v, tuple(rest), value) if k == head else v for k, v in tree.items()}
    assert isinstance(tree, list)
    return [_replaced(v, tuple(rest), value) if i == head else v for i, v in enumerate(tree)]


def _with_raw(fmt: Format, tree: object, path: tuple, raw: str) -> bytes:
    text = fmt.emit(_replaced(tree, path, PLACE))
    return text.replace(json.dumps(PLACE), raw, 1).encode("utf-8")


def structured_mutants(fmt: Format, valid: bytes, seed: int) -> list[Mutant]:
    """About forty mutants of a valid input in a tree format, each class at seeded random places."""
    rng = random.Random(seed)
    tree = fmt.parse(valid)
    places = list(_places(tree))
    values = [p for p in places if p]  # not the whole document
    strings = [p for p in values if isinstance(_at(tree, p), str)]
    found = [Mutant("nesting", _with_raw(fmt, tree, rng.choice(values), raw)) for raw in fmt.nestings]
    found += [Mutant("nesting", _with_raw(fmt, tree, (), fmt.nestings[0]))]
    found += [Mutant("huge number", _with_raw(fmt, tree, rng.choice(values), raw)) for raw in fmt.numbers]
    found += [Mutant("wrong type", _with_raw(fmt, tree, rng.choice(values), raw)) for raw in fmt.wrong_types]
    found += [Mutant("wrong type", _with_raw(fmt, tree, (), raw)) for raw in fmt.wrong_types[:3]]
    found += [Mutant("huge line", _with_raw(fmt, tree, rng.choice(strings), json.dumps("a" * 2_000_000)))]
    mappings = [p for p in places if isinstance(_at(tree, p), dict) and _at(tree, p)]
    if mappings:  # a key two million characters long
        where = rng.choice(mappings)
        renamed = {("k" * 2_000_000 if i == 0 else k): v for i, (k, v) in enumerate(_at(tree, where).items())}
        found.append(Mutant("huge line", fmt.emit(_replaced(tree, where, renamed)).encode("utf-8")))
    return found + byte_mutants(valid, rng)


def _at(tree: object, path: tuple) -> object:
    for step in path:
        tree = tree[step]  # type: ignore[index]
    return tree


def byte_mutants(valid: bytes, rng: random.Random) -> list[Mutant]:
    """Truncations (also inside a UTF-8 character), NUL and non-UTF-8 bytes, an empty file, a FIFO, a
    folder, and one huge line of garbage."""
    multibyte = [i for i, byte in enumerate(valid) if byte >= 0xC0]
    cuts = sorted(
        {len(valid) * k // 6 for k in range(1, 6)} | {i + 1 for i in rng.sample(multibyte, min(2, len(multibyte)))}
    )
    found = [Mutant("truncation", valid[:cut]) for cut in cuts]
    for _ in range(3):
        at = rng.randrange(len(valid))
        found.append(Mutant("NUL", valid[:at] + b"\x00" + valid[at:]))
    for bad in (b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\xc0\xaf"):
        at = rng.randrange(len(valid))
        found.append(Mutant("invalid UTF-8", valid[:at] + bad + valid[at:]))
    if multibyte:  # a character's continuation byte replaced
        at = rng.choice(multibyte) + 1
        found.append(Mutant("invalid UTF-8", valid[:at] + b"A" + valid[at + 1 :]))
    return found + [
        Mutant("empty"),
        Mutant("FIFO", special="fifo"),
        Mutant("folder", special="folder"),
        Mutant("huge line", b"x" * 3_000_000),
    ]


# ---------------------------------------------------------------------------------------------------------
# Running the command line and judging what it printed.


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """`cleanup ARGS` in `folder` with its own user cache; None when it did not finish in TIMEOUT."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
        "XDG_CACHE_HOME": str(folder / ".xdg"),
    }
    env.pop("CLEANUP_DEBUG", None)
    # A session of its own, so that a run that does not finish is stopped with its worker processes.
    with subprocess.Popen(
        [sys.executable, "-m", "cleanup", *args],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return None
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def judged(
    result: subprocess.CompletedProcess[str] | None, names: str | tuple[str, ...], clean_codes: tuple[int, ...]
) -> str:
    """ "" when the run ended well: exit 2 with one line naming `names` (a file) on standard error, or an
    exit in `clean_codes` with nothing on it; else what was wrong."""
    if result is None:
        return "hung"
    printed = result.stdout + result.stderr
    if "Traceback" in printed or "internal error" in printed:
        return "crashed: " + printed.strip()[-600:]
    lines = result.stderr.splitlines()
    if any(len(line) > MAX_LINE for line in lines):
        return f"a line of {max(map(len, lines)):,} characters: {result.stderr[:300]!r}"
    if result.returncode == 2:
        if len(lines) != 1:
            return f"exit 2 with {len(lines)} lines: {result.stderr[:600]!r}"
        if not lines[0].startswith(names):
            return f"the line does not name {names}: {lines[0][:300]!r}"
        return ""
    if result.returncode in clean_codes and all(line.startswith(names) for line in lines):
        return ""  # a warning about the file (a stale decision) is no failure
    return f"exit {result.returncode}: {result.stderr[:600]!r}"


def run_all(jobs: list[Callable[[], str]]) -> list[str]:
    """Run independent mutant checks two or more at a time; each gives "" or what went wrong."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return list(pool.map(lambda job: job(), jobs))


def report(reader: str, mutants: list[Mutant], problems: list[str]) -> None:
    counts = Counter(m.kind for m in mutants)
    print(
        f"\n{reader}: {len(mutants)} mutants ({', '.join(f'{k} {n}' for k, n in counts.items())}); "
        f"{sum(map(bool, problems))} broke"
    )
    failures = [f"{m.kind} #{i}: {p}" for i, (m, p) in enumerate(zip(mutants, problems, strict=True)) if p]
    assert not failures, "\n".join(failures)


def project(folder: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A project: the house glossary and rules, one article, and `files`."""
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    (folder / "seeds").mkdir()
    (folder / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for name, data in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


def check_file_reader(
    tmp_path: Path, reader: str, name: str, mutants: list[Mutant], args: tuple[str, ...], files: dict[str, str | bytes]
) -> None:
    """Each mutant in place of `name` in its own project, one run each."""

    def job(number: int, mutant: Mutant) -> str:
        folder = project(tmp_path / f"m{number}", files)
        mutant.put(folder / name)
        codes = () if mutant.kind in MUST_REFUSE else (0, 1)
        return judged(run(folder, *args), name, codes)

    baseline = project(tmp_path / "valid", files)
    assert judged(run(baseline, *args), name, (0,)) == "", "the valid input must pass"
    report(reader, mutants, run_all([lambda n=n, m=m: job(n, m) for n, m in enumerate(mutants)]))


# ---------------------------------------------------------------------------------------------------------
# The readers.

CONFIG = """\
select = ["GL", "SP", "PU"]
ignore = ["SP004"]
out = "corrected"
unsafe-fixes = false
quotations = "normalize"
grammar = "none"
headings = "any"
include = ["**/*.txt", "**/*.md"]
exclude = ["**/مسودة/*", "drafts/**"]
languagetool-language = "en-GB"
"""

DECISIONS = """\
article: seeds/a.txt
names: [Rasool, عمر]
decisions:
  - rule: GL:ISIS
    before: Daash
    after: ISIS
    context_before: "The "
    context_after: " cell left Mosul , th"
    decision: reject
  - rule: GL:ISIS
    before: Daash
    after: ISIS
    context_before: "ool spoke to the "
    context_after: " cell's leader.\\n"
    decision: accept
"""


def test_configuration(tmp_path):
    valid = CONFIG.encode("utf-8")
    assert tomllib.loads(CONFIG)
    mutants = structured_mutants(TOML, valid, seed=1)
    args = ("fix", "-q", "--grammar", "none", "seeds/a.txt")
    check_file_reader(tmp_path, "configuration", "cleanup.toml", mutants, args, {"cleanup.toml": valid})


def test_glossary(tmp_path):
    valid = (ROOT / "glossary" / "house.yaml").read_bytes()
    mutants = structured_mutants(YAML, valid, seed=2)
    args = ("fix", "-q", "--grammar", "none", "seeds/a.txt")
    check_file_reader(tmp_path, "glossary", "glossary/house.yaml", mutants, args, {})


def test_decisions(tmp_path):
    valid = DECISIONS.encode("utf-8")
    mutants = structured_mutants(YAML, valid, seed=3)
    args = ("fix", "-q", "--grammar", "none", "--decisions", "d.yaml", "seeds/a.txt")
    check_file_reader(tmp_path, "decisions", "d.yaml", mutants, args, {"d.yaml": valid})


HISTORY = "corrected/.history/a.txt"
HISTORY_COMMANDS = (
    ("undo", "seeds/a.txt"),
    ("undo", "--list", "seeds/a.txt"),
    ("fix", "-q", "--grammar", "none", "--no-cache", "--in-place", "seeds/a.txt"),
)


def test_history(tmp_path):
    template = project(tmp_path / "template")
    article = template / "seeds" / "a.txt"
    for text in (ARTICLE, ARTICLE.replace("Rasool", "Rasul") + "عمر قال.\n"):  # two runs recorded
        article.write_text(text, encoding="utf-8")
        assert judged(run(template, *HISTORY_COMMANDS[2]), "", (0,)) == ""
    listing = template / HISTORY / "history.json"
    before = sorted((template / HISTORY).glob("*.before"))[-1].name
    mutants = [(listing.name, m) for m in structured_mutants(JSON, listing.read_bytes(), seed=4)]
    saved = (template / HISTORY / before).read_bytes()
    rng = random.Random(5)
    mutants += [(before, m) for m in byte_mutants(saved, rng) if m.kind in ("truncation", "empty", "FIFO", "folder")]

    def job(number: int, name: str, mutant: Mutant) -> str:
        folder = tmp_path / f"m{number}"
        shutil.copytree(template, folder, symlinks=True)
        mutant.put(folder / HISTORY / name)
        command = HISTORY_COMMANDS[number % len(HISTORY_COMMANDS)]
        if command[0] == "fix":  # an in-place run has something to change, and reads the history first
            (folder / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
        refused = name == listing.name and mutant.kind in MUST_REFUSE and "--list" not in command
        return judged(run(folder, *command), (HISTORY, "seeds/a.txt"), () if refused else (0,))

    problems = run_all([lambda n=n, name=name, m=m: job(n, name, m) for n, (name, m) in enumerate(mutants)])
    report("history", [m for _, m in mutants], problems)


CACHE_CLASSES = (
    "nesting",
    "huge number",
    "wrong type",
    "huge line",
    "truncation",
    "NUL",
    "invalid UTF-8",
    "empty",
    "FIFO",
    "folder",
)


def cache_mutant(data: bytes, kind: str, rng: random.Random) -> Mutant:
    """A mutant of one cache file, read as opaque lines: a line that is JSON gets a value replaced."""
    if kind in ("empty", "FIFO", "folder", "truncation", "NUL", "invalid UTF-8"):
        return rng.choice([m for m in byte_mutants(data, rng) if m.kind == kind])
    lines = data.split(b"\n")
    trees = {}
    for number, line in enumerate(lines):
        try:
            trees[number] = json.loads(line)
        except ValueError:
            continue
    raws = {
        "nesting": JSON.nestings,
        "huge number": JSON.numbers,
        "wrong type": JSON.wrong_types,
        "huge line": (json.dumps("a" * 2_000_000),),
    }[kind]
    if not trees:  # not JSON lines (any more): the whole file becomes the raw value
        return Mutant(kind, rng.choice(raws).encode("utf-8"))
    number = rng.choice(sorted(trees))
    tree = trees[number]
    text = json.dumps(_replaced(tree, rng.choice(list(_places(tree))), PLACE), ensure_ascii=False)
    lines[number] = text.replace(json.dumps(PLACE), rng.choice(raws), 1).encode("utf-8")
    return Mutant(kind, b"\n".join(lines))


def edition(folder: Path) -> dict[str, bytes]:
    corrected = folder / "corrected"
    return {p.relative_to(corrected).as_posix(): p.read_bytes() for p in sorted(corrected.rglob("*")) if p.is_file()}


def test_cache_entries(tmp_path):
    """Every file of the cache damaged one class at a time: each is a clean miss, the run exits as the
    first did and the edition is byte for byte the same."""
    lines = (ROOT / "seeds" / "000_34c7e98329047369.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    files = {f"seeds/s{n}.txt": ARTICLE + "عمر قال.\n" + "".join(lines[n * 5 : n * 5 + 5]) for n in range(8)}
    template = project(tmp_path / "template", files)
    command = ("fix", "-q", "--grammar", "none", "seeds")
    assert judged(run(template, *command), "", (0,)) == ""
    expected = edition(template)
    cache_files = sorted(p.relative_to(template) for p in (template / ".xdg").rglob("*") if p.is_file())
    assert len(cache_files) >= 2 * len(files)  # an entry (and an output stamp) for each article
    rng = random.Random(6)
    rounds = [[cache_mutant((template / f).read_bytes(), kind, rng) for f in cache_files] for kind in CACHE_CLASSES]

    def job(number: int, mutants: list[Mutant]) -> str:
        folder = tmp_path / f"m{number}"
        shutil.copytree(template, folder, symlinks=True)
        for name, mutant in zip(cache_files, mutants, strict=True):
            mutant.put(folder / name)
        if number % 2:  # the outputs gone too: every entry is read, whatever the stamps say
            shutil.rmtree(folder / "corrected")
        problem = judged(run(folder, *command), "", (0,))
        return problem or ("" if edition(folder) == expected else "the edition differs from the first run's")

    problems = run_all([lambda n=n, m=m: job(n, m) for n, m in enumerate(rounds)])
    report("cache entries", [m for mutants in rounds for m in mutants], [p for p in problems for _ in cache_files])


# ---------------------------------------------------------------------------------------------------------
# Word, XLIFF and TMX: many mutants in one folder, one run; each file is named once or written.

BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY a "'
    + "a" * 100
    + '">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
    + "]>"
)


def xml_mutants(valid: bytes, rng: random.Random, deep_tag: str) -> list[Mutant]:
    """Mutants of an XML file: nesting, huge numbers, elements in the wrong place or missing, entities,
    a lying encoding declaration, and the byte-level ones."""
    root = etree.fromstring(valid)
    count = len(list(root.iter()))

    def changed(change: Callable[[etree._Element, list[etree._Element]], object], raw: str = "") -> bytes:
        tree = etree.fromstring(valid)
        elements = [e for e in tree.iter() if isinstance(e.tag, str)]
        change(tree, elements)
        text = etree.tostring(tree, encoding="unicode")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text.replace("<PLACE/>", raw, 1)).encode("utf-8")

    def place(tree: etree._Element, elements: list[etree._Element]) -> None:
        rng.choice(elements).append(etree.Element("PLACE"))

    def deep(levels: int) -> str:
        return f"<{deep_tag}>" * levels + "x" + f"</{deep_tag}>" * levels

    found = [Mutant("nesting", changed(place, deep(levels))) for levels in (DEEP, DEEP, 120, 250)]
    for number in ("1" * 5000, "-" + "9" * 5000, "1e" + "9" * 5000):

        def huge(tree: etree._Element, elements: list[etree._Element], number: str = number) -> None:
            element = rng.choice(elements)
            names = list(element.attrib) or ["id"]
            element.set(rng.choice(names), number)

        found.append(Mutant("huge number", changed(huge)))
    found.append(Mutant("huge number", changed(lambda t, e: setattr(rng.choice(e), "text", HUGE))))
    numeric = [
        (index, name) for index, e in enumerate(root.iter()) for name, value in e.attrib.items() if value.isdigit()
    ]
    for kind, value in (("huge number", HUGE), ("wrong type", "²"), ("wrong type", "-1"), ("wrong type", "1.5")):
        for index, name in rng.sample(numeric, min(2, len(numeric))):  # a number the reader may read as one

            def number_at(
                tree: etree._Element, elements: list, index: int = index, name: str = name, value: str = value
            ) -> None:
                list(tree.iter())[index].set(name, value)

            found.append(Mutant(kind, changed(number_at)))

    def moved(tree: etree._Element, elements: list[etree._Element]) -> None:
        element, into = rng.choice(elements[1:]), rng.choice(elements)
        if element not in into.iterancestors() and element is not into:
            into.insert(0, element)

    def removed(tree: etree._Element, elements: list[etree._Element]) -> None:
        element = rng.choice(elements[1:])
        element.getparent().remove(element)

    def renamed(tree: etree._Element, elements: list[etree._Element]) -> None:
        rng.choice(elements).tag = rng.choice(elements).tag

    def doubled(tree: etree._Element, elements: list[etree._Element]) -> None:
        element = rng.choice(elements[1:])
        element.addnext(etree.fromstring(etree.tostring(element)))

    def text_for_elements(tree: etree._Element, elements: list[etree._Element]) -> None:
        element = rng.choice(elements[1:])
        parent = element.getparent()
        parent.text = (parent.text or "") + "stray text"
        parent.remove(element)

    for change in (moved, moved, removed, removed, renamed, renamed, doubled, text_for_elements):
        found.append(Mutant("wrong type", changed(change)))
    found.append(Mutant("wrong type", changed(lambda t, e: setattr(t, "tag", "other"))))
    declared = changed(place, "&d;")
    found.append(Mutant("entities", declared.replace(b"?>\n", b"?>\n" + BILLION_LAUGHS.encode(), 1)))
    found.append(
        Mutant("entities", declared.replace(b"?>\n", b'?>\n<!DOCTYPE x [<!ENTITY d SYSTEM "file:///etc/passwd">]>', 1))
    )
    for encoding in (b"UTF-16", b"klingon", b"ISO-8859-1"):
        found.append(Mutant("encoding", changed(lambda t, e: None).replace(b'"UTF-8"', b'"' + encoding + b'"', 1)))
    long_text = "word " * 200_000  # a megabyte on one line (no changes: 200,000 of them would take 20 s)
    found.append(Mutant("huge line", changed(lambda t, e: setattr(rng.choice(e[count // 2 :]), "text", long_text))))
    return found + byte_mutants(valid, rng)


def check_batch(tmp_path: Path, reader: str, named: list[tuple[str, Mutant]], control: tuple[str, bytes]) -> None:
    """All mutants (file name, mutant) and a valid control file in one folder, one `fix` run: each
    mutant is named on exactly one line of standard error and not written, or written and not named."""
    folder = project(tmp_path / "batch")
    (folder / "in").mkdir()
    for name, mutant in named:
        mutant.put(folder / "in" / name)
    (folder / "in" / control[0]).write_bytes(control[1])
    result = run(folder, "fix", "-q", "--grammar", "none", "--no-cache", "in")
    overall = judged(result, "", (0,))
    assert result is not None, "the run hung"
    printed = result.stdout + result.stderr
    assert "Traceback" not in printed and "internal error" not in printed, printed[-3000:]
    lines = result.stderr.splitlines()
    assert result.returncode == (2 if lines else 0), overall
    written = {p.name for p in (folder / "corrected").rglob("*")}
    assert control[0] in written, [line for line in lines if control[0] in line] or result.stderr[-2000:]

    def verdict(name: str, mutant: Mutant) -> str:
        mentions = [line for line in lines if line.startswith(f"in/{name}:")]
        if len(mentions) > 1:
            return f"named {len(mentions)} times: {mentions}"
        if any(len(line) > MAX_LINE for line in mentions):
            return "a line too long"
        if mentions:
            return f"written although it failed: {mentions[0]}" if name in written else ""
        # a folder, or a FIFO, found in a folder is no article: passed over like any other non-file
        return "" if name in written or mutant.special else "neither written nor named"

    strays = [line for line in lines if not any(line.startswith(f"in/{name}:") for name, _ in named)]
    assert not strays, strays
    report(reader, [m for _, m in named], [verdict(name, m) for name, m in named])


def test_word_files(tmp_path):
    blocks = [
        [("text", "The Daash cell left Mosul , then "), ("text", "returned", "b"), ("footnote", "Rasool said so.")],
        [("link", "Daash", "https://example.org"), ("text", " spoke to عمر"), ("tab",), ("field", "Title")],
        [[[[("text", "A cell")], [("text", "Daash")]], [[("ins", "Editor", "new Daash")], [("del", "Editor", "x")]]]],
        [("cfield", "PAGE", "3"), ("text", " The Rasul of Daash.")],
    ]
    valid = build_docx(blocks, header="Daash header")
    rng = random.Random(7)
    with zipfile.ZipFile(io.BytesIO(valid)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}

    def with_part(name: str, data: bytes) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, content in parts.items():
                archive.writestr(part, data if part == name else content)
        return buffer.getvalue()

    mutants = []
    for number, name in enumerate(sorted(parts)):  # each XML part damaged every way, by turns
        for index, mutant in enumerate(xml_mutants(parts[name], rng, "w:sdt" if "word/" in name else "x")):
            if (index + number) % 3 == 0 and not mutant.special:
                mutants.append(Mutant(mutant.kind, with_part(name, mutant.data)))
    mutants += [m for m in byte_mutants(valid, rng) if m.kind != "huge line"]  # the package itself
    mutants += [
        Mutant("wrong type", with_part("word/document.xml", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))),
        Mutant(
            "wrong type",
            with_part(
                "word/_rels/document.xml.rels",
                parts["word/_rels/document.xml.rels"].replace(b'Target="header1.xml"', b'Target="document.xml"'),
            ),
        ),
        Mutant(
            "wrong type",
            with_part(
                "word/_rels/document.xml.rels",
                parts["word/_rels/document.xml.rels"].replace(
                    b'Target="footnotes.xml"', b'Target="../../../../etc/passwd"'
                ),
            ),
        ),
    ]
    named = [(f"m{number:03}.docx", mutant) for number, mutant in enumerate(mutants)]
    check_batch(tmp_path, "Word", named, ("ok.docx", valid))


def test_xliff_and_tmx(tmp_path):
    rng = random.Random(8)
    for reader, valid, suffix, deep_tag in (
        ("XLIFF 1.2", XLIFF_12, "xlf", "g"),
        ("XLIFF 2.0", XLIFF_20, "xliff", "pc"),
        ("TMX", TMX, "tmx", "seg"),
    ):
        data = valid.encode("utf-8")
        named = [(f"m{number:03}.{suffix}", m) for number, m in enumerate(xml_mutants(data, rng, deep_tag))]
        check_batch(tmp_path / suffix, reader, named, (f"ok.{suffix}", data))
