"""The grammar checker a run asks for: the command line's choice, else the configuration's. Light to import:
`cli/__init__` asks before the rest of the package loads, to start loading Harper."""

from __future__ import annotations

import argparse
from typing import NamedTuple

from ..config import Config


class Grammar(NamedTuple):
    """The checker (harper, languagetool or none) and the English Harper checks against (a dialect or auto)."""

    backend: str
    dialect: str


def chosen_grammar(args: argparse.Namespace, config: Config) -> Grammar:
    """`--grammar` and `--dialect`, each else the configuration's."""
    return Grammar(getattr(args, "grammar", None) or config.grammar, getattr(args, "dialect", None) or config.dialect)
