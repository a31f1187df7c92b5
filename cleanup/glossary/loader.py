"""Read the terms, names and loanwords of parsed glossary files and validate them with file, line and
column: each entry's fields, conflicts between entries, the entries' examples."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from ..fix import fix
from ..gcpause import paused_garbage_collection
from ..model import Location, Problem
from ..words.arabic_script import has_arabic
from ..words.keys import TOKEN, fold, fold_keep_case, word_key
from ..words.known import known_words
from ..yamlread import Fields, YamlList, YamlMap
from .loanwords import loanword_spellings
from .matcher import Matcher
from .terms import Example, Term
from .usage import anchor_of

GLOSSARY_KEYS = ("terms", "names", "loanwords")
TERM_KEYS = (
    "preferred",
    "variants",
    "note",
    "article",
    "unless",
    "sense",
    "examples",
    "source",
    "also",
    "person",
    "sense_words",
    "other_sense_words",
    "case",
)
_TERM_KEY_SET = frozenset(TERM_KEYS)
_PLAIN_TERM_KEYS = frozenset(("preferred", "variants"))
SENSES = ("name",)
CASES = ("name", "any")
EXAMPLE_KEYS = ("from", "to")


@dataclass(frozen=True)
class Glossary:
    """The validated terms of one or more glossary files."""

    terms: tuple[Term, ...] = ()
    paths: tuple[str, ...] = field(default=())  # the files read
    loanwords: tuple[str, ...] = ()  # terms used as English words (Zakat), beside the shipped list

    @cached_property
    def forms(self) -> frozenset[str]:
        """Every preferred form, variant and name, as written."""
        return frozenset(phrase for term in self.terms for phrase in (term.preferred, *term.variants))

    @cached_property
    def preferred_forms(self) -> frozenset[str]:
        """Every preferred form (entries and names)."""
        return frozenset(term.preferred for term in self.terms)

    @cached_property
    def normalized_forms(self) -> frozenset[str]:
        """The preferred forms of entries that have variants to normalize."""
        return frozenset(term.preferred for term in self.terms if term.variants)

    @cached_property
    def articles(self) -> dict[str, str]:
        """The article an entry's preferred form takes, by its first word folded."""
        return {fold(term.preferred.split()[0]): term.article for term in self.terms if term.article}

    @cached_property
    def spelling_words(self) -> frozenset[str]:
        """The words of every preferred form, variant, name and loanword, as a spell checker sees them:
        never misspellings (a variant left in the text was kept on purpose)."""
        return known_words(self.forms) | loanword_spellings(self.loanwords)

    @cached_property
    def matcher(self) -> Matcher:
        """All terms compiled into one matcher (built on first use)."""
        with paused_garbage_collection():
            return Matcher(self.terms)


class _Phrase(NamedTuple):
    """A preferred form or variant and where it was written, for conflict messages."""

    text: str
    term: Term
    is_preferred: bool
    path: str
    place: tuple[int, int]  # 0-based line and column, as YAML reading gives them

    @property
    def where(self) -> Location:
        return Location(self.path, self.place[0] + 1, self.place[1] + 1)


class GlossaryReader:
    """The terms, names and loanwords of several parsed glossary files, read one file at a time."""

    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.loanwords: list[str] = []
        self.phrases = _Phrases()

    def read(self, fields: Fields, data: YamlMap) -> None:
        """One file's entries (its problems go to `fields`)."""
        reader = _Reader(fields, self.phrases)
        reader.read(data)
        self.terms.extend(reader.terms)
        self.loanwords.extend(reader.loanwords)

    def conflicts(self) -> list[Problem]:
        """Duplicate entries, variants under two preferred forms, and variants that are another's preferred form."""
        return [Problem(again.where, _conflict_message(first, again)) for first, again in self.phrases.collisions]

    def glossary(self, paths: Sequence[str]) -> Glossary:
        """The glossary of the files read (`paths`); each term once: two equal terms share their preferred
        form, a conflict `conflicts` reports."""
        return Glossary(tuple(self.terms), tuple(paths), tuple(dict.fromkeys(self.loanwords)))


class _Phrases:
    """The phrases of every file read, by conflict key: the first of each key, and each later one that
    collides with it, in the order written."""

    def __init__(self) -> None:
        self.first: dict[str, tuple[str, Term, bool, str, tuple[int, int]]] = {}
        self.collisions: list[tuple[_Phrase, _Phrase]] = []

    def enter(self, key: str, text: str, term: Term, is_preferred: bool, path: str, place: tuple[int, int]) -> None:
        """A phrase under its conflict key (see `_Reader._phrases`)."""
        entry = (text, term, is_preferred, path, place)
        first = self.first.setdefault(key, entry)
        if first is not entry:
            self.collisions.append((_Phrase(*first), _Phrase(*entry)))


def failing_examples(glossary: Glossary) -> list[Problem]:
    """Problems for every example whose text the glossary does not turn into the expected text."""
    problems = []
    for term in glossary.terms:
        for example in term.examples:
            got = fix(example.before, [glossary.matcher.safe_edits]).text
            if got != example.after:
                problems.append(
                    Problem(
                        example.where or term.where or Location(""),
                        f"example of “{term.preferred}” fails: “{example.before}” became “{got}”, "
                        f"expected “{example.after}”; fix the entry or the example",
                    )
                )
    return problems


class _Reader:
    """Walks one parsed YAML file, collecting its terms and loanwords and entering their phrases."""

    def __init__(self, fields: Fields, phrases: _Phrases) -> None:
        self.path = fields.path
        self.fields = fields
        self.phrases = phrases
        self.terms: list[Term] = []  # in the order written
        self.loanwords: list[str] = []

    def read(self, data: YamlMap) -> None:
        for index, node in self.fields.items(data, "terms"):
            self._term(node, data["terms"], index)
        for index, node in self.fields.items(data, "names"):
            where = self.fields.item_at(data["names"], index)
            if self.fields.is_text(node, where, "a name"):
                self._phrases(Term(str(node), where=where), [data["names"].lc.item(index)])
        for index, node in self.fields.items(data, "loanwords"):
            if self.fields.is_text(node, self.fields.item_at(data["loanwords"], index), "a loanword"):
                self.loanwords.append(str(node))

    def _term(self, node: object, entries: YamlList, index: int) -> None:
        """The term of the entry `node`, entries[index], and its phrases; its problems (absent keys are never
        looked up)."""
        if not isinstance(node, YamlMap):
            self.fields.problem(
                self.fields.item_at(entries, index),
                "a term must be a mapping with “preferred:” (and “variants:”, “note:”, “examples:”)",
            )
            return
        plain = node.keys() <= _PLAIN_TERM_KEYS  # the usual entry: nothing to read but its forms
        if not plain and not node.keys() <= _TERM_KEY_SET:
            self.fields.unknown_keys(node, TERM_KEYS, "key")
        if "preferred" not in node:
            self.fields.problem(self.fields.item_at(entries, index), "term has no “preferred:”; add the preferred form")
            return
        place = node.lc.value("preferred")
        preferred_at = Location(self.path, place[0] + 1, place[1] + 1)  # the term's place, kept
        if not self.fields.is_text(node["preferred"], preferred_at, "“preferred”"):
            return
        variants, variant_places = self._variants(node)
        preferred = str(node["preferred"])
        if plain:
            term = Term(preferred, tuple(variants), where=preferred_at)
        else:
            term = self._detailed_term(node, preferred, variants, preferred_at)
        self._phrases(term, [place, *variant_places])

    def _detailed_term(self, node: YamlMap, preferred: str, variants: list[str], where: Location) -> Term:
        """The term of an entry that writes more than its preferred form and variants."""
        note = node.get("note", "")
        if "note" in node and not self.fields.is_text(
            note, self.fields.value_at(node, "note"), "“note”", allow_empty=True
        ):
            note = ""
        article = node.get("article", "")
        if article not in ("", "a", "an"):
            self.fields.problem(self.fields.value_at(node, "article"), "“article” must be a or an")
            article = ""
        return Term(
            preferred,
            tuple(variants),
            str(note),
            tuple(self._examples(node)),
            where,
            article,
            tuple(self._unless(node, variants)),
            self._sense(node),
            tuple(self._source(node)),
            tuple(text for text, _ in self._texts(node, "also", "a list of English words", "an English word")),
            self._person(node, preferred),
            tuple(text for text, _ in self._texts(node, "sense_words", "a list of words", "a sense word")),
            tuple(text for text, _ in self._texts(node, "other_sense_words", "a list of words", "a word")),
            self._case(node) == "any",
        )

    def _unless(self, node: YamlMap, variants: Sequence[str]) -> list[str]:
        """The phrases where the entry does not apply; each must be written around one of its variants."""
        phrases = []
        for item, index in self._texts(
            node, "unless", "a list of phrases, each holding a variant", "an “unless” phrase"
        ):
            if anchor_of(item, variants, TOKEN, fold) is None:
                self.fields.problem(
                    self.fields.item_at(node["unless"], index),
                    f"“unless” phrase “{item}” holds none of the entry's variants; write the variant in it",
                )
                continue
            phrases.append(item)
        return phrases

    def _texts(self, node: YamlMap, key: str, kind: str, item_name: str) -> list[tuple[str, int]]:
        """The strings listed under `key`, each with its index in the list; a problem for anything else."""
        if key not in node:
            return []
        seq = node[key]
        if not isinstance(seq, YamlList):
            self.fields.problem(self.fields.value_at(node, key), f"“{key}” must be {kind}")
            return []
        found = []
        for index, item in enumerate(seq):
            if isinstance(item, str) and item.strip():
                found.append((str(item), index))
            else:
                self.fields.is_text(item, self.fields.item_at(seq, index), item_name)  # says what is wrong
        return found

    def _source(self, node: YamlMap) -> list[str]:
        """The term's forms in Arabic sources: each must be written in Arabic script."""
        forms = []
        for item, index in self._texts(node, "source", "a list of Arabic forms", "a source form"):
            if has_arabic(item):
                forms.append(item)
            else:
                self.fields.problem(
                    self.fields.item_at(node["source"], index),
                    f"source form “{item}” has no Arabic letters; write it as the source does",
                )
        return forms

    def _person(self, node: YamlMap, preferred: str) -> str:
        """The full name of the person a surname entry is about; its last word must be the preferred form."""
        if "person" not in node:
            return ""
        person = node["person"]
        where = self.fields.value_at(node, "person")
        if not self.fields.is_text(person, where, "“person”", allow_empty=True):
            return ""
        words = str(person).split()
        if person and (len(words) < 2 or fold(words[-1]) != fold(preferred)):
            self.fields.problem(
                where,
                f"“person” must be the person's full name ending in “{preferred}” (for example “Yahya {preferred}”)",
            )
            return ""
        return " ".join(words)

    def _case(self, node: YamlMap) -> str:
        case = node.get("case", "name")
        if case not in CASES:
            self.fields.problem(self.fields.value_at(node, "case"), f"“case” must be one of: {', '.join(CASES)}")
            return "name"
        return str(case)

    def _sense(self, node: YamlMap) -> str:
        sense = node.get("sense", "")
        if sense not in ("", *SENSES):
            self.fields.problem(self.fields.value_at(node, "sense"), f"“sense” must be one of: {', '.join(SENSES)}")
            return ""
        return str(sense)

    def _phrases(self, term: Term, places: list[tuple[int, int]]) -> None:
        """Keep the term and enter its preferred form and variants, written at `places`, by conflict key: a
        phrase's key, but a variant differing from its preferred form only in case collides only exactly."""
        self.terms.append(term)
        path, preferred, enter = self.path, term.preferred, self.phrases.enter
        preferred_key = word_key(preferred)
        if preferred_key is None:
            self._not_words(preferred, places[0])
        else:
            enter(preferred_key, preferred, term, True, path, places[0])
        for text, place in zip(term.variants, places[1:], strict=False):
            key = word_key(text)
            if key is None:
                self._not_words(text, place)
                continue
            if key == preferred_key:
                exact = word_key(text, fold_keep_case)
                if exact == word_key(preferred, fold_keep_case):
                    self.fields.problem(
                        _where(path, place), f"variant “{text}” is the preferred form itself; remove it"
                    )
                key = f"exact:{exact}"
            enter(key, text, term, False, path, place)

    def _not_words(self, text: str, place: tuple[int, int]) -> None:
        self.fields.problem(
            _where(self.path, place),
            f"“{text}” is not words separated by spaces; write it so that it starts and ends with a letter or digit",
        )

    def _variants(self, node: YamlMap) -> tuple[list[str], list[tuple[int, int]]]:
        """The variants and where each is written."""
        listed = node.get("variants")
        if isinstance(listed, YamlList):
            texts = [item for item in listed if isinstance(item, str) and item.strip()]
            if len(texts) == len(listed):  # the usual list: nothing to report
                return texts, listed.lc.items()
        found = self._texts(node, "variants", "a list of strings", "a variant")
        if not found:
            return [], []
        at = node["variants"].lc.item
        return [text for text, _ in found], [at(index) for _, index in found]

    def _examples(self, node: YamlMap) -> list[Example]:
        if "examples" not in node:
            return []
        seq = node["examples"]
        if not isinstance(seq, YamlList):
            self.fields.problem(self.fields.value_at(node, "examples"), "“examples” must be a list of {from: …, to: …}")
            return []
        examples = []
        for index, item in enumerate(seq):
            where = self.fields.item_at(seq, index)
            if not isinstance(item, YamlMap) or "from" not in item or "to" not in item:
                self.fields.problem(where, "an example needs “from:” and “to:”")
                continue
            self.fields.unknown_keys(item, EXAMPLE_KEYS, "example key")
            before, after = item["from"], item["to"]
            if self.fields.is_text(before, self.fields.value_at(item, "from"), "“from”") and self.fields.is_text(
                after, self.fields.value_at(item, "to"), "“to”", allow_empty=True
            ):
                examples.append(Example(str(before), str(after), where))
        return examples


def _where(path: str, place: tuple[int, int]) -> Location:
    return Location(path, place[0] + 1, place[1] + 1)


def _conflict_message(first: _Phrase, again: _Phrase) -> str:
    earlier = f"(line {first.where.line})" if first.where.path == again.where.path else f"({first.where})"
    if first.term is again.term:
        return f"“{again.text}” is listed twice for “{again.term.preferred}” {earlier}; remove one"
    if first.is_preferred and again.is_preferred:
        return f"duplicate entry “{again.text}” {earlier}; merge the two entries"
    if first.is_preferred:
        return (
            f"variant “{again.text}” of “{again.term.preferred}” is the preferred form of another entry {earlier}; "
            "remove the variant or that entry"
        )
    if again.is_preferred:
        return (
            f"preferred form “{again.text}” is already a variant of “{first.term.preferred}” {earlier}; "
            "remove the variant or this entry"
        )
    return (
        f"variant “{again.text}” is listed under “{again.term.preferred}” and under “{first.term.preferred}” "
        f"{earlier}; keep it under one preferred form"
    )
