"""The review page's stylesheet and script (inline in the page: it is one self-contained file)."""

STYLE = """
:root { --glossary: #1d4ed8; --house: #7e22ce; --grammar: #b45309; --flag: #fde68a; }
body { font: 17px/1.6 Georgia, serif; margin: 0; padding: 1rem 2rem 4rem; color: #111; }
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
.change.current, .flag-item.current { outline: 3px solid #111; }
.handle, .change.short { white-space: nowrap; }
.change .controls button { font-size: .7rem; padding: 0 .3rem; margin-left: .1rem; }
.change.accepted del { display: none; }
.change.accepted::after { content: " ✓"; font: .7rem sans-serif; }
.change.rejected ins { display: none; }
.change.rejected del { text-decoration: none; color: inherit; }
.change.rejected::after { content: " ✗"; font: .7rem sans-serif; }
mark.flag { background: var(--flag); }
.flag-item.name mark.flag { background: #dbeafe; }
.flag-tag { font: 600 .65rem/1 sans-serif; vertical-align: super; color: #92400e; }
.flag-why { font: italic .8rem/1.3 sans-serif; color: #57534e; margin-left: .2rem; }
.add-name { font-size: .7rem; padding: 0 .3rem; margin-left: .2rem; }
.add-name[aria-pressed="true"], .accept-suggestion[aria-pressed="true"] { background: #dbeafe; }
.accept-suggestion { font-size: .7rem; padding: 0 .3rem; margin-left: .2rem; }
.legend span { margin-right: 1rem; }
.show label { margin-right: .8rem; font: .85rem sans-serif; }
details.by-rule { margin-bottom: 1.2rem; }
details.by-rule summary { cursor: pointer; font: .9rem sans-serif; }
.change.muted { border: none; padding: 0; }
.change.muted .handle, .change.muted .why { display: none; }
.change.muted::after { content: none; }
.change.muted:not(.rejected) del { display: none; }
.change.muted ins { text-decoration: none; color: inherit; }
.flag-item.muted mark.flag { background: none; }
.flag-item.muted .flag-tag, .flag-item.muted .flag-why, .flag-item.muted .add-name,
.flag-item.muted .accept-suggestion { display: none; }
@media print {
  .actions, .controls, .rule-actions, .show, .add-name, .accept-suggestion { display: none; }
  .why { display: inline; }
  .change { break-inside: avoid; }
  body { max-width: none; font-size: 11pt; }
}
"""

SCRIPT = """
const data = JSON.parse(document.getElementById('review-data').textContent);
const changes = Array.from(document.querySelectorAll('#article .change'));
const items = Array.from(document.querySelectorAll('#article .change, #article .flag-item'));  // text order
const state = data.changes.map(c => c.review);
const names = new Set(data.names);
const taken = new Set();  // starts of the glossary suggestions accepted here
let current = null;
// j/k visit the changes and flags of the kinds shown, in text order.
function step(direction) {
  const visible = items.filter(item => !item.classList.contains('muted'));
  if (!visible.length) return;
  const at = visible.indexOf(current);
  const next = at < 0 ? (direction > 0 ? 0 : visible.length - 1) : Math.max(0, Math.min(visible.length - 1, at + direction));
  select(visible[next]);
}
function select(item) {
  if (current) current.classList.remove('current');
  current = item;
  item.classList.add('current');
  item.focus();
}
function currentChange() { return current && current.classList.contains('change') ? Number(current.dataset.index) : -1; }
function setShown(kind, shown) {
  items.filter(item => item.dataset.kind === kind).forEach(item => item.classList.toggle('muted', !shown));
}
function toggleName(button) {
  const name = button.dataset.name;
  if (names.has(name)) names.delete(name); else names.add(name);
  document.querySelectorAll('.add-name').forEach(b => {
    if (b.dataset.name === name) b.setAttribute('aria-pressed', String(names.has(name)));
  });
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
// Accepted suggestions are made too (they lie in text no change touches).
function correctedText(pending) {
  const edits = data.changes.map((c, i) => [c, (state[i] || pending) === 'accept'])
    .concat(data.suggestions.filter(s => taken.has(s.start)).map(s => [s, true]))
    .sort((a, b) => a[0].start - b[0].start);
  let out = '', cursor = 0;
  edits.forEach(([c, made]) => {
    if (c.start < cursor) return;  // never two edits over the same text
    out += points(cursor, c.start) + (made ? c.after : points(c.start, c.end));
    cursor = c.end;
  });
  return out + points(cursor);
}
function toggleSuggestion(button) {
  const start = Number(button.dataset.start);
  if (taken.has(start)) taken.delete(start); else taken.add(start);
  button.setAttribute('aria-pressed', String(taken.has(start)));
  button.closest('.flag-item').classList.toggle('accepted', taken.has(start));
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
    'article: ' + quoted(data.input), 'article_sha256: ' + quoted(data.article_sha256)];
  const entries = data.changes.map((c, i) => [c, state[i]]).filter(([, s]) => s);
  data.kept.forEach(d => entries.push([d, d.decision]));
  data.suggestions.filter(s => taken.has(s.start)).forEach(s => entries.push([s, 'accept']));
  lines.push(entries.length ? 'decisions:' : 'decisions: []');
  entries.forEach(([c, s]) => {
    lines.push('  - rule: ' + quoted(c.rule), '    before: ' + quoted(c.before), '    after: ' + quoted(c.after),
      '    context_before: ' + quoted(c.context_before), '    context_after: ' + quoted(c.context_after),
      '    decision: ' + s);
  });
  if (names.size) {
    lines.push('# Names confirmed in review: cleanup glossary add --names-from FILE adds them to the glossary.');
    lines.push('names:');
    Array.from(names).sort().forEach(name => lines.push('  - ' + quoted(name)));
  }
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
items.forEach(item => item.addEventListener('click', () => select(item)));
document.querySelectorAll('.add-name').forEach(b => {
  b.setAttribute('aria-pressed', String(names.has(b.dataset.name)));
  b.addEventListener('click', e => { e.stopPropagation(); toggleName(b); });
});
document.querySelectorAll('.accept-suggestion').forEach(b => {
  b.setAttribute('aria-pressed', 'false');
  b.addEventListener('click', e => { e.stopPropagation(); toggleSuggestion(b); });
});
document.querySelectorAll('.show input').forEach(box => box.addEventListener('change', () => setShown(box.value, box.checked)));
changes.forEach((span, i) => {
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
  if ((e.target.tagName === 'INPUT' && e.target.type !== 'checkbox') || e.ctrlKey || e.metaKey || e.altKey) return;
  const keys = {j: () => step(1), n: () => step(1), k: () => step(-1), p: () => step(-1),
    a: () => { const i = currentChange(); if (i >= 0) { decide(i, 'accept'); step(1); } },
    r: () => { const i = currentChange(); if (i >= 0) { decide(i, 'reject'); step(1); } }};
  if (keys[e.key]) { keys[e.key](); e.preventDefault(); }
});
progress();
"""
