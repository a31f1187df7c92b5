"""What the benchmarks share: generated glossaries and corpora (romanized names in English-like prose), a
project of articles sliced from the seed, a best-of-N timer for a function, a timer for a whole command
(wall time and peak memory), and the memory of a process with its descendants."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from pathlib import Path

from cleanup.glossary.terms import Term

ROOT = Path(__file__).resolve().parent.parent

# Names and ordinary words come from different syllables, as Arabic names and English prose do,
# so that only the injected variants hit the glossary.
WORD_PARTS = "the of and to in for with pre con ent ing tion ment ost ver sel port ness able".split()
SYLLABLES = "ba da ka la ma na ra sa ta za sha kha bi di ki li mi ni ri si ti bu du ku lu mu nu ru su tu".split()
VOWEL_SWAPS = (("u", "oo"), ("i", "ee"), ("a", "aa"), ("k", "q"), ("sh", "ch"))


def name(rng: random.Random) -> str:
    """A made-up capitalized name of two to four syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def spelling_variants(word: str, rng: random.Random, count: int) -> list[str]:
    """Romanization-like variants: vowel and consonant swaps, an inserted apostrophe, a glued article."""
    variants: list[str] = []
    candidates = [word.replace(a, b, 1) for a, b in VOWEL_SWAPS if a in word]
    candidates += [word[:2] + "'" + word[2:], "al" + word, word + "h"]
    rng.shuffle(candidates)
    for candidate in candidates:
        if candidate != word and candidate not in variants:
            variants.append(candidate)
        if len(variants) == count:
            break
    return variants


def make_glossary(size: int, seed: int = 7) -> list[Term]:
    """`size` terms with 2-4 variants each; about a fifth are two-word names."""
    rng = random.Random(seed)
    terms, used = [], set()
    while len(terms) < size:
        preferred = name(rng) if rng.random() < 0.8 else f"{name(rng)} {name(rng)}"
        variants = [v for v in spelling_variants(preferred, rng, rng.randint(2, 4)) if v.casefold() not in used]
        keys = {preferred.casefold(), *(v.casefold() for v in variants)}
        if len(variants) < 2 or keys & used:
            continue
        used |= keys
        terms.append(Term(preferred, tuple(variants)))
    return terms


def make_corpus(words: int, inject_from: list[Term], seed: int = 11) -> str:
    """Prose-like text of `words` words from a fixed vocabulary, with about 1% glossary variants."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice(WORD_PARTS) for _ in range(rng.randint(1, 3))) for _ in range(5000)]
    out, count = [], 0
    while count < words:
        sentence = []
        for _ in range(rng.randint(8, 25)):
            if rng.random() < 0.01:
                term = rng.choice(inject_from)
                sentence.append(rng.choice(term.variants))
            else:
                sentence.append(rng.choice(vocabulary))
        count += len(sentence)
        out.append(" ".join(sentence).capitalize() + rng.choice([".", ".", ",", ";"]))
    return " ".join(out)


def best_time(action, repeat: int, clock=time.perf_counter) -> float:
    """The least `clock` time (wall seconds unless told: `time.process_time` for processor seconds) of
    `repeat` runs of `action`."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        action()
        best = min(best, clock() - start)
    return best


def timed(command: list[str], cwd: Path, timeout: float, env: dict | None = None) -> tuple[float | None, float | None]:
    """Wall seconds and peak memory (MB, from GNU time) of a whole command; (None, None) on a timeout."""
    seconds, peak, _ = timed_run(command, cwd, timeout, env)
    return seconds, peak


def timed_run(
    command: list[str], cwd: Path, timeout: float, env: dict | None = None
) -> tuple[float | None, float | None, str]:
    """`timed`, and the first line the command wrote to standard error ("" for none)."""
    report = cwd / ".time"
    start = time.perf_counter()
    try:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", str(report), *command],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return None, None, ""
    seconds = time.perf_counter() - start
    lines = done.stderr.strip().splitlines()
    return seconds, int(report.read_text().split()[-1]) / 1024, lines[0] if lines else ""


def seed_slice_project(folder: Path, articles: int) -> None:
    """A project of the house glossary and `articles` articles in seeds/: twelve-line slices of the seed,
    each starting a line further on and numbered (so that no two are the same file)."""
    (folder / "seeds").mkdir(parents=True)
    shutil.copytree(ROOT / "glossary", folder / "glossary")
    lines = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8").splitlines(keepends=True)
    for number in range(articles):
        start = number % max(1, len(lines) - 12)
        text = "".join(lines[start : start + 12]) + f"\n{number}\n"
        (folder / "seeds" / f"article-{number:05}.txt").write_text(text, encoding="utf-8")


def tree_rss_kb(pid: int) -> int:
    """Proportional resident memory (PSS: a page shared by forked workers counted once) of a process and
    all its descendants, in KB (0 once it is gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
        except (OSError, ValueError, StopIteration):
            continue
    return total
