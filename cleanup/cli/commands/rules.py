"""`cleanup rules`: list the rules, or explain one (a glossary entry too)."""

from __future__ import annotations

import argparse

from ...house import house_glossary
from ...outputs.ruledocs import Documented, flag_checks, print_rule, rules_markdown
from ...outputs.terminal import print_glossary_entry, rules_table
from ...words.nearest import nearest
from ..console import make_console
from ..errors import EXIT_OK, UsageError
from ..settings import load_config, run_glossary, run_settings


def run_rules(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    settings = run_settings(args, config, house_glossary(run_glossary(args.glossary, config)))
    console = make_console(False)
    if args.format == "markdown":
        print(rules_markdown(settings.rules, "house") + "\n" + rules_markdown(settings.rules, "grammar"), end="")
        return EXIT_OK
    if args.rule is None:
        console.print(rules_table(settings.rules))
        terms = settings.glossary.terms
        entries = sum(1 for t in terms if t.variants)
        names = len(terms) - entries
        console.print(
            f"and {entries} glossary {'entry' if entries == 1 else 'entries'} and {names} "
            f"{'name' if names == 1 else 'names'}, each a rule GL:<preferred form> "
            "(`cleanup rules GL:ISIS` explains one)",
            markup=False,
            highlight=False,
        )
        return EXIT_OK
    documented: list[Documented] = [*settings.rules, *flag_checks()]
    rule = next((r for r in documented if r.id == args.rule), None)
    term = next((t for t in settings.glossary.terms if t.rule == args.rule), None)
    if term is not None:
        print_glossary_entry(console, term)
        return EXIT_OK
    if rule is None:
        ids = [r.id for r in documented] + [t.rule for t in settings.glossary.terms]
        known = {i.casefold(): i for i in ids}
        close = nearest(args.rule.casefold(), known, cutoff=0.75)
        hint = f"did you mean {known[close]!r}?" if close else "`cleanup rules` lists them"
        raise UsageError(f"cleanup: no rule or glossary entry {args.rule!r}; {hint}")
    print_rule(console, rule)
    return EXIT_OK
