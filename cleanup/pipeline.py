"""The per-document step: a pure function from a document and settings to an outcome."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from .checkers import DEFAULT_HEADINGS, Checker
from .checkers.worth import worth_reading
from .decisions import match
from .fix import EditFinder, OriginalOffsets, Window, fix, inside
from .glossary.loader import Glossary
from .glossary.names import NAME_RULE, SPELLING_CATEGORIES, respellable, sort_spelling_flags
from .glossary.reading import GLOSSARY_CATEGORY
from .glossary.rereading import carried_over
from .glossary.suggestions import keep_glossary_forms
from .model import (
    Change,
    Decision,
    Document,
    Edit,
    Flag,
    LineIndex,
    Location,
    Outcome,
    Problem,
    ProtectedSpan,
    Safety,
    SourcePair,
    SpanSet,
)
from .protect import Directives, directives, is_ignored, is_protected
from .rules.base import Context, Rule
from .rules.registry import ALL_RULES
from .rules.repetition import doubled_words
from .source import SOURCE_RULES
from .words.keys import fold
from .words.paragraphs import paragraphs
from .words.quotations import CURLY_QUOTE, paired_straight_quotes, quotation_spans

T = TypeVar("T")
HELD = "not made: the translation is marked final; change it in the translation tool if it is wrong"


@dataclass(frozen=True)
class Settings:
    """Everything that decides what the pipeline does to a document."""

    glossary: Glossary
    rules: tuple[Rule, ...] = ALL_RULES
    select: tuple[str, ...] = ()  # rule id prefixes to run (empty: all)
    ignore: tuple[str, ...] = ()  # rule id prefixes never to run
    unsafe_fixes: bool = False
    quotations: str = "normalize"  # glossary inside quotations: "normalize" or "keep"
    arabic_article: str = "lower-inside"  # or "capital"
    headings: str = DEFAULT_HEADINGS  # the house's heading case: "any", "sentence" or "title"
    every_name: bool = False  # a name note on every unknown name, not only on those spelled like another
    checker: Checker | None = None  # grammar and spelling; None: no grammar checking
    apply_suggestions: tuple[str, ...] = ()  # flag categories whose single suggestion is applied (unsafe)

    def enabled(self, rule_id: str, disabled: Iterable[str] = ()) -> bool:
        """Whether a rule id passes `select`, `ignore` and a document's own `disable` list (by prefix)."""
        if self.select and not any(rule_id.startswith(p) for p in self.select):
            return False
        return not any(rule_id.startswith(p) for p in (*self.ignore, *disabled))


@dataclass
class _Run:
    """One document's run: its settings, and what each text says of itself, read when first asked for."""

    settings: Settings
    markdown: bool
    context: Context
    problems: list[Problem] = field(default_factory=list)
    # The original's and the latest text's directives and quotations: each text is read at most once.
    _directives: list[tuple[str, Directives]] = field(default_factory=list)
    _quotations: list[tuple[str, list[tuple[int, int]]]] = field(default_factory=list)
    _glossary: list[tuple[str, list[Edit]]] = field(default_factory=list)
    _matches: list[tuple[str, list[Edit]]] = field(default_factory=list)  # the matcher's, before the directives

    def directives(self, text: str) -> Directives:
        return _read_once(self._directives, text, lambda: directives(text, self.markdown))

    def allows(self, text: str, rule: str, start: int, end: int) -> bool:
        """Whether a finding of `rule` at [start, end) may stand: not protected, ignored or disabled."""
        found = self.directives(text)
        return (
            self.settings.enabled(rule, found.disable)
            and not is_protected(found, start, end)
            and not is_ignored(found, rule, start)
        )

    def glossary_edits(self, text: str, windows: Sequence[Window] = ()) -> list[Edit]:
        """The glossary's edits of `text` (the fix loop's last pass and the suggestions ask for the same text);
        after a pass that changed only the `windows`, the last reading is carried over and they are read again."""
        return _read_once(self._glossary, text, lambda: list(_glossary_edits(self, text, self._match(text, windows))))

    def _match(self, text: str, windows: Sequence[Window]) -> list[Edit]:
        """The matcher's edits of `text` (before the directives): carried over from a reading kept, if it can be."""
        return _read_once(self._matches, text, lambda: self._read_matches(text, windows))

    def _read_matches(self, text: str, windows: Sequence[Window]) -> list[Edit]:
        """A kept reading carried over to `text` where one can be (see `carried_over`), else a fresh one."""
        matcher = self.settings.glossary.matcher
        for before, read in reversed(self._matches) if windows else ():
            found = carried_over(matcher, before, read, text, windows)
            if found is not None:
                return found
        return list(matcher.edits(text))

    def in_quotation(self, text: str, start: int, end: int) -> bool:
        """Whether [start, end) of `text` lies inside one quotation (sorted, never overlapping)."""
        quotations = _read_once(self._quotations, text, lambda: sorted(quotation_spans(text, self.markdown)))
        index = bisect.bisect_right(quotations, (start, float("inf"))) - 1
        return index >= 0 and end <= quotations[index][1]


def _read_once(readings: list[tuple[str, T]], text: str, read: Callable[[], T]) -> T:
    """What `read` finds in `text`, kept for the original (asked for again at the end) and the latest text."""
    for seen, found in readings:
        if seen is text:
            return found
    found = read()
    readings[1:] = [(text, found)]
    return found


def process(
    document: Document, settings: Settings, decisions: Sequence[Decision] = (), source: Document | None = None
) -> Outcome:
    """Normalize `document` and return the corrected text, every change explained, and the flags.
    Changes an editor rejected in `decisions` are left out; accepted ones are marked. With the Arabic
    `source` text, the translation is also checked against it (SRC flags). A Markdown document (as its
    reader marks it) is read as Markdown: its code and links protected, its blocks its paragraphs."""
    run = _Run(settings, document.markdown, rule_context(settings, document.markdown))
    # An editor's accept can make a glossary suggestion: then suggestions are tried, and kept only if accepted.
    trying = not settings.unsafe_fixes and any(_about_glossary(d) and d.verdict == "accept" for d in decisions)
    finders: list[EditFinder] = [_glossary_finder(run, trying), *_rule_finders(run)]
    if settings.apply_suggestions:
        finders.append(_suggestion_finder(run))
    protected = [(span.start, span.end) for span in (*document.protected, *document.held)]
    result = fix(document.text, finders, vetoed=protected, boundaries=document.boundaries)
    matched, stale = match(decisions, document.text, result.changes)
    rejected = [(result.changes[i], d) for i, d in matched.items() if d.verdict == "reject"]
    unaccepted = [c for i, c in enumerate(result.changes) if _suggested(c) and i not in matched] if trying else []
    if rejected or unaccepted:
        vetoes = [(c.start, c.end) for c in (*(c for c, _ in rejected), *unaccepted)]
        result = fix(document.text, finders, vetoed=protected + vetoes, boundaries=document.boundaries)
        matched, _ = match([d for d in decisions if d.verdict == "accept"], document.text, result.changes)
    house = [*_glossary_suggestions(run, result.text), *_flags(run, result.text)]
    pairs: list[SourcePair] = []  # aligned once: the SRC checks read these pairs, the outputs show them
    if source is not None:
        pairs = _source_pairs(source.text, result.text)
        house += _source_flags(run, result.text, source.text, pairs)
    found = house + _grammar_flags(run, result.text, house)
    dialect = settings.checker.variety(result.text) if settings.checker else ""
    offsets = OriginalOffsets(result.changes)
    flags = _outside(document.protected, (offsets.flag(flag) for flag in found))
    if document.held:
        flags += _held_flags(document, finders)
    run.problems.extend(run.directives(document.text).problems)
    run.problems.extend(_unknown_disabled(settings, run.directives(document.text).disable, document.text))
    return Outcome(
        document,
        result.text,
        result.changes,
        tuple(sorted(flags, key=_flag_order)),
        tuple(run.problems),
        accepted=frozenset(i for i, d in matched.items() if d.verdict == "accept"),
        rejected=tuple(d for _, d in rejected),
        stale=tuple(stale),
        source=source,
        alignment=tuple(offsets.pair(pair) for pair in pairs),
        dialect=dialect,
    )


def _outside(protected: Sequence[ProtectedSpan], flags: Iterable[Flag]) -> list[Flag]:
    """The flags not wholly inside protected text (code, a field): nothing there may change, so nothing is asked.
    A one-character atom (an equation, a shape) is not text: a flag on it is about its place (a paragraph's end)."""
    spans = sorted((span.start, span.end) for span in protected if span.end - span.start > 1)
    starts = [start for start, _ in spans]

    def inside(flag: Flag) -> bool:
        index = bisect.bisect_right(starts, flag.start) - 1
        return index >= 0 and flag.start < flag.end <= spans[index][1]

    return [flag for flag in flags if not inside(flag)]


def names_a_rule(prefix: str, rules: Sequence[Rule], glossary: Glossary) -> bool:
    """Whether some rule id starts with `prefix`; a grammar checker's ids (`HP:…`, `LT:…`) are known only
    to the checker and always pass."""
    if prefix.startswith(("HP:", "LT:")) or prefix in ("HP", "LT"):
        return True
    if any(rule_id.startswith(prefix) for rule_id in SOURCE_RULES):
        return True
    known = (*(rule.id for rule in rules), *(term.rule for term in glossary.terms), "GL", NAME_RULE)
    return any(rule_id.startswith(prefix) for rule_id in known)


def _unknown_disabled(settings: Settings, disabled: Sequence[str], text: str) -> list[Problem]:
    """A problem for each id a document's front matter turns off that no rule id starts with (a typo
    would silently leave the rule on)."""
    unknown = [prefix for prefix in disabled if not names_a_rule(prefix, settings.rules, settings.glossary)]
    if not unknown:
        return []
    lines = LineIndex(text)
    return [
        Problem(
            Location("", *lines.position(max(text.find(prefix), 0))),
            f"front matter “disable: {prefix}”: no rule id starts with it; `cleanup rules` lists them",
        )
        for prefix in unknown
    ]


def rule_context(settings: Settings, markdown: bool) -> Context:
    """What the rules read of the settings and the glossary (made once per glossary, not per document)."""
    glossary = settings.glossary
    return Context(
        markdown=markdown,
        known_forms=glossary.preferred_forms,
        normalized_forms=glossary.normalized_forms,
        articles=glossary.articles,
        arabic_article=settings.arabic_article,
        headings=settings.headings,
        form_words=settings.glossary.spelling_words,
    )


def _glossary_finder(run: _Run, suggestions: bool = False) -> _GlossaryFinder:
    """The glossary's changes: its safe ones, and its suggestions too with --unsafe-fixes (or when asked)."""
    applied = {Safety.SAFE, Safety.UNSAFE} if run.settings.unsafe_fixes or suggestions else {Safety.SAFE}
    return _GlossaryFinder(run, frozenset(applied))


@dataclass(frozen=True)
class _GlossaryFinder:
    """The glossary's edits of the whole text, or of the paragraphs the last pass changed (the rest of the
    text read as it was read before the pass)."""

    run: _Run
    applied: frozenset[Safety]

    def __call__(self, text: str) -> Iterator[Edit]:
        return (edit for edit in self.run.glossary_edits(text) if edit.safety in self.applied)

    def within(self, text: str, windows: Sequence[Window]) -> Iterator[Edit]:
        return (edit for edit in inside(self.run.glossary_edits(text, windows), windows) if edit.safety in self.applied)


def _about_glossary(decision: Decision) -> bool:
    return decision.first_rule.startswith("GL:")


def _suggested(change: Change) -> bool:
    """Whether a change was started by a glossary suggestion (made only when an editor accepts it)."""
    first = change.steps[0]
    return first.safety is Safety.UNSAFE and first.rule.startswith("GL:")


def _glossary_suggestions(run: _Run, text: str) -> Iterator[Flag]:
    """The glossary's suggestions left in the corrected text, as flags offering the preferred form."""
    if run.settings.unsafe_fixes:
        return
    for edit in run.glossary_edits(text):
        if edit.safety is Safety.UNSAFE:
            yield _unsafe_as_flag(edit, "not applied: accept it in review, or use --unsafe-fixes", GLOSSARY_CATEGORY)


def _glossary_edits(run: _Run, text: str, matches: Iterable[Edit]) -> Iterator[Edit]:
    """The glossary's edits the document allows, safe and suggested, of the matcher's `matches`."""
    allowed: set[str] | None = None  # read at the first edit: a pass that finds none reads nothing
    for edit in matches:
        if allowed is None:
            allowed = {fold(variant) for variant in run.directives(text).allow}
        if not run.allows(text, edit.rule, edit.start, edit.end) or fold(text[edit.start : edit.end]) in allowed:
            continue
        if edit.safety is Safety.SAFE and run.in_quotation(text, edit.start, edit.end):
            if run.settings.quotations == "keep":
                continue
            edit = replace(edit, quoted=True)
        yield edit


def _rule_finders(run: _Run) -> list[EditFinder]:
    applied = {Safety.SAFE, Safety.UNSAFE} if run.settings.unsafe_fixes else {Safety.SAFE}
    return [_rule_finder(run, rule) for rule in run.settings.rules if rule.safety in applied]


def _rule_finder(run: _Run, rule: Rule) -> EditFinder:
    if rule.local:
        return _LocalRuleFinder(run, rule)

    def finder(text: str) -> Iterator[Edit]:
        for finding in _findings(run, rule, text):
            if isinstance(finding, Edit):
                yield finding

    return finder


@dataclass(frozen=True)
class _LocalRuleFinder:
    """The edits of a rule whose findings in a paragraph depend on that paragraph alone: of the whole text,
    or of the paragraphs the fix loop asks about again."""

    run: _Run
    rule: Rule

    def __call__(self, text: str) -> Iterator[Edit]:
        for finding in _findings(self.run, self.rule, text):
            if isinstance(finding, Edit):
                yield finding

    def within(self, text: str, windows: Sequence[Window]) -> Iterator[Edit]:
        if not self.run.settings.enabled(self.rule.id):
            return
        for window in windows:
            shift = window.context
            for found in self.rule.findings(text[shift : window.end], self.run.context):
                if isinstance(found, Edit) and window.start <= found.start + shift < window.end:
                    edit = replace(found, start=found.start + shift, end=found.end + shift)
                    if self.run.allows(text, edit.rule, edit.start, edit.end):
                        yield edit


def _flags(run: _Run, text: str) -> Iterator[Flag]:
    """Flag rules' findings, and unsafe fixes that were not applied, on the corrected text."""
    for rule in run.settings.rules:
        if rule.safety is Safety.FLAG or (rule.safety is Safety.UNSAFE and not run.settings.unsafe_fixes):
            for finding in _findings(run, rule, text):
                yield finding if isinstance(finding, Flag) else _unsafe_as_flag(finding)


def _source_pairs(source: str, text: str) -> list[SourcePair]:
    """The source's paragraphs paired with the corrected text's: the text the SRC checks read, as the
    translation will stand (a fixed number is compared, not the one it replaced)."""
    from .source.align import pair_texts  # only a run with a source reads one

    return pair_texts(source, text)


def _source_flags(run: _Run, text: str, source: str, pairs: Sequence[SourcePair]) -> list[Flag]:
    """The checks against the source that are enabled and not protected or ignored where they fall."""
    from .source.checks import source_flags

    found = source_flags(text, source, pairs, run.settings.glossary.terms)
    return [flag for flag in found if run.allows(text, flag.rule, flag.start, flag.end)]


def _grammar_flags(run: _Run, text: str, house: Sequence[Flag], once: bool = True) -> list[Flag]:
    """The checker's flags the document allows, less those a house rule already raised at the same place;
    `once`: a misspelling flagged at its first place only (not when its suggestions are to be applied)."""
    checker = run.settings.checker
    if checker is None:
        return []
    found = checker.check(text, paragraphs(text, run.markdown), run.markdown)
    dictionary = getattr(checker, "dictionary_words", None)
    found = sort_spelling_flags(
        found, text, run.settings.glossary.spelling_words, dictionary, every_name=run.settings.every_name
    )
    found = keep_glossary_forms(found, text, run.settings.glossary.forms)
    raised = SpanSet((h.start, h.end) for h in house)
    judged = _judged_by_house(run, text)
    allowed = [
        flag
        for flag in found
        if run.allows(text, flag.rule, flag.start, flag.end)
        and not raised.overlaps(flag.start, flag.end)
        and (flag.start, flag.end) not in judged
    ]
    return worth_reading(allowed, text, once)


def _judged_by_house(run: _Run, text: str) -> set[tuple[int, int]]:
    """Spans a house rule judges with more than a checker sees, so a checker's flag on exactly one of them
    is dropped: doubled words (RW001/RW002 tell a slip from `had had` by word class), curly double
    quotes (QU003 pairs them across paragraphs and lines, where a checker sees one paragraph), and straight
    ones that pair up over adjacent lines."""
    judged: set[tuple[int, int]] = set()
    if run.settings.enabled("RW002"):
        judged.update(match.span() for match in doubled_words(text))
    if run.settings.enabled("QU003"):
        judged.update(match.span() for match in CURLY_QUOTE.finditer(text))
        judged.update(paired_straight_quotes(text))
    return judged


def _suggestion_finder(run: _Run) -> Callable[[str], Iterator[Edit]]:
    """Flags of the chosen categories that have exactly one suggestion, as unsafe edits."""
    wanted = {category.lower() for category in run.settings.apply_suggestions}

    def finder(text: str) -> Iterator[Edit]:
        house = [
            f
            for rule in run.settings.rules
            if rule.safety is Safety.FLAG
            for f in _findings(run, rule, text)
            if isinstance(f, Flag)
        ]
        suggested = list(_glossary_suggestions(run, text)) if GLOSSARY_CATEGORY in wanted else []
        for flag in suggested + house + _grammar_flags(run, text, house, once=False):
            if flag.category.lower() not in wanted or len(flag.suggestions) != 1:
                continue
            if flag.category in SPELLING_CATEGORIES and (
                run.in_quotation(text, flag.start, flag.end) or not respellable(text[flag.start : flag.end])
            ):
                continue  # a speaker's words, a slogan, a capitalised word that may be a name: never respelled
            yield Edit(flag.start, flag.end, flag.suggestions[0], flag.rule, flag.message, Safety.UNSAFE)

    return finder


def _findings(run: _Run, rule: Rule, text: str) -> list[Edit | Flag]:
    """A rule's findings that the document allows; a rule that times out is reported and skipped."""
    if not run.settings.enabled(rule.id):
        return []
    try:
        found = list(rule.findings(text, run.context))
    except TimeoutError:
        problem = Problem(
            Location(""), f"rule {rule.id} ({rule.defined_in}): pattern ran too long and was stopped; simplify it"
        )
        if problem not in run.problems:
            run.problems.append(problem)
        return []
    return [f for f in found if run.allows(text, f.rule, f.start, f.end)]


def _held_flags(document: Document, finders: Sequence[EditFinder]) -> list[Flag]:
    """The fixes that text its author closed (a translation marked final) would get, as flags: never made."""
    held = sorted((span.start, span.end) for span in document.held)
    starts = [start for start, _ in held]
    free = fix(document.text, finders, vetoed=[(span.start, span.end) for span in document.protected])
    flags = []
    for change in free.changes:
        index = bisect.bisect_right(starts, change.start) - 1
        if index >= 0 and change.end <= held[index][1]:
            new = free.text[change.new_start : change.new_end]
            flags.append(Flag(change.start, change.end, change.rule, f"{change.reason} ({HELD})", (new,)))
    return flags


def _unsafe_as_flag(edit: Edit, how: str = "unsafe fix: apply with --unsafe-fixes", category: str = "house") -> Flag:
    """An edit not applied, as a flag offering it: its reason, and how to apply it."""
    return Flag(edit.start, edit.end, edit.rule, f"{edit.reason} ({how})", (edit.replacement,), category)


def _flag_order(flag: Flag) -> tuple:
    return (flag.start, flag.end, flag.rule)
