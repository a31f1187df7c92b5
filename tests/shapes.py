"""Inputs of every shape the cost tests and bench/complexity.py run on: many short lines, one long line, a
long paragraph, dense hits, no hits, many flags, and a one-line article with a long Arabic source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cleanup.house import house_glossary
from cleanup.model import Safety
from cleanup.rules.registry import ALL_RULES

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))
PROSE = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
HOUSE = house_glossary(
    [(path.name, path.read_text(encoding="utf-8")) for path in sorted((ROOT / "glossary").glob("*.yaml"))]
)
# Every rule's and glossary entry's examples: text dense with what the rules find and change.
EXAMPLES = [e.before for rule in ALL_RULES for e in rule.examples] + [
    e.before for term in HOUSE.terms for e in term.examples
]
FLAGGED = [e.before for rule in ALL_RULES if rule.safety is Safety.FLAG for e in rule.examples if e.found]
PLAIN = "the farmers sold their grain at the market before noon and walked home along the river".split()
ARABIC = "قال مسؤول في الحكومة إن تنظيم داعش شن هجوما على القرية في عام ٢٠١٧ وقتل ستة من المدنيين".split()
ARTICLE = "The Daesh fighters attacked the village in 2017 and killed six civilians, an official said.\n"


def fill(pieces: list[str], characters: int, joiner: str) -> str:
    """`pieces` repeated to about `characters`, each copy numbered (no two lines are the same)."""
    copies = max(1, round(characters / sum(len(piece) + len(joiner) + 6 for piece in pieces)))
    return joiner.join(f"{piece} ({copy % 1000:03})" for copy in range(copies) for piece in pieces) + "\n"


def plain(characters: int) -> str:
    """Sentences of everyday words that no rule or glossary entry finds anything in."""
    words = [PLAIN[(i * 7) % len(PLAIN)] for i in range(characters // 6)]
    sentences = (" ".join(words[i : i + 14]) for i in range(0, len(words), 14))
    return "\n".join(s[:1].upper() + s[1:] + "." for s in sentences) + "\n"


def wrapped(text: str, width: int = 72) -> str:
    """Text hard-wrapped at `width` into one paragraph (plain text reads wrapped lines as one)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line]) + "\n"


def arabic_source(characters: int) -> str:
    """An Arabic source of about `characters`, one numbered paragraph a line."""
    line = " ".join(ARABIC)
    return "\n".join(f"{line} {i}" for i in range(max(1, characters // (len(line) + 6)))) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {  # text of about n characters in each shape
    "short lines": lambda n: fill(PROSE, n, "\n"),
    "one long line": lambda n: fill([" ".join(piece.split()) for piece in PROSE + EXAMPLES], n, " "),
    "long paragraph": lambda n: wrapped(fill(PROSE, n, " ")),
    "dense hits": lambda n: fill(EXAMPLES, n, "\n"),
    "no hits": plain,
    "many flags": lambda n: fill(FLAGGED, n, "\n"),
}
