"""House rules written in YAML (`rules:` in a glossary file): read, checked and made into rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from ..model import Location, Problem, Safety
from ..regexbudget import MAX_REPEAT_PRODUCT, repeat_product
from ..yamlread import Fields, YamlList, YamlMap
from .base import Context, Rule, RuleExample, example_failure, regex_rule

RULE_KEYS = ("id", "reason", "pattern", "replacement", "message", "safety", "scope", "examples")
RULE_EXAMPLE_KEYS = ("from", "to", "match", "no_match")
RULE_ID = regex.compile(r"[A-Z][A-Z0-9_-]{1,15}")
SCOPES = ("document", "line")
RULE_TIMEOUT = 1.0  # seconds a house rule's pattern may run on one text before it is stopped


class RuleReader:
    """Reads one house rule at a time, reporting problems through `fields`."""

    def __init__(self, fields: Fields) -> None:
        self.fields = fields

    def read(self, data: YamlMap) -> list[tuple[Rule, Location]]:
        """The house rules listed under a parsed file's `rules:`, each with where it is written."""
        rules = []
        for index, node in self.fields.items(data, "rules"):
            where = self.fields.item_at(data["rules"], index)
            rule = self.rule(node, where)
            if rule is not None:
                rules.append((rule, where))
        return rules

    def rule(self, node: object, where: Location) -> Rule | None:
        """A house rule: id, pattern, replacement (a fix) or message (a flag), safety, scope, examples."""
        if not isinstance(node, YamlMap) or "id" not in node or "pattern" not in node:
            self.fields.problem(where, "a rule needs at least “id:” and “pattern:”")
            return None
        self.fields.unknown_keys(node, RULE_KEYS, "rule key")
        fields = {key: node.get(key) for key in RULE_KEYS}
        rule_id = fields["id"]
        if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
            self.fields.problem(self.fields.value_at(node, "id"), "a rule id is capitals and digits, like WEB001")
            return None
        texts_ok = all(
            self.fields.is_text(
                fields[key], self.fields.value_at(node, key), f"{rule_id}: “{key}”", allow_empty=key == "replacement"
            )
            for key in ("pattern", "replacement", "message", "reason")
            if key in node
        )
        pattern = self._pattern(node, rule_id) if texts_ok else None
        fixes = "replacement" in node
        if fixes == ("message" in node):
            self.fields.problem(where, f"rule {rule_id}: give either “replacement:” (a fix) or “message:” (a flag)")
            return None
        safety = self._choice(node, "safety", [s.value for s in Safety], "safe" if fixes else "flag", rule_id)
        scope = self._choice(node, "scope", SCOPES, "document", rule_id)
        if pattern is None or safety is None or scope is None:
            return None
        if fixes == (safety == "flag"):
            self.fields.problem(
                self.fields.value_at(node, "safety"),
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
            defined_in=f"{where}",
        )

    def _pattern(self, node: YamlMap, rule_id: str) -> regex.Pattern | None:
        size = repeat_product(str(node["pattern"]))
        if size > MAX_REPEAT_PRODUCT:
            where = self.fields.value_at(node, "pattern")
            self.fields.problem(
                where,
                f"rule {rule_id}: the pattern's nested repeats ask for {size:,} copies (the limit is "
                f"{MAX_REPEAT_PRODUCT:,}); simplify the regex",
            )
            return None
        try:
            return regex.compile(node["pattern"])
        except regex.error as error:
            where = self.fields.value_at(node, "pattern")
            self.fields.problem(
                where, f"rule {rule_id}: bad pattern: {error.msg} at position {error.pos}; correct the regex"
            )
            return None

    def _replacement_ok(self, node: YamlMap, pattern: regex.Pattern, rule_id: str) -> bool:
        template = str(node["replacement"])
        for name in regex.findall(r"\\g<(\w+)>|\\(\d+)", template):
            group = name[0] or name[1]
            known = int(group) <= pattern.groups if group.isdigit() else group in pattern.groupindex
            if not known:
                self.fields.problem(
                    self.fields.value_at(node, "replacement"),
                    f"rule {rule_id}: the replacement names group {group}, which the pattern does not have",
                )
                return False
        try:
            pattern.sub(template, " ")  # parses the template (an empty text would skip it)
        except (regex.error, IndexError) as error:
            message = (
                f"rule {rule_id}: bad replacement: {error}; write groups as \\g<name> or \\1 and a backslash as \\\\"
            )
            self.fields.problem(self.fields.value_at(node, "replacement"), message)
            return False
        return True

    def _choice(self, node: YamlMap, key: str, allowed: Sequence[str], default: str, rule_id: str) -> str | None:
        value = node.get(key, default)
        if value not in allowed:
            self.fields.problem(
                self.fields.value_at(node, key), f"rule {rule_id}: “{key}” must be one of " + ", ".join(allowed)
            )
            return None
        return value

    def _rule_examples(self, node: YamlMap, rule_id: str) -> list[RuleExample]:
        seq = node.get("examples")
        if seq is None:
            return []
        if not isinstance(seq, YamlList):
            self.fields.problem(self.fields.value_at(node, "examples"), f"rule {rule_id}: “examples” must be a list")
            return []
        examples = []
        for index, item in enumerate(seq):
            where = self.fields.item_at(seq, index)
            kinds = [k for k in ("from", "match", "no_match") if isinstance(item, YamlMap) and k in item]
            if len(kinds) != 1 or (kinds == ["from"]) != ("to" in item):
                self.fields.problem(
                    where, f"rule {rule_id}: an example is {{from: …, to: …}}, {{match: …}} or {{no_match: …}}"
                )
                continue
            self.fields.unknown_keys(item, RULE_EXAMPLE_KEYS, "example key")
            texts = [item[k] for k in (kinds[0], "to") if k in item]
            if all(self.fields.is_text(t, where, "an example", allow_empty=True) for t in texts):
                after = str(item["to"]) if "to" in item else None
                examples.append(RuleExample(str(item[kinds[0]]), after, kinds[0] == "match"))
        return examples


def duplicate_rule_ids(rules: Sequence[tuple[Rule, Location]], reserved: Iterable[str]) -> list[Problem]:
    problems, seen = [], set(reserved)
    for rule, where in rules:
        if rule.id in seen:
            problems.append(Problem(where, f"rule id {rule.id} is already taken; choose another id"))
        seen.add(rule.id)
    return problems


def failing_rule_examples(rules: Sequence[tuple[Rule, Location]]) -> list[Problem]:
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
