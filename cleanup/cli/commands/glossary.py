"""`cleanup glossary check|add|schema|names|suggest`: the editors' tools for keeping the glossary."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from ...checkers.harper import english_word_test
from ...decisions import DecisionsError, load_decisions
from ...glossary.loader import Glossary
from ...house import GlossaryError, house_glossary, load_glossary
from ...upkeep.adding import add_entry, add_names
from ...upkeep.candidates import names_unknown
from ...upkeep.name_variants import as_yaml, suggest
from ...upkeep.names_in_source import source_forms
from ...upkeep.renderings import Rendering, renderings, renderings_yaml
from ...upkeep.schema import schema
from ...upkeep.warnings import warnings
from ..console import make_console, print_error
from ..errors import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, UsageError, first_line
from ..inputs import embedded_source, find_inputs, read_source, read_texts, read_utf8
from ..project import glossary_folder
from ..settings import glossary_files, load_config, run_glossary
from ..write import write_atomically


def run_check(args: argparse.Namespace) -> int:
    files = glossary_files(args.files)
    if not files:
        raise UsageError(f"cleanup: no glossary files in {glossary_folder()}/")
    sources = [(str(f), read_utf8(f)) for f in files]
    glossary = house_glossary(sources)
    found = warnings(glossary, english_word_test())
    for problem in found:
        print_error(f"{problem} (warning)")
    examples = sum(len(t.examples) for t in glossary.terms) + sum(len(r.examples) for r in glossary.rules)
    print(
        f"{len(glossary.terms)} entries, {len(glossary.rules)} rules, {examples} examples passed, "
        f"{len(found)} warning(s) in {len(files)} file(s)"
    )
    return EXIT_CHANGES if found else EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    if (args.preferred is None) == (args.names_from is None):
        raise UsageError("cleanup glossary add: give PREFERRED (an entry) or --names-from DECISIONS, one of them")
    target = Path(args.file or glossary_folder() / "house.yaml")
    text = read_utf8(target) if target.exists() else ""
    others = [(str(f), read_utf8(f)) for f in glossary_files([]) if f.resolve() != target.resolve()]
    names = _missing_names(Path(args.names_from), [*others, (str(target), text)]) if args.names_from else []
    if args.names_from and not names:
        print(f"{target}: unchanged (no confirmed name is missing from the glossary)")
        return EXIT_OK
    try:
        new_text = (
            add_names(text, names) if args.names_from else add_entry(text, args.preferred, args.variant, args.note)
        )
    except Exception as error:  # ruamel raises many kinds; the file is not a glossary we can edit
        raise UsageError(f"{target}: cannot edit this file ({first_line(error)}); fix it first") from None
    sources = [*others, (str(target), new_text)]
    try:
        house_glossary(sources)
    except GlossaryError as error:
        for problem in error.problems:
            print_error(str(problem))
        print_error(f"{target}: not changed")
        return EXIT_ERROR
    write_atomically({target: [new_text.encode("utf-8")]})
    if args.names_from:
        print(f"{target}: names ← {', '.join(names)}")
    else:
        print(f"{target}: {args.preferred} ← {', '.join(args.variant) or '(no variants)'}")
    return EXIT_OK


def _missing_names(decisions: Path, sources: list[tuple[str, str]]) -> list[str]:
    """The names a decisions file confirms that no form of the glossary `sources` hold yet."""
    try:
        confirmed = load_decisions(str(decisions), read_utf8(decisions)).names
    except DecisionsError as error:
        raise UsageError(str(error)) from None
    try:
        known = load_glossary([s for s in sources if s[1]]).forms
    except GlossaryError:
        known = frozenset()  # the glossary's own problems are reported when the new text is checked
    return [name for name in confirmed if name not in known]


def run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _house_glossary(named: list[str] | None) -> Glossary:
    """The glossary `fix` would use: the named files, else the configuration's, else every
    glossary/*.yaml; an empty one when there is no glossary at all."""
    config = load_config(None)
    if not (named or config.glossary or glossary_files([])):
        return Glossary()
    return house_glossary(run_glossary(named, config))


def run_names(args: argparse.Namespace) -> int:
    """Unknown names of the articles, most frequent first, with their spellings and first place."""
    glossary = _house_glossary(args.glossary)
    articles = ((item.path.as_posix(), document.text) for item, document in read_texts(find_inputs(args.paths)))
    found = names_unknown(glossary, articles, english_word_test())
    ranked = found[: args.limit]
    if args.yaml:
        print("names:" if ranked else "names: []")
        for name in ranked:
            print(f"  - {json.dumps(name.name, ensure_ascii=False)}  # {name.count}× {name.first}")
        return EXIT_OK
    table = Table(title=f"{len(found)} unknown name(s)")
    for heading in ("Name", "Times", "Spellings", "First at"):
        table.add_column(heading)
    for name in ranked:
        table.add_row(escape(name.name), str(name.count), escape(", ".join(name.spellings)), escape(str(name.first)))
    make_console(False).print(table)
    return EXIT_OK


def _bilingual(texts) -> list[tuple[str, str]]:
    """(English, Arabic source) of every article that has its source beside it or inside it (XLIFF, TMX)."""
    pairs = []
    for item, document in texts:
        source = read_source(item.source) if item.source is not None else embedded_source(item.path)
        if source is not None:
            pairs.append((document.text, source.text))
    if not pairs:
        print_error("cleanup glossary suggest --source: no article has its source beside it (NAME.ar.txt)")
    return pairs


def _renderings(pairs: list[tuple[str, str]], covered) -> list[Rendering]:
    """Source words rendered more than one way, leaving out words the glossary already decides."""
    known = frozenset(
        word.casefold() for preferred, variants in covered for form in (preferred, *variants) for word in form.split()
    )
    return renderings(pairs, known)


def _print_renderings(terms: list[Rendering]) -> None:
    table = Table(title=f"Source words rendered more than one way ({len(terms)})")
    for column in ("Source", "Renderings"):
        table.add_column(column)
    for term in terms:
        table.add_row(term.source, escape(", ".join(f"{word} ({count})" for word, count in term.forms)))
    make_console(False).print(table)


def run_suggest(args: argparse.Namespace) -> int:
    texts = list(read_texts(find_inputs(args.paths)))
    covered = [(t.preferred, t.variants) for t in _house_glossary(args.glossary).terms]
    sources = [(item.path.as_posix(), document.text) for item, document in texts]
    found = suggest(sources, covered, english_word_test())[: args.limit]
    pairs = _bilingual(texts) if args.source else []
    arabic = source_forms(found, pairs) if args.source else {}
    terms = _renderings(pairs, covered) if args.source else []
    if args.yaml:
        print(as_yaml(found, arabic), end="")
        print(renderings_yaml(terms), end="")
        return EXIT_OK
    if terms:
        _print_renderings(terms)
    table = Table(title=f"Names spelled more than one way ({len(found)})")
    for column in ("#", "Preferred", "Variants", *(("Source",) if args.source else ()), "Score", "Where"):
        table.add_column(column)
    for rank, s in enumerate(found, 1):
        variants = ", ".join(f"{v.text} ({v.count})" for v in s.variants)
        where = "; ".join(f"{src}:{line}:{col}" for f in s.forms for src, line, col in f.places[:1])
        preferred = f"{s.preferred.text} ({s.preferred.count})" + (" [in glossary]" if s.extends else "")
        source = (", ".join(arabic.get(rank - 1, ())),) if args.source else ()
        table.add_row(str(rank), escape(preferred), escape(variants), *source, f"{s.score:g}", escape(where))
    make_console(False).print(table)
    return EXIT_OK
