"""The review page: one self-contained HTML file where an editor accepts or rejects each change."""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import regex

from ..decisions import context, span_context
from ..glossary.names import NAME_RULE
from ..glossary.reading import GLOSSARY_CATEGORY
from ..model import Change, Decision, Flag, Outcome, Safety
from ..textio import byte_order_mark, bytes_by_character, encode
from .findings import one_line
from .jsonstream import json_pieces
from .review_assets import SCRIPT, STYLE


def _escape(text: str) -> str:
    """`html.escape(text)`, the same five replacements: the `html` package loads its table of 2,000 named
    references (html.entities) at every start, for nothing a review page needs."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


_LINE_BREAK = regex.compile(r"[\r\n]")


@dataclass(frozen=True)
class Served:
    """A review page a server sends: its stylesheet and scripts linked, never inline (for a strict
    Content-Security-Policy), and what its scripts read from `<meta>` elements."""

    stylesheets: Sequence[str]
    scripts: Sequence[str]
    meta: Mapping[str, str] = field(default_factory=dict)
    data: Mapping[str, object] = field(default_factory=dict)  # for the server's script: JSON, never run

    def head(self) -> str:
        links = (f'<link rel="stylesheet" href="{_escape(href)}">' for href in self.stylesheets)
        metas = (f'<meta name="{_escape(k)}" content="{_escape(v)}">' for k, v in self.meta.items())
        return "\n".join([*metas, *links])

    def tail(self) -> str:
        data = f'<script type="application/json" id="serve-data">{"".join(_json_for_script(dict(self.data)))}</script>'
        return "\n".join([data, *(f'<script src="{_escape(src)}"></script>' for src in self.scripts)])


def review_page(
    path: str,
    output: str,
    outcome: Outcome,
    notes: dict[str, str],
    names: Sequence[str] = (),
    served: Served | None = None,
) -> Iterator[str]:
    """The whole review page for one document, in pieces; `notes` are glossary notes by rule id,
    `names` the names this article's decisions already mark for the glossary; `served`: the page as a
    server sends it (else one self-contained file)."""
    name = path.rsplit("/", 1)[-1]
    data = {
        "input": path,
        "text_file": name,
        "decisions_name": f"{name}.decisions.yaml",
        "decisions_file": f"{output}.decisions.yaml",
        "original": outcome.original.text,
        "article_sha256": hashlib.sha256(encode(outcome.original, outcome.original.text)).hexdigest(),
        **_encoding_data(outcome),
        "changes": (_change_data(outcome, i, c) for i, c in enumerate(outcome.changes)),
        "kept": [_decision_data(d) for d in outcome.rejected],
        "suggestions": [_suggestion_data(outcome, flag) for flag in suggestions(outcome)],
        "names": sorted(names),
    }
    yield f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: {_escape(path)}</title>
{served.head() if served else f"<style>{STYLE}</style>"}
</head>
<body>
<header>
<h1>Review: {_escape(path)}</h1>
<p>{len(outcome.changes)} changes and {len(outcome.flags)} flags. Corrected edition: <code>{_escape(output)}</code>.
Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous change or flag, <kbd>a</kbd> accept, <kbd>r</kbd> reject.</p>
<div class="actions">
<button id="download-text">Download corrected text</button>
<button id="download-decisions">Download decisions</button>
<span id="progress">0 of {len(outcome.changes)} changes reviewed</span>
</div>
<dialog id="pending"><p><span id="pending-count"></span> still undecided.</p>
<button id="pending-accept">Download with them applied (as <code>cleanup fix</code> would)</button>
<button id="pending-reject">Download without them</button>
<button id="pending-cancel">Go back and decide</button></dialog>
<p class="legend"><span class="change glossary">glossary</span> <span class="change house">house rule</span>
<span class="change grammar">grammar suggestion applied</span> <mark class="flag">flagged, not changed</mark></p>
<p class="show">Show: {_show_boxes()}</p>
{_summary(outcome)}
{_kept_list(outcome.rejected)}
</header>
<main><article id="article">"""
    yield from _article(outcome, notes)
    yield "</article>"
    if outcome.source is not None:
        yield from _source_pairs(outcome, outcome.source.text)
    yield '</main>\n<script type="application/json" id="review-data">'
    yield from _json_for_script(data)
    yield f"""</script>
{served.tail() if served else f"<script>{SCRIPT}</script>"}
</body>
</html>
"""


def _encoding_data(outcome: Outcome) -> dict:
    """What the page needs to write the corrected text in the article's own bytes: its encoding, its
    byte-order mark and, beyond UTF-8, each character's bytes (None when that cannot be done)."""
    document = outcome.original
    afters = [outcome.corrected[c.new_start : c.new_end] for c in outcome.changes]
    table = None if document.encoding == "utf-8" else bytes_by_character(document, [document.text, *afters])
    return {
        "encoding": document.encoding,
        "bom": list(byte_order_mark(document)),
        "bytes_of": {char: list(data) for char, data in table.items()} if table else None,
    }


KINDS = (("glossary", "glossary"), ("house", "house rule"), ("grammar", "grammar"), ("name", "name"), ("flag", "flag"))


def _show_boxes() -> str:
    return " ".join(f'<label><input type="checkbox" value="{value}" checked> {label}</label>' for value, label in KINDS)


def flag_kind(flag: Flag) -> str:
    """name (a name the glossary does not know) or flag."""
    return "name" if flag.rule == NAME_RULE else "flag"


def kind(change: Change) -> str:
    """glossary, grammar (a suggestion applied on request) or house."""
    first = change.steps[0]
    if first.rule.startswith("GL:"):
        return "glossary"
    if first.safety is Safety.UNSAFE and first.rule.startswith(("HP:", "LT:", "GR")):
        return "grammar"
    return "house"


def _change_data(outcome: Outcome, index: int, change: Change) -> dict:
    original = outcome.original.text
    left, right = context(original, change)
    return {
        "start": change.start,
        "end": change.end,
        "before": original[change.start : change.end],
        "after": outcome.corrected[change.new_start : change.new_end],
        "rule": change.rule,
        "context_before": left,
        "context_after": right,
        "review": "accept" if index in outcome.accepted else None,
    }


def suggestions(outcome: Outcome) -> list[Flag]:
    """The glossary's suggestions, in text order: flags an editor can accept as a change."""
    return [f for f in sorted(outcome.flags, key=lambda f: (f.start, f.end)) if is_suggestion(f)]


def is_suggestion(flag: Flag) -> bool:
    """Whether a flag is a glossary suggestion with one preferred form to accept."""
    return flag.category == GLOSSARY_CATEGORY and len(flag.suggestions) == 1


def _suggestion_data(outcome: Outcome, flag: Flag) -> dict:
    original = outcome.original.text
    left, right = span_context(original, flag.start, flag.end)
    return {
        "start": flag.start,
        "end": flag.end,
        "before": original[flag.start : flag.end],
        "after": flag.suggestions[0],
        "rule": flag.rule,
        "context_before": left,
        "context_after": right,
    }


def _decision_data(decision: Decision) -> dict:
    return {
        "rule": decision.rule,
        "before": decision.before,
        "after": decision.after,
        "context_before": decision.context_before,
        "context_after": decision.context_after,
        "decision": decision.verdict,
    }


def _summary(outcome: Outcome) -> str:
    changes = Counter(c.rule for c in outcome.changes)
    flags = Counter(f.rule for f in outcome.flags)
    kinds = {c.rule: kind(c) for c in outcome.changes}
    rows = []
    for rule in sorted(set(changes) | set(flags), key=lambda r: (-changes[r], -flags[r], r)):
        buttons = (
            f'<span class="rule-actions"><button class="accept-rule" data-rule="{_escape(rule)}">Accept all</button> '
            f'<button class="reject-rule" data-rule="{_escape(rule)}">Reject all</button></span>'
            if changes[rule]
            else ""
        )
        rows.append(
            f"<tr><td>{_escape(rule)}</td><td>{kinds.get(rule, 'flag')}</td><td>{changes[rule]}</td>"
            f"<td>{flags[rule]}</td><td>{buttons}</td></tr>"
        )
    head = "<tr><th>Rule</th><th>Kind</th><th>Changes</th><th>Flags</th><th></th></tr>"
    # Folded by default: a long table would push the article below the fold.
    title = f"By rule: {len(changes)} rules changed the text, {len(flags)} flagged it (accept or reject a rule at once)"
    return (
        f'<details class="by-rule"><summary>{title}</summary><table class="summary"><thead>{head}</thead>'
        f"<tbody>{''.join(rows)}</tbody></table></details>\n"
    )


def _kept_list(rejected: Sequence[Decision]) -> str:
    if not rejected:
        return ""
    items = "".join(
        f"<li>{_escape(d.rule)}: “{_escape(d.before)}” stays (not “{_escape(d.after)}”)</li>" for d in rejected
    )
    return f"<p>Rejected earlier, and kept out of this edition:</p><ul>{items}</ul>"


def _article(outcome: Outcome, notes: dict[str, str]) -> Iterator[str]:
    """The original text with every change inline and every flag marked, in pieces."""
    original = outcome.original.text
    source = outcome.source.text if outcome.source is not None else ""
    cursor = 0
    flags = sorted(outcome.flags, key=lambda f: (f.start, f.end))
    starts = [flag.start for flag in flags]
    for index, change in enumerate(outcome.changes):
        yield _unchanged(original, cursor, change.start, flags, starts, source)
        yield _change_html(outcome, index, change, notes)
        cursor = change.end
    yield _unchanged(original, cursor, len(original), flags, starts, source)


def shown_flags(outcome: Outcome) -> list[Flag]:
    """The flags the page marks, in the order of its flag elements (one inside a change, or inside an
    earlier flag, is not marked)."""
    flags = sorted(outcome.flags, key=lambda f: (f.start, f.end))
    starts = [flag.start for flag in flags]
    gaps = zip(
        [0, *(c.end for c in outcome.changes)],
        [*(c.start for c in outcome.changes), len(outcome.original.text)],
        strict=True,
    )
    return [flag for start, end in gaps for flag, _ in _flags_in(flags, starts, start, end)]


def _flags_in(flags: Sequence[Flag], starts: list[int], start: int, end: int) -> Iterator[tuple[Flag, int]]:
    """The flags marked in unchanged text [start, end): each that begins there after the one before, and
    where its mark stops (at the end of that text at most)."""
    cursor = start
    for flag in flags[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
        if flag.start >= cursor:
            cursor = min(flag.end, end)
            yield flag, cursor


def _unchanged(original: str, start: int, end: int, flags: Sequence[Flag], starts: list[int], source: str = "") -> str:
    """Unchanged text, with the flags that begin in it highlighted (up to its end)."""
    out, cursor = [], start
    for flag, stop in _flags_in(flags, starts, start, end):
        out.append(_shown(original[cursor : flag.start]))
        out.append(_flag_html(flag, original[flag.start : stop], source))
        cursor = stop
    out.append(_shown(original[cursor:end]))
    return "".join(out)


def _shown(text: str) -> str:
    """Text escaped for the page; a line separator (a web page's `<br>`) shown as the line break it is."""
    return _escape(text).replace("\u2028", "\u2028<br>")


def _source_pairs(outcome: Outcome, source: str) -> Iterator[str]:
    """The English paragraphs beside the source paragraphs they were paired with, as the SRC checks paired
    them (the Arabic right to left)."""
    english = outcome.original.text
    yield '\n<section id="source-pairs"><h2>Source beside the English</h2><table>'
    yield "<tr><th>English</th><th>Source</th></tr>"
    for pair in outcome.alignment:
        shown, source_shown = pair.texts(source, english)
        shown, source_shown = shown or "(no translation)", source_shown or "(no source)"
        yield f'<tr><td>{_escape(shown)}</td><td dir="rtl" lang="ar">{_escape(source_shown)}</td></tr>'
    yield "</table></section>\n"


def _flag_html(flag: Flag, text: str, source: str = "") -> str:
    """A flagged stretch with its rule and message inline (and, for a name, a button to add it); a
    check against the source quotes the source it refers to."""
    suggestion = " → " + " | ".join(flag.suggestions) if flag.suggestions else ""
    quoted = (
        f" — source: “{one_line(source[flag.source_start : flag.source_end], 80)}”"
        if flag.source_start >= 0 and source
        else ""
    )
    message = _escape(f"{flag.message}{suggestion}{quoted}")
    kind_of = flag_kind(flag)
    add = ""
    if kind_of == "name":
        add = (
            f'<button class="add-name" data-name="{_escape(text)}" title="add “{_escape(text)}” to the '
            f'glossary names">add to names</button>'
        )
    elif is_suggestion(flag):
        add = (
            f'<button class="accept-suggestion" data-start="{flag.start}" title="make it “'
            f'{_escape(flag.suggestions[0])}” (an accepted suggestion)">accept</button>'
        )
    return (
        f'<span class="flag-item {kind_of}" data-kind="{kind_of}" data-rule="{_escape(flag.rule)}" tabindex="0">'
        f'<mark class="flag" title="{_escape(flag.rule)}: {message}">{_escape(text)}</mark>'
        f'<sup class="flag-tag">⚑ {_escape(flag.rule)}</sup><span class="flag-why">{message}</span>{add}</span>'
    )


SHORT_CHANGE = 60  # characters of a one-line change kept on one line with its buttons
_TRAILING_BREAKS = regex.compile(r"[\r\n]+\Z")


def _change_html(outcome: Outcome, index: int, change: Change, notes: dict[str, str]) -> str:
    before = outcome.original.text[change.start : change.end]
    after = outcome.corrected[change.new_start : change.new_end]
    note = notes.get(change.steps[0].rule, "")
    why = _escape(change.reason + (f" — note: {note}" if note and note not in change.reason else ""))
    rule = _escape(change.rule)
    kind_of = kind(change)
    short = " short" if len(before) + len(after) <= SHORT_CHANGE and not _LINE_BREAK.search(before + after) else ""
    # The rule and buttons follow the text the change shows, before any line breaks it ends with, so
    # they never start the next line; a short change is kept on one line with them.
    shown_tail = "ins" if after else "del"
    tail = _TRAILING_BREAKS.search(after or before)
    head_text = (after or before)[: tail.start()] if tail else (after or before)
    body = (
        f"<del>{_escape(before)}</del><ins>{_escape(head_text)}</ins>"
        if after
        else f"<del>{_escape(head_text)}</del><ins></ins>"
    )
    handle = (
        f'\u2060<span class="handle"><span class="tag">{rule}</span><span class="controls">'
        f'<button class="accept" title="accept (a)">✓</button><button class="reject" title="reject (r)">✗</button>'
        f"</span></span>"
    )
    breaks = f'<{shown_tail} class="tail">{_escape(tail.group())}</{shown_tail}>' if tail else ""
    return (
        f'<span class="change {kind_of}{short}" id="change-{index}" data-index="{index}" data-kind="{kind_of}" '
        f'data-rule="{rule}" data-state="pending" tabindex="0" title="{rule}: {why}">'
        f'{body}{handle}{breaks}<span class="why">{why}</span></span>'
    )


def _json_for_script(data: dict) -> Iterator[str]:
    """JSON that can sit inside a <script> element (no "</" or "<!--" sequences survive), in pieces."""
    for piece in json_pieces(data):
        yield piece.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
