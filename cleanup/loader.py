"""Read glossary YAML safely and report every problem at once, each with file, line and column."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import regex

from .fix import fix
from .glossary import TOKEN, Example, Matcher, Term, fold, fold_keep_case, word_key
from .grammar import known_words
from .model import Location, Problem, ProblemsError, Safety
from .regexbudget import MAX_REPEAT_PRODUCT, repeat_product
from .rules.base import Context, Rule, RuleExample, example_failure, regex_rule
from .usage import anchor_of
from .yamlread import (
    YAML_ERRORS,
    YamlList,
    YamlMap,
    load_yaml,
    paused_garbage_collection,
    yaml_problem,
)

TOP_KEYS = ("terms", "names", "rules")
TERM_KEYS = ("preferred", "variants", "note", "article", "unless", "sense", "examples")
SENSES = ("name",)
EXAMPLE_KEYS = ("from", "to")
RULE_KEYS = ("id", "reason", "pattern", "replacement", "message", "safety", "scope", "examples")
RULE_EXAMPLE_KEYS = ("from", "to", "match", "no_match")
RULE_ID = regex.compile(r"[A-Z][A-Z0-9_-]{1,15}")
SCOPES = ("document", "line")
RULE_TIMEOUT = 1.0  # seconds a house rule's pattern may run on one text before it is stopped


class GlossaryError(ProblemsError):
    """One or more problems in the glossary files; nothing should be written."""


@dataclass(frozen=True)
class Glossary:
    """The validated terms of one or more glossary files."""

    terms: tuple[Term, ...] = ()
    sources: tuple[str, ...] = field(default=())
    rules: tuple[Rule, ...] = ()  # house rules written in the same files

    @cached_property
    def spelling_words(self) -> frozenset[str]:
        """The words of every preferred form, variant and name, as a spell checker sees them: never
        misspellings (a variant left in the text was kept on purpose)."""
        return known_words(phrase for term in self.terms for phrase in (term.preferred, *term.variants))

    @cached_property
    def matcher(self) -> Matcher:
        """All terms compiled into one matcher (built on first use)."""
        with paused_garbage_collection():
            return Matcher(self.terms)


class _Phrase(NamedTuple):
    """A preferred form or variant with where it was written, for conflict checks."""

    text: str
    where: Location
    term: Term
    is_preferred: bool


def load_glossary(sources: Sequence[tuple[str, str]], reserved_ids: Iterable[str] = ()) -> Glossary:
    """Parse (path, YAML text) pairs into one glossary with its house rules; raise GlossaryError
    listing every problem. `reserved_ids` are rule ids a house rule may not take (the built-ins)."""
    problems: list[Problem] = []
    phrases: list[_Phrase] = []
    rules: list[tuple[Rule, Location]] = []
    with paused_garbage_collection():
        for path, text in sources:
            reader = _Reader(path)
            found_phrases, found_rules = reader.read(text)
            phrases.extend(found_phrases)
            rules.extend(found_rules)
            problems.extend(reader.problems)
        problems.extend(_conflicts(phrases))
    problems.extend(_duplicate_rule_ids(rules, reserved_ids))
    terms = tuple(dict.fromkeys(p.term for p in phrases))
    glossary = Glossary(terms, tuple(path for path, _ in sources), tuple(rule for rule, _ in rules))
    if not problems:
        problems.extend(failing_examples(glossary))
        problems.extend(_failing_rule_examples(rules))
    if problems:
        raise GlossaryError(problems)
    return glossary


def failing_examples(glossary: Glossary) -> list[Problem]:
    """Problems for every example whose text the glossary does not turn into the expected text."""
    problems = []
    for term in glossary.terms:
        for example in term.examples:
            got = fix(example.before, [glossary.matcher.edits]).text
            if got != example.after:
                problems.append(
                    Problem(
                        example.where or term.where or Location(""),
                        f"example of “{term.preferred}” fails: “{example.before}” became “{got}”, "
                        f"expected “{example.after}”; fix the entry or the example",
                    )
                )
    return problems


def _duplicate_rule_ids(rules: Sequence[tuple[Rule, Location]], reserved: Iterable[str]) -> list[Problem]:
    problems, seen = [], set(reserved)
    for rule, where in rules:
        if rule.id in seen:
            problems.append(Problem(where, f"rule id {rule.id} is already taken; choose another id"))
        seen.add(rule.id)
    return problems


def _failing_rule_examples(rules: Sequence[tuple[Rule, Location]]) -> list[Problem]:
    problems = []
    for rule, where in rules:
        for example in rule.examples:
            try:
                failure = example_failure(rule, example, Context())
            except TimeoutError:
                failure = f"the pattern ran longer than {RULE_TIMEOUT:g} s on “{example.before}”; simplify it"
            if failure:
                problems.append(
                    Problem(where, f"example of rule {rule.id} fails: {failure}; fix the rule or the example")
                )
    return problems


class _Reader:
    """Walks one parsed YAML file, collecting phrases, house rules and problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def read(self, text: str) -> tuple[list[_Phrase], list[tuple[Rule, Location]]]:
        data = self._parse(text)
        if data is None:
            return [], []
        self._unknown_keys(data, TOP_KEYS, "top-level key")
        phrases: list[_Phrase] = []
        for index, node in self._items(data, "terms"):
            phrases.extend(self._term(node, self._item_at(data["terms"], index)))
        for index, node in self._items(data, "names"):
            where = self._item_at(data["names"], index)
            if self._is_text(node, where, "a name"):
                phrases.extend(self._phrases(Term(str(node), where=where), [where]))
        rules = []
        for index, node in self._items(data, "rules"):
            where = self._item_at(data["rules"], index)
            rule = self._rule(node, where)
            if rule is not None:
                rules.append((rule, where))
        return phrases, rules

    def _parse(self, text: str) -> YamlMap | None:
        try:
            data = load_yaml(text)
        except YAML_ERRORS as error:
            self.problems.append(yaml_problem(error, self.path, text))
            return None
        if data is None or isinstance(data, YamlMap):
            return data
        self._problem(Location(self.path, 1, 1), "expected a mapping with “terms:”, “names:” and/or “rules:”")
        return None

    def _items(self, data: YamlMap, key: str) -> list[tuple[int, object]]:
        if key not in data:
            return []
        node = data[key]
        if not isinstance(node, YamlList):
            self._problem(self._value_at(data, key), f"“{key}” must be a list")
            return []
        return list(enumerate(node))

    def _term(self, node: object, where: Location) -> list[_Phrase]:
        if not isinstance(node, YamlMap):
            self._problem(where, "a term must be a mapping with “preferred:” (and “variants:”, “note:”, “examples:”)")
            return []
        self._unknown_keys(node, TERM_KEYS, "key")
        if "preferred" not in node:
            self._problem(where, "term has no “preferred:”; add the preferred form")
            return []
        preferred_at = self._value_at(node, "preferred")
        if not self._is_text(node["preferred"], preferred_at, "“preferred”"):
            return []
        variants, variant_places = self._variants(node)
        note = node.get("note", "")
        if not self._is_text(note, self._value_at(node, "note"), "“note”", allow_empty=True):
            note = ""
        article = node.get("article", "")
        if article not in ("", "a", "an"):
            self._problem(self._value_at(node, "article"), "“article” must be a or an")
            article = ""
        term = Term(
            str(node["preferred"]),
            tuple(variants),
            str(note),
            tuple(self._examples(node)),
            preferred_at,
            article,
            tuple(self._unless(node, variants)),
            self._sense(node),
        )
        return self._phrases(term, [preferred_at] + variant_places)

    def _unless(self, node: YamlMap, variants: Sequence[str]) -> list[str]:
        """The phrases where the entry does not apply; each must be written around one of its variants."""
        if "unless" not in node:
            return []
        seq = node["unless"]
        if not isinstance(seq, YamlList):
            self._problem(self._value_at(node, "unless"), "“unless” must be a list of phrases, each holding a variant")
            return []
        phrases = []
        for index, item in enumerate(seq):
            where = self._item_at(seq, index)
            if not self._is_text(item, where, "an “unless” phrase"):
                continue
            if anchor_of(str(item), variants, TOKEN, fold) is None:
                self._problem(
                    where, f"“unless” phrase “{item}” holds none of the entry's variants; write the variant in it"
                )
                continue
            phrases.append(str(item))
        return phrases

    def _sense(self, node: YamlMap) -> str:
        sense = node.get("sense", "")
        if sense not in ("", *SENSES):
            self._problem(self._value_at(node, "sense"), f"“sense” must be one of: {', '.join(SENSES)}")
            return ""
        return str(sense)

    def _phrases(self, term: Term, places: list[Location]) -> list[_Phrase]:
        texts = [term.preferred, *term.variants]
        phrases = [_Phrase(t, w, term, i == 0) for i, (t, w) in enumerate(zip(texts, places, strict=False))]
        preferred_key = word_key(term.preferred)
        for phrase in phrases:
            key = word_key(phrase.text)
            if key is None:
                self._problem(
                    phrase.where,
                    f"“{phrase.text}” is not words separated by spaces; "
                    "write it so that it starts and ends with a letter or digit",
                )
            elif not phrase.is_preferred and key == preferred_key and _same_case(phrase.text, term.preferred):
                self._problem(phrase.where, f"variant “{phrase.text}” is the preferred form itself; remove it")
        return phrases

    def _variants(self, node: YamlMap) -> tuple[list[str], list[Location]]:
        if "variants" not in node:
            return [], []
        seq = node["variants"]
        if not isinstance(seq, YamlList):
            self._problem(self._value_at(node, "variants"), "“variants” must be a list of strings")
            return [], []
        variants, places = [], []
        for index, item in enumerate(seq):
            where = self._item_at(seq, index)
            if self._is_text(item, where, "a variant"):
                variants.append(str(item))
                places.append(where)
        return variants, places

    def _examples(self, node: YamlMap) -> list[Example]:
        if "examples" not in node:
            return []
        seq = node["examples"]
        if not isinstance(seq, YamlList):
            self._problem(self._value_at(node, "examples"), "“examples” must be a list of {from: …, to: …}")
            return []
        examples = []
        for index, item in enumerate(seq):
            where = self._item_at(seq, index)
            if not isinstance(item, YamlMap) or "from" not in item or "to" not in item:
                self._problem(where, "an example needs “from:” and “to:”")
                continue
            self._unknown_keys(item, EXAMPLE_KEYS, "example key")
            before, after = item["from"], item["to"]
            if self._is_text(before, self._value_at(item, "from"), "“from”") and self._is_text(
                after, self._value_at(item, "to"), "“to”", allow_empty=True
            ):
                examples.append(Example(str(before), str(after), where))
        return examples

    def _rule(self, node: object, where: Location) -> Rule | None:
        """A house rule: id, pattern, replacement (a fix) or message (a flag), safety, scope, examples."""
        if not isinstance(node, YamlMap) or "id" not in node or "pattern" not in node:
            self._problem(where, "a rule needs at least “id:” and “pattern:”")
            return None
        self._unknown_keys(node, RULE_KEYS, "rule key")
        fields = {key: node.get(key) for key in RULE_KEYS}
        rule_id = fields["id"]
        if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
            self._problem(self._value_at(node, "id"), "a rule id is capitals and digits, like WEB001")
            return None
        texts_ok = all(
            self._is_text(
                fields[key], self._value_at(node, key), f"{rule_id}: “{key}”", allow_empty=key == "replacement"
            )
            for key in ("pattern", "replacement", "message", "reason")
            if key in node
        )
        pattern = self._pattern(node, rule_id) if texts_ok else None
        fixes = "replacement" in node
        if fixes == ("message" in node):
            self._problem(where, f"rule {rule_id}: give either “replacement:” (a fix) or “message:” (a flag)")
            return None
        safety = self._choice(node, "safety", [s.value for s in Safety], "safe" if fixes else "flag", rule_id)
        scope = self._choice(node, "scope", SCOPES, "document", rule_id)
        if pattern is None or safety is None or scope is None:
            return None
        if fixes == (safety == "flag"):
            self._problem(
                self._value_at(node, "safety"),
                f"rule {rule_id}: a rule with “replacement:” is safe or unsafe; one with “message:” is flag",
            )
            return None
        if fixes and not self._replacement_ok(node, pattern, rule_id):
            return None
        return regex_rule(
            rule_id,
            str(fields["reason"] or fields["message"] or f"house rule {rule_id}"),
            Safety(safety),
            pattern,
            str(fields["replacement"]) if fixes else None,
            self._rule_examples(node, rule_id),
            message=str(fields["message"]) if not fixes else None,
            scope=scope,
            timeout=RULE_TIMEOUT,
            source=f"{where}",
        )

    def _pattern(self, node: YamlMap, rule_id: str) -> regex.Pattern | None:
        size = repeat_product(str(node["pattern"]))
        if size > MAX_REPEAT_PRODUCT:
            where = self._value_at(node, "pattern")
            self._problem(
                where,
                f"rule {rule_id}: the pattern's nested repeats ask for {size:,} copies (the limit is "
                f"{MAX_REPEAT_PRODUCT:,}); simplify the regex",
            )
            return None
        try:
            return regex.compile(node["pattern"])
        except regex.error as error:
            where = self._value_at(node, "pattern")
            self._problem(where, f"rule {rule_id}: bad pattern: {error.msg} at position {error.pos}; correct the regex")
            return None

    def _replacement_ok(self, node: YamlMap, pattern: regex.Pattern, rule_id: str) -> bool:
        template = str(node["replacement"])
        for name in regex.findall(r"\\g<(\w+)>|\\(\d+)", template):
            group = name[0] or name[1]
            known = int(group) <= pattern.groups if group.isdigit() else group in pattern.groupindex
            if not known:
                self._problem(
                    self._value_at(node, "replacement"),
                    f"rule {rule_id}: the replacement names group {group}, which the pattern does not have",
                )
                return False
        try:
            pattern.sub(template, " ")  # parses the template (an empty text would skip it)
        except (regex.error, IndexError) as error:
            message = (
                f"rule {rule_id}: bad replacement: {error}; write groups as \\g<name> or \\1 and a backslash as \\\\"
            )
            self._problem(self._value_at(node, "replacement"), message)
            return False
        return True

    def _choice(self, node: YamlMap, key: str, allowed: Sequence[str], default: str, rule_id: str) -> str | None:
        value = node.get(key, default)
        if value not in allowed:
            self._problem(self._value_at(node, key), f"rule {rule_id}: “{key}” must be one of " + ", ".join(allowed))
            return None
        return value

    def _rule_examples(self, node: YamlMap, rule_id: str) -> list[RuleExample]:
        seq = node.get("examples")
        if seq is None:
            return []
        if not isinstance(seq, YamlList):
            self._problem(self._value_at(node, "examples"), f"rule {rule_id}: “examples” must be a list")
            return []
        examples = []
        for index, item in enumerate(seq):
            where = self._item_at(seq, index)
            kinds = [k for k in ("from", "match", "no_match") if isinstance(item, YamlMap) and k in item]
            if len(kinds) != 1 or (kinds == ["from"]) != ("to" in item):
                self._problem(
                    where, f"rule {rule_id}: an example is {{from: …, to: …}}, {{match: …}} or {{no_match: …}}"
                )
                continue
            self._unknown_keys(item, RULE_EXAMPLE_KEYS, "example key")
            texts = [item[k] for k in (kinds[0], "to") if k in item]
            if all(self._is_text(t, where, "an example", allow_empty=True) for t in texts):
                after = str(item["to"]) if "to" in item else None
                examples.append(RuleExample(str(item[kinds[0]]), after, kinds[0] == "match"))
        return examples

    def _is_text(self, value: object, where: Location, what: str, allow_empty: bool = False) -> bool:
        if not isinstance(value, str):
            self._problem(where, f"{what} must be a string; put it in quotes")
            return False
        if not allow_empty and not value.strip():
            self._problem(where, f"{what} must not be empty")
            return False
        return True

    def _unknown_keys(self, node: YamlMap, allowed: Sequence[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean “{close[0]}”?" if close else "allowed: " + ", ".join(allowed)
                self._problem(self._key_at(node, key), f"unknown {what} “{key}”; {hint}")

    def _key_at(self, node: YamlMap, key: object) -> Location:
        line, column = node.lc.key(key)
        return Location(self.path, line + 1, column + 1)

    def _value_at(self, node: YamlMap, key: object) -> Location:
        if key not in node:
            return Location(self.path, node.lc.line + 1, node.lc.col + 1)
        line, column = node.lc.value(key)
        return Location(self.path, line + 1, column + 1)

    def _item_at(self, node: YamlList, index: int) -> Location:
        line, column = node.lc.item(index)
        return Location(self.path, line + 1, column + 1)

    def _problem(self, where: Location, message: str) -> None:
        self.problems.append(Problem(where, message))


def _same_case(a: str, b: str) -> bool:
    return word_key(a, fold_keep_case) == word_key(b, fold_keep_case)


def _conflicts(phrases: Sequence[_Phrase]) -> list[Problem]:
    """Duplicate entries, variants under two preferred forms, and variants that are another's preferred form."""
    problems = []
    seen: dict[str, _Phrase] = {}
    for phrase in phrases:
        key = _conflict_key(phrase)
        if key is None:
            continue
        first = seen.setdefault(key, phrase)
        if first is phrase:
            continue
        problems.append(Problem(phrase.where, _conflict_message(first, phrase)))
    return problems


def _conflict_key(phrase: _Phrase) -> str | None:
    """Phrases with equal keys collide; a variant differing from its preferred form only in case is exact."""
    key = word_key(phrase.text)
    if key is None:
        return None
    if not phrase.is_preferred and key == word_key(phrase.term.preferred):
        return f"exact:{word_key(phrase.text, fold_keep_case)}"
    return key


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
