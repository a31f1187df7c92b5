"""Safe, fast YAML reading that remembers where every key, value and item was written.

Plain files are read by yamlplain without the YAML library; the rest by the C (libyaml) event parser
of ruamel.yaml when it is installed: the events are turned into plain dicts, lists and scalars without
recursion, so nesting depth is checked before it can hurt, no tag is ever constructed and aliases are
refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from .gcpause import paused_garbage_collection
from .lazyregex import lazy_compile
from .model import Location, Problem
from .words.nearest import nearest
from .yamlnodes import Positions, YamlList, YamlMap, YamlProblem, plain_scalar
from .yamlplain import NOT_PLAIN, read_plain

MAX_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 32
_STANDARD_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}


class YamlSyntaxError(Exception):
    """A YAML syntax error found by ruamel.yaml (`error`), which is imported only when a file needs it."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def load_yaml(text: str) -> object:
    """The one document in `text` as YamlMap, YamlList and scalars; None when empty.

    Raises YamlProblem for what is refused (size, depth, aliases, tags, duplicate keys, several
    documents) and YamlSyntaxError for syntax errors.
    """
    if len(text) > MAX_BYTES:
        raise YamlProblem(
            0,
            0,
            f"the file is too large ({_size(len(text))}; the limit is {_size(MAX_BYTES)}); split it",
        )
    with paused_garbage_collection():
        plain = read_plain(text)
        return _load_any(text) if plain is NOT_PLAIN else plain


def _load_any(text: str) -> object:
    """Any YAML document, read from ruamel.yaml's events."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.reader import ReaderError

    builder = _Builder()
    try:
        for event in YAML(typ="safe", pure=False).parse(text):
            builder.add(event)
    except ReaderError as error:
        line = text.count("\n", 0, error.position)
        column = error.position - (text.rfind("\n", 0, error.position) + 1)
        raise YamlProblem(
            line,
            column,
            f"control character U+{error.character:04X} is not allowed in YAML; remove it, or write it as "
            f'"\\u{error.character:04x}" inside double quotes',
        ) from None
    except YAMLError as error:
        raise YamlSyntaxError(error) from error
    return builder.result


class _Builder:
    """Turns parser events into containers, keeping a stack instead of recursing."""

    def __init__(self) -> None:
        from ruamel.yaml import events

        self.stack: list[list] = []  # [container, is a list, pending key or None]
        self.result: object = None
        self.documents = 0
        self._actions = {
            events.ScalarEvent: self._scalar_event,
            events.MappingStartEvent: lambda event: self._open(event, YamlMap()),
            events.SequenceStartEvent: lambda event: self._open(event, YamlList()),
            events.MappingEndEvent: self._close,
            events.SequenceEndEvent: self._close,
            events.AliasEvent: self._alias,
            events.DocumentStartEvent: self._document,
        }

    def add(self, event) -> None:
        action = self._actions.get(type(event))
        if action is not None:
            action(event)

    def _scalar_event(self, event) -> None:
        if event.tag is not None:
            self._check_tag(event)
        self._place(_scalar(event), event.start_mark)

    def _close(self, event) -> None:
        self.stack.pop()

    @staticmethod
    def _alias(event) -> None:
        mark = event.start_mark
        raise YamlProblem(mark.line, mark.column, "aliases (*name) are not allowed here; write the value out")

    def _document(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            mark = event.start_mark
            raise YamlProblem(mark.line, mark.column, "only one YAML document per file; remove the second “---”")

    def _open(self, event, container: YamlMap | YamlList) -> None:
        mark = event.start_mark
        self._check_tag(event)
        container.lc = Positions(mark.line, mark.column)
        self._place(container, mark)
        if len(self.stack) >= MAX_DEPTH:
            raise YamlProblem(mark.line, mark.column, f"nested more than {MAX_DEPTH} levels deep; flatten it")
        self.stack.append([container, isinstance(container, YamlList), None])

    def _place(self, value: object, mark) -> None:
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        container = top[0]
        if top[1]:  # a list
            container.append(value)
            container.lc._items.append((mark.line, mark.column))
        elif top[2] is None:
            self._new_key(container, value, mark)
            top[2] = (value,)
        else:
            key = top[2][0]
            container[key] = value
            container.lc._values[key] = (mark.line, mark.column)
            top[2] = None

    @staticmethod
    def _new_key(container: YamlMap, key: object, mark) -> None:
        if isinstance(key, (YamlMap, YamlList)):
            raise YamlProblem(mark.line, mark.column, "a key must be a plain value, not a mapping or list")
        if key in container.lc._keys:
            line = container.lc._keys[key][0] + 1
            raise YamlProblem(mark.line, mark.column, f"duplicate key “{key}” (first on line {line}); keep one")
        container.lc._keys[key] = (mark.line, mark.column)

    @staticmethod
    def _check_tag(event) -> None:
        tag = event.tag
        if tag is not None and str(tag) not in _STANDARD_TAGS and str(tag) != "!":
            mark = event.start_mark
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise YamlProblem(mark.line, mark.column, f"tags such as “{shown}” are not allowed; remove the tag")


def _scalar(event) -> object:
    """A scalar's value: plain scalars follow the YAML 1.2 core schema, quoted ones are strings."""
    value = event.value
    tag = None if event.tag is None else str(event.tag)
    if tag in ("tag:yaml.org,2002:str", "!") or event.style not in (None, ""):
        return value
    mark = event.start_mark
    return plain_scalar(value, mark.line, mark.column)


_KEY_LINE = lazy_compile(r"([ ]*)(?:-[ ]+)?([^\s:#][^:#]*?):(?:\s|$)")


def syntax_advice(text: str, line: int, column: int) -> str:
    """What to do about a YAML syntax error at (0-based) `line`, `column`: the usual cause is
    indentation, so name the key to align with; else the generic advice."""
    lines = text.splitlines()
    if line >= len(lines):
        return "correct the YAML"
    here = lines[line]
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "\t" in indent or "\t" in here[max(column - 1, 0) : column + 1]:
        return "YAML indents with spaces, never tabs: replace the tab with spaces"
    key = _KEY_LINE.match(here)
    for number in range(line - 1, -1, -1):
        previous = _KEY_LINE.match(lines[number])
        if previous is None or not lines[number].strip() or lines[number].lstrip().startswith("#"):
            continue
        column_before = previous.start(2)
        if key and key.start(2) != column_before:
            return (
                f"“{key[2]}:” is indented differently from “{previous[2]}:” on line {number + 1}: "
                f"align it with “{previous[2]}” (column {column_before + 1})"
            )
        break
    return "correct the YAML"


def _size(characters: int) -> str:
    """A size a person reads at a glance: `33 MB`, `2.0 kB`."""
    return f"{characters / (1 << 20):.0f} MB" if characters >= 1 << 20 else f"{characters / 1024:.1f} kB"


YAML_ERRORS = (YamlProblem, YamlSyntaxError)  # what load_yaml raises for input it cannot or will not read


def yaml_problem(error: Exception, path: str, text: str, lines_before: int = 0, subject: str = "") -> Problem:
    """The one problem a YAML error is, at the line and column it names (`lines_before`: lines of
    the file above the YAML's first line), with what to do; `subject` names the YAML ("front matter")."""
    if isinstance(error, YamlSyntaxError):
        error = error.error
    if isinstance(error, YamlProblem):
        return Problem(Location(path, error.line + 1 + lines_before, error.column + 1), f"{subject}{error.message}")
    from ruamel.yaml.error import MarkedYAMLError  # only a syntax error comes here: ruamel read the file

    mark = (error.problem_mark or error.context_mark) if isinstance(error, MarkedYAMLError) else None
    if mark is None or not isinstance(error, MarkedYAMLError):
        return Problem(Location(path, 1 + lines_before, 1), f"{subject}YAML error: {error}; correct the YAML")
    problem = error.problem or error.context
    advice = syntax_advice(text, mark.line, mark.column)
    return Problem(
        Location(path, mark.line + 1 + lines_before, mark.column + 1),
        f"{subject}YAML syntax error: {problem}; {advice}",
    )


class Fields:
    """Reading parsed YAML with positions: problems at file:line:column, type checks, unknown keys
    with a "did you mean" (for glossaries, house rules and the like)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def items(self, data: YamlMap, key: str) -> list[tuple[int, object]]:
        if key not in data:
            return []
        node = data[key]
        if not isinstance(node, YamlList):
            self.problem(self.value_at(data, key), f"“{key}” must be a list")
            return []
        return list(enumerate(node))

    def is_text(self, value: object, where: Location, what: str, allow_empty: bool = False) -> bool:
        if not isinstance(value, str):
            self.problem(where, f"{what} must be a string; put it in quotes")
            return False
        if not allow_empty and not value.strip():
            self.problem(where, f"{what} must not be empty")
            return False
        return True

    def unknown_keys(self, node: YamlMap, allowed: Sequence[str], what: str, inside: str = "") -> bool:
        """Report each key of `node` not in `allowed` (`inside`: " in a decision"); whether there was one."""
        unknown = [key for key in node if key not in allowed]
        for key in unknown:
            close = nearest(str(key), allowed)
            hint = f"did you mean “{close}”?" if close else "allowed: " + ", ".join(allowed)
            self.problem(self.key_at(node, key), f"unknown {what} “{key}”{inside}; {hint}")
        return bool(unknown)

    def key_at(self, node: YamlMap, key: object) -> Location:
        line, column = node.lc.key(key)
        return Location(self.path, line + 1, column + 1)

    def value_at(self, node: YamlMap, key: object) -> Location:
        if key not in node:
            return Location(self.path, node.lc.line + 1, node.lc.col + 1)
        line, column = node.lc.value(key)
        return Location(self.path, line + 1, column + 1)

    def item_at(self, node: YamlList, index: int) -> Location:
        line, column = node.lc.item(index)
        return Location(self.path, line + 1, column + 1)

    def problem(self, where: Location, message: str) -> None:
        self.problems.append(Problem(where, message))
