"""The plain YAML reader gives exactly what the full (libyaml) reader gives, positions included, or leaves
the text to it: on the shipped files, on hand-picked corners of YAML and on seeded random damage."""

from __future__ import annotations

import math
import random

import pytest

from cleanup.yamlplain import NOT_PLAIN, read_plain
from cleanup.yamlread import YAML_ERRORS, YamlList, YamlMap, _load_any, load_yaml
from tests.conftest import ROOT

SHIPPED = [ROOT / "glossary" / "house.yaml", ROOT / "glossary" / "rules.yaml"]


def shape(node: object) -> object:
    """A comparable picture of a read document: values, types and every recorded position."""
    if isinstance(node, YamlMap):
        lc = node.lc
        return ("map", (lc.line, lc.col), [(k, lc.key(k), lc.value(k), shape(v)) for k, v in node.items()])
    if isinstance(node, YamlList):
        lc = node.lc
        return ("list", (lc.line, lc.col), [(lc.item(i), shape(v)) for i, v in enumerate(node)])
    if isinstance(node, float) and math.isnan(node):
        return ("nan",)
    return (type(node).__name__, node)


def full(text: str) -> object:
    """What the full reader makes of `text`: its document, or the kind of its error."""
    try:
        return shape(_load_any(text))
    except YAML_ERRORS as error:
        return type(error).__name__


def assert_same_or_left(text: str) -> bool:
    """The plain reader agrees with the full one or leaves the text to it; whether it read the text."""
    plain = read_plain(text)
    if plain is NOT_PLAIN:
        return False
    assert shape(plain) == full(text), text
    return True


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_the_shipped_files_are_read_plainly_and_alike(path):
    assert assert_same_or_left(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "terms:\n- preferred: A\n  variants: [b, 'c''d', \"e\\u00e9\\n\", f g ]\nnames: []\n",
        "a: [yes, no, on, 'true', true, ~, 0x1F, 1.5e3, .inf, 007, \"8\", .nan]\n",
        "a:   x   # note\nb: 'y' # note\nc: \"z\"\n# end\n",
        "a:\n  - x\n  -   y: 1\n      z: [p,\n        q]\n  - w\n",
        "null: 1\ntrue: 2\n",
        "a:\n- 1\n- 2\nb: 3\n",
    ],
)
def test_plain_files_are_read_without_the_yaml_library_and_alike(text):
    assert assert_same_or_left(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: b: c\n",
        "a: x #y\nb: x#y\n",
        "a: [x, y,]\n",
        "a: [x,\n# note\n  y]\n",
        "a: [x\n  , y]\n",
        "a: 'x\n  y'\n",
        "a: x\n  y\n",
        "a: x\n b: y\n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n  - 1\n b: 3\n",
        "a: 1\na: 2\n",
        'a: [Sūr?ya, x:y, x#y, "x\\qy"]\n',
        'a: "\\ud800"\n',
        "a: !!str 1\nb: &x 2\nc: *x\n",
        "---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "- a\n- b\n",
        "a: |\n  text\n",
        "a:\n",
        "a: \tb\n",
        "a: b\r\nc: d\r\n",
        "\ufeffa: b\n",
        "a: x\x85y\n",
        "a: 1" + "0" * 5000 + "\n",
        "",
        "# only a comment\n",
    ],
)
def test_corners_are_read_alike_or_left_to_the_full_reader(text):
    assert_same_or_left(text)


def test_seeded_damage_is_read_alike_or_left_to_the_full_reader():
    rng = random.Random(29)
    sources = [path.read_text(encoding="utf-8") for path in SHIPPED]
    pieces = [*" -:#[],'\"\\{}?&*!|>%@`\nab0.1tnu~é’", "true", "null", "\\u00e9", "  ", "- ", ": ", " #"]
    read = 0
    for _ in range(2000):
        lines = rng.choice(sources).split("\n")
        first = rng.randrange(len(lines))
        text = "\n".join(lines[first : first + 40])
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.6:
                text = text[:at] + rng.choice(pieces) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 3) :]
        read += assert_same_or_left(text)
    assert read > 100  # the damage often leaves plain YAML: the comparison is not empty


def test_load_yaml_reads_plain_and_other_yaml_alike():
    text = "a: &x [1, 2]\nb: *x\n"
    with pytest.raises(YAML_ERRORS):
        load_yaml(text)
    assert load_yaml("a: {b: 1}\n") == {"a": {"b": 1}}
