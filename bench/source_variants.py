"""SRC flags on Arabic sources as other programs write them: the same clean NTREX-128 pairs as
`bench/source_precision.py`, with the source (or the English) rewritten one way at a time, and each
glossary term's Arabic forms rewritten in a one-line pair.

Rewritings of the source: Arabic presentation forms (what text copied out of a PDF holds), a zero-width
joiner or a tatweel inside each longer word, a right-to-left mark after a number's first digit, fullwidth
or Arabic-Indic digits (with ٫ and ٬), a decimal comma, thousands grouped by narrow no-break spaces; of
the English: a decimal comma. A faithful rewriting says the same thing, so every flag it adds is false.

Usage: python bench/source_variants.py [--ntrex FOLDER] [--glossary FILE]
(without --ntrex, the 400 pairs in tests/data/ntrex)."""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from cleanup.house import load_glossary
from cleanup.model import Document
from cleanup.pipeline import Settings, process

sys.path.insert(0, str(Path(__file__).parent))
import source_precision as bench  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile("[\u0621-\u064a]{4,}")
DIGIT_RUN = re.compile("[0-9]{2,}")
DECIMAL = re.compile("(?<=[0-9])[.](?=[0-9])")


def _forms() -> dict[tuple[str, str], str]:
    """{(letter, isolated/initial/medial/final): presentation form} from the Unicode decompositions."""
    found = {}
    for code in range(0xFE70, 0xFEFD):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and parts[0] in ("<isolated>", "<initial>", "<medial>", "<final>"):
            found[(chr(int(parts[1], 16)), parts[0][1:-1])] = chr(code)
    return found


FORMS = _forms()


def presentation(text: str) -> str:
    """Each Arabic letter as its contextual presentation form (joined to the letters beside it)."""
    out = []
    for i, char in enumerate(text):
        before = i > 0 and (text[i - 1], "initial") in FORMS and (text[i - 1], "isolated") in FORMS
        after = i + 1 < len(text) and (text[i + 1], "isolated") in FORMS and (char, "initial") in FORMS
        shape = {(True, True): "medial", (True, False): "final", (False, True): "initial"}.get((before, after))
        out.append(FORMS.get((char, shape or "isolated"), FORMS.get((char, "isolated"), char)))
    return "".join(out)


def inside_words(mark: str) -> Callable[[str], str]:
    return lambda text: WORD.sub(lambda m: m.group()[:2] + mark + m.group()[2:], text)


def digits(table: str, point: str = ".", group: str = ",") -> Callable[[str], str]:
    def rewrite(text: str) -> str:
        text = re.sub("(?<=[0-9]),(?=[0-9]{3})", group, text)
        return DECIMAL.sub(point, text).translate(str.maketrans("0123456789", table))

    return rewrite


SOURCE_VARIANTS: dict[str, Callable[[str], str]] = {
    "as written": lambda text: text,
    "presentation forms": presentation,
    "zero-width joiner in words": inside_words("\u200d"),
    "tatweel in words": inside_words("\u0640"),
    "RLM inside numbers": lambda text: DIGIT_RUN.sub(lambda m: m.group()[0] + "\u200f" + m.group()[1:], text),
    "fullwidth digits": digits("０１２３４５６７８９"),
    "Arabic-Indic digits": digits("٠١٢٣٤٥٦٧٨٩", "٫", "٬"),
    "decimal comma": lambda text: DECIMAL.sub(",", text),
    "narrow no-break space groups": lambda text: re.sub("(?<=[0-9]),(?=[0-9]{3})", "\u202f", text),
}
ENGLISH_VARIANTS: dict[str, Callable[[str], str]] = {
    "decimal comma in the English": lambda text: DECIMAL.sub(",", text)
}


def corpus_flags(settings: Settings, docs) -> None:
    print("| rewriting | SRC001 | SRC002 | SRC003 | SRC004 | other SRC |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    variants = [(name, f, True) for name, f in SOURCE_VARIANTS.items()]
    variants += [(name, f, False) for name, f in ENGLISH_VARIANTS.items()]
    for name, rewrite, on_source in variants:
        raised: Counter[str] = Counter()
        for english, arabic in docs:
            if on_source:
                arabic = [rewrite(line) for line in arabic]
            else:
                english = [rewrite(line) for line in english]
            raised.update(rule for rule, _ in bench.flags(settings, english, arabic))
        other = sum(n for rule, n in raised.items() if rule not in ("SRC001", "SRC002", "SRC003", "SRC004"))
        counts = " | ".join(str(raised[r]) for r in ("SRC001", "SRC002", "SRC003", "SRC004"))
        print(f"| {name} | {counts} | {other} |")


def glossary_flags(glossary: Path) -> None:
    """Each Arabic form of the glossary rewritten, in a line whose English drops the term (SRC003 expected)
    and one whose English has it (no flag expected)."""
    settings = Settings(load_glossary([(glossary.name, glossary.read_text(encoding="utf-8"))]))
    forms = [(term, form) for term in settings.glossary.terms for form in term.source]
    print(f"\n{len(forms)} Arabic forms of {glossary}:\n")
    print("| rewriting | SRC003 missed | false SRC004 |\n| --- | ---: | ---: |")
    for name in ("as written", "presentation forms", "zero-width joiner in words", "tatweel in words"):
        rewrite = SOURCE_VARIANTS[name]
        missed = false = 0
        for term, form in forms:
            source = f"وقال {rewrite(form)} في بيان"
            rules = {
                f.rule for f in process(Document("It said in a statement."), settings, source=Document(source)).flags
            }
            missed += "SRC003" not in rules
            english = f"{term.preferred} said in a statement."
            rules = {f.rule for f in process(Document(english), settings, source=Document(source)).flags}
            false += "SRC004" in rules
        print(f"| {name} | {missed} | {false} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ntrex", type=Path, help="a clone of github.com/MicrosoftTranslator/NTREX")
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossary" / "house.yaml")
    args = parser.parse_args()
    settings = Settings(load_glossary([("bench-glossary.yaml", bench.GLOSSARY)]))
    if args.ntrex:
        docs = bench.documents(args.ntrex)
    else:
        docs = bench.excerpt()
    print(f"{len(docs)} documents, {sum(len(e) for e, _ in docs)} sentence pairs; SRC flags raised:\n")
    corpus_flags(settings, docs)
    glossary_flags(args.glossary)


if __name__ == "__main__":
    main()
