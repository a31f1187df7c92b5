"""The review page: one self-contained HTML file where an editor accepts or rejects each change."""

from __future__ import annotations

import bisect
import hashlib
import html
from collections import Counter
from collections.abc import Iterator, Sequence

from .decisions import context
from .jsonstream import json_pieces
from .model import Change, Decision, Flag, Outcome, Safety
from .textio import byte_order_mark, bytes_by_character, encode

_STYLE = """
:root { --glossary: #1d4ed8; --house: #7e22ce; --grammar: #b45309; --flag: #fde68a; }
body { font: 17px/1.6 Georgia, serif; margin: 0 auto; max-width: 52rem; padding: 1rem 1.5rem 4rem; color: #111; }
header h1 { font-size: 1.4rem; margin-bottom: .2rem; }
.actions { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #ddd; z-index: 2; }
button { font: inherit; font-size: .85rem; cursor: pointer; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; vertical-align: top; }
#article { white-space: pre-wrap; }
.change { border-bottom: 2px solid; padding: 0 .1rem; border-radius: 3px; }
.change.glossary { border-color: var(--glossary); border-bottom-style: solid; }
.change.house { border-color: var(--house); border-bottom-style: dashed; }
.change.grammar { border-color: var(--grammar); border-bottom-style: dotted; }
.change del { color: #991b1b; text-decoration: line-through; }
.change ins { color: #065f46; text-decoration: underline; }
.tag { font: 600 .65rem/1 sans-serif; vertical-align: super; margin-left: .15rem; }
.glossary .tag { color: var(--glossary); } .house .tag { color: var(--house); } .grammar .tag { color: var(--grammar); }
.why { display: none; font: .8rem/1.3 sans-serif; background: #f3f4f6; padding: .1rem .3rem; margin-left: .2rem; }
.change:focus .why, .change.current .why { display: inline; }
.change.current { outline: 3px solid #111; }
.change .controls button { font-size: .7rem; padding: 0 .3rem; margin-left: .1rem; }
.change.accepted del { display: none; }
.change.accepted::after { content: " ✓"; font: .7rem sans-serif; }
.change.rejected ins { display: none; }
.change.rejected del { text-decoration: none; color: inherit; }
.change.rejected::after { content: " ✗"; font: .7rem sans-serif; }
mark.flag { background: var(--flag); }
.flag-tag { font: 600 .65rem/1 sans-serif; vertical-align: super; color: #92400e; }
.legend span { margin-right: 1rem; }
@media print {
  .actions, .controls, .rule-actions { display: none; }
  .why { display: inline; }
  .change { break-inside: avoid; }
  body { max-width: none; font-size: 11pt; }
}
"""

_SCRIPT = """
const data = JSON.parse(document.getElementById('review-data').textContent);
const changes = Array.from(document.querySelectorAll('#article .change'));
const state = data.changes.map(c => c.review);
let current = -1;
function show(i) {
  if (current >= 0) changes[current].classList.remove('current');
  current = Math.max(0, Math.min(changes.length - 1, i));
  if (!changes.length) return;
  changes[current].classList.add('current');
  changes[current].focus();
}
function decide(i, verdict) {
  state[i] = verdict;
  changes[i].classList.toggle('accepted', verdict === 'accept');
  changes[i].classList.toggle('rejected', verdict === 'reject');
  changes[i].dataset.state = verdict;
  progress();
}
function progress() {
  const done = state.filter(s => s).length;
  document.getElementById('progress').textContent = done + ' of ' + state.length + ' changes reviewed';
}
function decideRule(rule, verdict) {
  data.changes.forEach((c, i) => { if (c.rule === rule) decide(i, verdict); });
}
// Offsets count code points (as Python does), not JavaScript's UTF-16 units: slice an array of code points.
const originalPoints = Array.from(data.original);
function points(start, end) { return originalPoints.slice(start, end).join(''); }
// Undecided changes count as `pending` ('accept': as cleanup fix applies them, or 'reject').
function correctedText(pending) {
  let out = '', cursor = 0;
  data.changes.forEach((c, i) => {
    out += points(cursor, c.start) + ((state[i] || pending) === 'accept' ? c.after : points(c.start, c.end));
    cursor = c.end;
  });
  return out + points(cursor);
}
// The bytes cleanup fix would write: the article's encoding, its byte-order mark, its line endings.
function encoded(text) {
  let body;
  if (data.encoding === 'utf-8') body = new TextEncoder().encode(text);
  else {
    const bytes = [];
    for (const ch of text) for (const b of data.bytes_of[ch]) bytes.push(b);
    body = new Uint8Array(bytes);
  }
  return [new Uint8Array(data.bom), body];
}
function downloadText(pending) {
  document.getElementById('pending').close();
  download(data.text_file, encoded(correctedText(pending)), 'application/octet-stream');
}
function askOrDownload() {
  const undecided = state.filter(s => !s).length;
  if (!undecided) return downloadText('accept');
  document.getElementById('pending-count').textContent = undecided === 1 ? '1 change is' : undecided + ' changes are';
  document.getElementById('pending').showModal();
}
// A YAML double-quoted string: JSON's escapes, plus DEL, C1 controls and line separators, which YAML refuses raw.
function quoted(text) {
  return JSON.stringify(text).replace(/[\\u007f-\\u009f\\u2028\\u2029\\ufeff]/g,
    c => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
function decisionsYaml() {
  const lines = ['# Review decisions for ' + data.input + ', made in its review page.',
    '# Save as ' + data.decisions_file + ' (or pass with --decisions) and run cleanup fix.',
    'article: ' + quoted(data.input), 'article_sha256: ' + quoted(data.article_sha256), 'decisions:'];
  const entries = data.changes.map((c, i) => [c, state[i]]).filter(([, s]) => s);
  data.kept.forEach(d => entries.push([d, d.decision]));
  entries.forEach(([c, s]) => {
    lines.push('  - rule: ' + quoted(c.rule), '    before: ' + quoted(c.before), '    after: ' + quoted(c.after),
      '    context_before: ' + quoted(c.context_before), '    context_after: ' + quoted(c.context_after),
      '    decision: ' + s);
  });
  return lines.join('\\n') + '\\n';
}
function download(name, parts, type) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(parts, {type: type}));
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}
changes.forEach((span, i) => {
  span.addEventListener('click', () => show(i));
  span.querySelector('.accept').addEventListener('click', e => { e.stopPropagation(); decide(i, 'accept'); });
  span.querySelector('.reject').addEventListener('click', e => { e.stopPropagation(); decide(i, 'reject'); });
  if (state[i]) decide(i, state[i]);
});
document.querySelectorAll('.accept-rule').forEach(b => b.addEventListener('click', () => decideRule(b.dataset.rule, 'accept')));
document.querySelectorAll('.reject-rule').forEach(b => b.addEventListener('click', () => decideRule(b.dataset.rule, 'reject')));
const textButton = document.getElementById('download-text');
if (data.encoding !== 'utf-8' && !data.bytes_of) {
  textButton.disabled = true;
  textButton.title = 'The page cannot write ' + data.encoding + ': download the decisions and run cleanup fix';
}
textButton.addEventListener('click', askOrDownload);
document.getElementById('pending-accept').addEventListener('click', () => downloadText('accept'));
document.getElementById('pending-reject').addEventListener('click', () => downloadText('reject'));
document.getElementById('pending-cancel').addEventListener('click', () => document.getElementById('pending').close());
document.getElementById('download-decisions').addEventListener('click',
  () => download(data.decisions_name, [decisionsYaml()], 'text/plain;charset=utf-8'));
document.addEventListener('keydown', e => {
  if (e.target.tagName === 'INPUT' || e.ctrlKey || e.metaKey || e.altKey) return;
  const keys = {j: () => show(current + 1), n: () => show(current + 1), k: () => show(current - 1), p: () => show(current - 1),
    a: () => { if (current >= 0) { decide(current, 'accept'); show(current + 1); } },
    r: () => { if (current >= 0) { decide(current, 'reject'); show(current + 1); } }};
  if (keys[e.key]) { keys[e.key](); e.preventDefault(); }
});
progress();
"""


def review_page(path: str, output: str, outcome: Outcome, notes: dict[str, str]) -> Iterator[str]:
    """The whole review page for one document, in pieces; `notes` are glossary notes by rule id."""
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
    }
    yield f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: {html.escape(path)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>Review: {html.escape(path)}</h1>
<p>{len(outcome.changes)} changes and {len(outcome.flags)} flags. Corrected edition: <code>{html.escape(output)}</code>.
Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous change, <kbd>a</kbd> accept, <kbd>r</kbd> reject.</p>
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
{_summary(outcome)}
{_kept_list(outcome.rejected)}
</header>
<main><article id="article">"""
    yield from _article(outcome, notes)
    yield '</article></main>\n<script type="application/json" id="review-data">'
    yield from _json_for_script(data)
    yield f"""</script>
<script>{_SCRIPT}</script>
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
            f'<span class="rule-actions"><button class="accept-rule" data-rule="{html.escape(rule)}">Accept all</button> '
            f'<button class="reject-rule" data-rule="{html.escape(rule)}">Reject all</button></span>'
            if changes[rule]
            else ""
        )
        rows.append(
            f"<tr><td>{html.escape(rule)}</td><td>{kinds.get(rule, 'flag')}</td><td>{changes[rule]}</td>"
            f"<td>{flags[rule]}</td><td>{buttons}</td></tr>"
        )
    head = "<tr><th>Rule</th><th>Kind</th><th>Changes</th><th>Flags</th><th></th></tr>"
    return f'<table class="summary"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _kept_list(rejected: Sequence[Decision]) -> str:
    if not rejected:
        return ""
    items = "".join(
        f"<li>{html.escape(d.rule)}: “{html.escape(d.before)}” stays (not “{html.escape(d.after)}”)</li>" for d in rejected
    )
    return f"<p>Rejected earlier, and kept out of this edition:</p><ul>{items}</ul>"


def _article(outcome: Outcome, notes: dict[str, str]) -> Iterator[str]:
    """The original text with every change inline and every flag marked, in pieces."""
    original = outcome.original.text
    cursor = 0
    flags = sorted(outcome.flags, key=lambda f: (f.start, f.end))
    starts = [flag.start for flag in flags]
    for index, change in enumerate(outcome.changes):
        yield _unchanged(original, cursor, change.start, flags, starts)
        yield _change_html(outcome, index, change, notes)
        cursor = change.end
    yield _unchanged(original, cursor, len(original), flags, starts)


def _unchanged(original: str, start: int, end: int, flags: Sequence[Flag], starts: list[int]) -> str:
    """Unchanged text, with the flags that begin in it highlighted (up to its end)."""
    out, cursor = [], start
    for flag in flags[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
        if flag.start < cursor:
            continue
        out.append(html.escape(original[cursor : flag.start]))
        stop = min(flag.end, end)
        out.append(f'<mark class="flag" title="{html.escape(_flag_title(flag))}">{html.escape(original[flag.start:stop])}</mark>')
        out.append(f'<sup class="flag-tag">⚑ {html.escape(flag.rule)}</sup>')
        cursor = stop
    out.append(html.escape(original[cursor:end]))
    return "".join(out)


def _flag_title(flag: Flag) -> str:
    suggestion = " → " + " | ".join(flag.suggestions) if flag.suggestions else ""
    return f"{flag.rule}: {flag.message}{suggestion}"


def _change_html(outcome: Outcome, index: int, change: Change, notes: dict[str, str]) -> str:
    before = html.escape(outcome.original.text[change.start : change.end])
    after = html.escape(outcome.corrected[change.new_start : change.new_end])
    note = notes.get(change.steps[0].rule, "")
    why = html.escape(change.reason + (f" — note: {note}" if note and note not in change.reason else ""))
    rule = html.escape(change.rule)
    return (
        f'<span class="change {kind(change)}" id="change-{index}" data-index="{index}" data-rule="{rule}" '
        f'data-state="pending" tabindex="0" title="{rule}: {why}">'
        f"<del>{before}</del><ins>{after}</ins><span class=\"tag\">{rule}</span>"
        f'<span class="why">{why}</span>'
        f'<span class="controls"><button class="accept" title="accept (a)">✓</button>'
        f'<button class="reject" title="reject (r)">✗</button></span></span>'
    )


def _json_for_script(data: dict) -> Iterator[str]:
    """JSON that can sit inside a <script> element (no "</" or "<!--" sequences survive), in pieces."""
    for piece in json_pieces(data):
        yield piece.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
