// The queue: every article with its state, sortable (click a heading), filterable by rule and state,
// searchable; refreshed while articles are processed in the background.
'use strict';
const token = document.querySelector('meta[name="cleanup-token"]').content;
const columns = [
  ['name', 'Article'], ['status', 'State'], ['pending', 'Pending'], ['accepted', 'Accepted'], ['rejected', 'Rejected'],
  ['flags', 'Flags'], ['suggestions', 'Suggestions'], ['stale', 'Stale'], ['last_by', 'Last reviewed by'], ['last_at', 'When'],
];
let rows = [];
let sort = {column: 'name', direction: 1};
const body = document.getElementById('queue-rows');
const search = document.getElementById('queue-search');
const ruleFilter = document.getElementById('queue-rule');
const stateFilter = document.getElementById('queue-state');

function cell(text, numeric) {
  const td = document.createElement('td');
  td.textContent = text;  // names and messages are text, never markup
  if (numeric) td.className = 'number';
  return td;
}
function heading() {
  const tr = document.getElementById('queue-head');
  columns.forEach(([key, label]) => {
    const th = document.createElement('th');
    th.textContent = label;
    th.dataset.column = key;
    th.tabIndex = 0;
    const by = () => { sort = {column: key, direction: sort.column === key ? -sort.direction : 1}; render(); };
    th.addEventListener('click', by);
    th.addEventListener('keydown', e => { if (e.key === 'Enter') by(); });
    tr.append(th);
  });
}
function wanted(row) {
  const words = search.value.trim().toLowerCase();
  if (words && !row.name.toLowerCase().includes(words) && !row.last_by.toLowerCase().includes(words)) return false;
  if (ruleFilter.value && !row.rules.includes(ruleFilter.value)) return false;
  const s = stateFilter.value;
  if (s === 'pending' && !row.pending) return false;
  if (s === 'done' && (row.pending || row.status !== 'ready')) return false;
  if (s === 'flags' && !row.flags) return false;
  if (s === 'stale' && !row.stale) return false;
  if (s === 'failed' && row.status !== 'failed') return false;
  if (s === 'processing' && row.status !== 'processing') return false;
  return true;
}
function render() {
  document.querySelectorAll('#queue-head th').forEach(th =>
    th.setAttribute('aria-sort', th.dataset.column === sort.column ? (sort.direction > 0 ? 'ascending' : 'descending') : 'none'));
  const shown = rows.filter(wanted).sort((a, b) => {
    const x = a[sort.column], y = b[sort.column];
    return (x < y ? -1 : x > y ? 1 : 0) * sort.direction || (a.name < b.name ? -1 : 1);
  });
  const fragment = document.createDocumentFragment();
  shown.forEach(row => {
    const tr = document.createElement('tr');
    tr.className = row.status;
    const name = document.createElement('td');
    const link = document.createElement('a');
    link.href = '/article/' + row.name.split('/').map(encodeURIComponent).join('/');
    link.textContent = row.name;
    name.append(link);
    tr.append(name, cell(row.status === 'failed' ? 'failed: ' + row.message : row.status));
    ['pending', 'accepted', 'rejected', 'flags', 'suggestions', 'stale'].forEach(k => tr.append(cell(row[k], true)));
    tr.append(cell(row.last_by), cell(row.last_at));
    fragment.append(tr);
  });
  body.replaceChildren(fragment);
  document.getElementById('queue-count').textContent = shown.length + ' of ' + rows.length + ' articles';
}
function rules() {
  const all = new Set();
  rows.forEach(row => row.rules.forEach(r => all.add(r)));
  const chosen = ruleFilter.value;
  const options = [new Option('any rule', '')].concat(Array.from(all).sort().map(r => new Option(r, r)));
  ruleFilter.replaceChildren(...options);
  ruleFilter.value = all.has(chosen) ? chosen : '';
}
async function load() {
  const response = await fetch('/api/queue', {headers: {'X-Cleanup-Token': token}});
  if (!response.ok) return;
  const answer = await response.json();
  rows = answer.rows;
  const p = answer.progress;
  document.getElementById('queue-progress').textContent =
    p.waiting ? 'Processing in the background: ' + p.done + ' of ' + p.total + ' articles ready' : 'All ' + p.total + ' articles ready';
  rules();
  render();
  setTimeout(load, p.waiting ? 1000 : 5000);
}
heading();
[search, ruleFilter, stateFilter].forEach(control => control.addEventListener('input', render));
load();
