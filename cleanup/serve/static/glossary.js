// The glossary page: each entry with its use across the archive, `glossary suggest`'s proposals and the
// unknown names, each with its edit ("add as a variant of …", "new entry", "add to names"). An edit is sent
// with the version of the glossary the page shows: the server checks it, writes it in place and re-checks
// the articles it may change; a problem comes back with its file, line and column, nothing written.
'use strict';
const token = document.querySelector('meta[name="cleanup-token"]').content;
const search = document.getElementById('glossary-search');
const notices = document.getElementById('glossary-notices');
let view = null;
let busy = false;

function element(tag, text, attributes) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;  // forms, names and articles are text, never markup
  Object.entries(attributes || {}).forEach(([k, v]) => made.setAttribute(k, v));
  return made;
}
function cell(content, className) {
  const td = element('td', typeof content === 'string' || typeof content === 'number' ? String(content) : undefined);
  if (content instanceof Node) td.append(content);
  if (className) td.className = className;
  return td;
}
function articleLinks(names, total) {
  const span = element('span', '', {class: 'articles'});
  names.forEach((name, i) => {
    if (i) span.append(', ');
    span.append(element('a', name, {href: '/article/' + name.split('/').map(encodeURIComponent).join('/')}));
  });
  if (total > names.length) span.append(' and ' + (total - names.length) + ' more');
  return span;
}
function button(label, edit) {
  const made = element('button', label, {type: 'button'});
  made.addEventListener('click', () => send(edit));
  return made;
}
function notice(text, kind, problems) {
  const box = element('div', text, {class: kind});
  if (problems && problems.length) {
    const list = element('ul');
    problems.forEach(p => list.append(element('li', (p.file || '') + (p.line ? ':' + p.line + ':' + p.column : '') + ': ' + p.message)));
    box.append(list);
  }
  notices.replaceChildren(box);
}
function wanted(...texts) {
  const words = search.value.trim().toLowerCase();
  return !words || texts.some(t => t.toLowerCase().includes(words));
}

function entryRow(entry) {
  const forms = entry.variants;
  const tr = element('tr', undefined, {'data-rule': entry.rule});
  tr.append(cell(entry.preferred.form + (entry.name ? ' (name)' : ''), 'form'), cell(entry.preferred.count, 'number'));
  const variants = element('span');
  forms.forEach((v, i) => {
    if (i) variants.append(', ');
    variants.append(element('span', v.form + ' ' + v.count, {class: v.listed ? 'variant' : 'variant unlisted'}));
  });
  const all = [...new Set([entry.preferred, ...forms].flatMap(f => f.articles))];
  tr.append(cell(variants), cell(articleLinks(all.slice(0, 3), entry.in)), cell(entry.file + ':' + entry.line, 'where'));
  return tr;
}
function candidateRow(c) {
  const tr = element('tr');
  const label = c.action === 'variant' ? c.variants.join(', ') + ' → ' + c.preferred + ' (in the glossary)' : c.preferred + ' ← ' + c.variants.join(', ');
  tr.append(cell(label), cell(c.forms.map(f => f.form + ' ' + f.count + (f.first ? ' (' + f.first + ')' : '')).join('; ')));
  const edit = c.action === 'variant'
    ? button('Add as a variant of ' + c.preferred, {action: 'variant', preferred: c.preferred, forms: c.variants})
    : button('New entry', {action: 'entry', preferred: c.preferred, forms: c.variants, file: chosenFile()});
  tr.append(cell(edit));
  return tr;
}
function unknownRow(n) {
  const tr = element('tr', undefined, {'data-name': n.name});
  tr.append(cell(n.name, 'form'), cell(n.count, 'number'), cell(articleLinks(n.articles.slice(0, 3), n.in)), cell(n.first, 'where'));
  tr.append(cell(button('Add to names', {action: 'names', forms: [n.name], file: chosenFile()})));
  return tr;
}
function render() {
  if (!view) return;
  const fill = (id, rows) => document.getElementById(id).replaceChildren(...rows);
  fill('glossary-entries', view.entries.filter(e => wanted(e.preferred.form, ...e.variants.map(v => v.form), ...e.preferred.articles)).map(entryRow));
  fill('glossary-candidates', view.candidates.filter(c => wanted(c.preferred, ...c.variants)).map(candidateRow));
  fill('glossary-unknown', view.unknown.filter(n => wanted(n.name, ...n.articles)).map(unknownRow));
}
function chosenFile() { return document.getElementById('new-file').value || null; }
function files() {
  const select = document.getElementById('new-file');
  const chosen = select.value || view.default_file;
  select.replaceChildren(...view.files.map(f => new Option(f, f)));
  select.value = view.files.includes(chosen) ? chosen : view.default_file;
  document.getElementById('new-file-label').hidden = view.files.length < 2;
}
function settle(state) { document.body.dataset.state = state; }  // for a reader (or a test) waiting for quiet

async function load() {
  settle('loading');
  const response = await fetch('/api/glossary', {headers: {'X-Cleanup-Token': token}});
  if (!response.ok) { settle('ready'); return; }
  view = await response.json();
  const names = view.entries.filter(e => e.name).length;
  document.getElementById('glossary-progress').textContent = view.problems.length
    ? 'The glossary does not load: correct it first.'
    : (view.entries.length - names) + ' entries and ' + names + ' names across ' + view.articles + ' articles; '
      + view.candidates.length + ' proposals, ' + view.unknown.length + ' unknown names';
  if (view.problems.length) notice('The glossary files have problems:', 'conflict', view.problems);
  else if (view.settings_problem) notice('The configuration or glossary on disk does not load: ' + view.settings_problem, 'conflict');
  files();
  render();
  settle('ready');
}
async function send(edit) {
  if (busy || !view) return;
  busy = true;
  settle('saving');
  const body = {base: view.version, ...edit};
  try {
    const response = await fetch('/api/glossary', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Cleanup-Token': token},
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (response.ok) {
      const n = answer.affected.length;
      notice('Written to ' + answer.file + '; ' + n + ' article' + (n === 1 ? '' : 's') + ' checked again', 'notice saved');
    } else if (response.status === 409) {
      notice(answer.error, 'conflict');
    } else {
      notice(answer.error, 'conflict', answer.problems);
    }
  } catch (error) {
    notice('Not saved: ' + error, 'conflict');
  }
  busy = false;
  await load();
}
document.getElementById('glossary-form').addEventListener('submit', e => {
  e.preventDefault();
  const preferred = document.getElementById('new-preferred').value.trim();
  const variants = document.getElementById('new-variants').value.split(',').map(v => v.trim()).filter(Boolean);
  if (!preferred) return;
  const listed = view && view.entries.some(entry => entry.preferred.form === preferred && !entry.name);
  if (listed) send({action: 'variant', preferred, forms: variants});
  else if (variants.length) send({action: 'entry', preferred, forms: variants, file: chosenFile()});
  else send({action: 'names', forms: [preferred], file: chosenFile()});
});
search.addEventListener('input', render);
load();
