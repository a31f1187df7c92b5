// The review page as `cleanup serve` sends it: every accept, reject, accepted suggestion, dismissed flag and
// "add to names" is saved at once (over fetch, with the token in a header), on the version the page was made from;
// a name marked is also written to the glossary's names by the server.
// It runs after the review page's own script (review.js) and wraps its decide, toggleName and toggleSuggestion.
'use strict';
const serveMeta = name => document.querySelector('meta[name="' + name + '"]').content;
const serveData = JSON.parse(document.getElementById('serve-data').textContent);
const flagItems = Array.from(document.querySelectorAll('#article .flag-item'));  // serveData.flags, in order
const dismissed = serveData.flags.map(f => f.dismissed);
const serve = {
  token: serveMeta('cleanup-token'),
  article: serveMeta('cleanup-article'),
  version: serveMeta('cleanup-version'),
  savedState: state.slice(),  // what the server holds, as this page last heard it
  savedNames: new Set(names),
  savedTaken: new Set(),
  savedDismissed: dismissed.slice(),
  // The key the decisions file holds each change's (each flag's) decision by: its own, or an older one when
  // the article was edited since and the decision matched to it again by context. A save names it.
  stored: serveData.changes.slice(),
  flagStored: serveData.flags.map(f => f.stored),
  inFlight: false,
  again: false,
};
const articlePath = serve.article.split('/').map(encodeURIComponent).join('/');

function element(tag, text, attributes) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;  // article text is only ever text, never markup
  Object.entries(attributes || {}).forEach(([k, v]) => made.setAttribute(k, v));
  return made;
}
const bar = element('span', '', {id: 'serve-status', role: 'status'});
const who = element('span', '', {id: 'serve-editor'});
const panel = element('div', '', {id: 'serve-notices', role: 'alert'});
document.querySelector('.actions').append(' ', bar, ' ', who);
document.querySelector('header').append(panel);
const queueLink = element('a', '← queue', {href: '/', id: 'queue-link'});
document.querySelector('header h1').before(queueLink);

function cookie(name) {
  const found = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
}
function editor() { return cookie('cleanup_editor'); }
function askName() {
  const form = element('form', '', {id: 'editor-form'});
  const input = element('input', undefined, {id: 'editor-name', placeholder: 'your name', maxlength: '60', required: ''});
  form.append(element('label', 'Your name, kept with each decision you make: ', {for: 'editor-name'}), input,
    element('button', 'Start reviewing', {type: 'submit'}));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const name = input.value.trim();
    if (!name) return;
    document.cookie = 'cleanup_editor=' + encodeURIComponent(name) + '; path=/; max-age=31536000; samesite=strict';
    form.remove();
    showEditor();
    save();
  });
  document.querySelector('.actions').after(form);
}
function showEditor() { who.textContent = editor() ? 'Reviewing as ' + editor() : ''; }
function say(text, kind) {
  bar.textContent = text;
  bar.dataset.kind = kind || '';
  bar.dataset.busy = serve.inFlight || serve.again ? '1' : '0';  // for a reader (or a test) waiting for quiet
}

function keyOf(c) { return [c.rule, c.before, c.after, c.context_before, c.context_after]; }
function idOf(key) { return JSON.stringify([key[0], key[1], key[3], key[4]]); }  // a decision's key: no `after`
function edits() {
  const decisions = [];
  data.changes.forEach((c, i) => {
    if ((state[i] || null) !== (serve.savedState[i] || null))
      decisions.push({change: i, key: keyOf(c), was: serve.savedState[i] || null, now: state[i] || null,
        stored: serve.stored[i]});
  });
  serveData.flags.forEach((f, n) => {
    if (dismissed[n] !== serve.savedDismissed[n])
      decisions.push({flag: n, key: f.key, was: serve.savedDismissed[n] ? 'dismiss' : null,
        now: dismissed[n] ? 'dismiss' : null, stored: serve.flagStored[n]});
  });
  data.suggestions.forEach(s => {
    const was = serve.savedTaken.has(s.start), now = taken.has(s.start);
    if (was !== now) decisions.push({key: keyOf(s), was: was ? 'accept' : null, now: now ? 'accept' : null, start: s.start});
  });
  const marked = Array.from(new Set([...names, ...serve.savedNames]))
    .filter(n => names.has(n) !== serve.savedNames.has(n))
    .map(n => ({name: n, was: serve.savedNames.has(n), now: names.has(n)}));
  return {decisions, names: marked};
}
// A decision saved: the file now holds it under the change's own key (or holds none).
function settled(d) {
  const stored = d.now ? [d.key[0], d.key[1], d.key[3], d.key[4]] : null;
  if (d.change !== undefined) { serve.savedState[d.change] = d.now; serve.stored[d.change] = stored; }
  if (d.flag !== undefined) { serve.savedDismissed[d.flag] = d.now === 'dismiss'; serve.flagStored[d.flag] = stored; }
}
async function save() {
  if (!editor()) { say('Give your name to save', 'waiting'); return; }
  if (serve.inFlight) { serve.again = true; return; }
  const sent = edits();
  if (!sent.decisions.length && !sent.names.length) return;
  serve.inFlight = true;
  say('Saving…', 'saving');
  const snapshot = {state: state.slice(), names: new Set(names), taken: new Set(taken), dismissed: dismissed.slice()};
  try {
    const response = await fetch('/api/decisions/' + articlePath, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Cleanup-Token': serve.token},
      body: JSON.stringify({base: serve.version, editor: editor(), names: sent.names,
        decisions: sent.decisions.map(d => ({key: d.key, was: d.was, now: d.now, stored: d.stored || null}))}),
    });
    const answer = await response.json();
    if (response.ok || response.status === 409) {  // a conflict keeps theirs; the save's other edits are written
      serve.version = answer.version;
      const clashing = new Set((answer.conflicts || []).map(c => idOf([c.key[0], c.key[1], '', c.key[2], c.key[3]])));
      sent.decisions.filter(d => !clashing.has(idOf(d.key))).forEach(settled);
      serve.savedNames = snapshot.names;
      serve.savedTaken = snapshot.taken;
      if (answer.merged || answer.conflicts) adopt(answer.decisions, snapshot, clashing);
      if (answer.conflicts) conflicts(answer.conflicts);
      else if (answer.glossary && answer.glossary.error) say('Saved; ' + answer.glossary.error, 'error');
      else if (answer.glossary) say('Saved; the name is in ' + answer.glossary.file, 'saved');
      else say(answer.merged ? 'Saved (merged with another editor’s decisions)' : 'Saved', 'saved');
    } else {
      say('Not saved: ' + answer.error, 'error');
    }
  } catch (error) {
    say('Not saved (is cleanup serve still running?): ' + error, 'error');
  } finally {
    serve.inFlight = false;
  }
  if (serve.again) { serve.again = false; save(); } else bar.dataset.busy = '0';
}
// The decisions of the file (another editor's merged in, or kept in a conflict): shown here too, unless this
// page changed them since it sent the save (and for a conflict, theirs replaces this page's).
function adopt(decisions, sent, clashing) {
  const theirs = new Map(decisions.map(d => [JSON.stringify(d.key), d]));
  const found = (key, stored) => theirs.get(idOf(key)) || (stored && theirs.get(JSON.stringify(stored))) || null;
  data.changes.forEach((c, i) => {
    const d = found(keyOf(c), serve.stored[i]), verdict = d ? d.verdict : null;
    if (!clashing.has(idOf(keyOf(c))) && (state[i] || null) !== (sent.state[i] || null)) return;
    serve.stored[i] = d ? d.key : null;
    if ((serve.savedState[i] || null) === verdict && (state[i] || null) === verdict) return;
    serve.savedState[i] = verdict;
    if (verdict === 'accept' || verdict === 'reject') baseDecide(i, verdict); else undecide(i);
  });
  serveData.flags.forEach((f, n) => {
    const d = found(f.key, serve.flagStored[n]), now = d !== null && d.verdict === 'dismiss';
    if (!clashing.has(idOf(f.key)) && dismissed[n] !== sent.dismissed[n]) return;
    serve.flagStored[n] = d ? d.key : null;
    serve.savedDismissed[n] = now;
    showDismissed(n, now);
  });
}
// Another editor decided these differently since this page's version: theirs is shown, and kept.
function conflicts(found) {
  const list = element('ul');
  found.forEach(conflict => {
    list.append(element('li', conflict.key[0] + ': “' + conflict.key[1] + '”' + (conflict.after ? ' → “' + conflict.after + '”' : '')
      + ': you chose ' + (conflict.yours || 'undecided') + ', another editor ' + (conflict.theirs || 'undecided')
      + (conflict.by ? ' (' + conflict.by + ')' : '') + '. Theirs is kept; decide again if you disagree.'));
  });
  const box = element('div', '', {class: 'conflict'});
  box.append(element('p', 'Conflict: another editor decided differently since you opened this page.'), list);
  panel.append(box);
  say('Conflict: see above', 'conflict');
}
// Dismissing a flag (again: undoing it), saved at once as `decision: dismiss`.
function showDismissed(n, now) {
  dismissed[n] = now;
  const item = flagItems[n], button = item.querySelector('.dismiss-flag');
  item.classList.toggle('dismissed', now);
  item.dataset.state = now ? 'dismissed' : 'open';
  if (button) {
    button.textContent = now ? 'undo dismiss' : 'dismiss';
    button.setAttribute('aria-pressed', String(now));
  }
}
function toggleDismiss(n) { showDismissed(n, !dismissed[n]); save(); }
flagItems.forEach((item, n) => {
  if (!item.querySelector('.accept-suggestion')) {  // a glossary suggestion is accepted, or left as it is
    const button = element('button', 'dismiss', {class: 'dismiss-flag', title: 'dismiss this flag (d); again to undo'});
    button.addEventListener('click', e => { e.stopPropagation(); toggleDismiss(n); });
    item.append(button);
  }
  showDismissed(n, dismissed[n]);
});
document.addEventListener('keydown', e => {
  if ((e.target.tagName === 'INPUT' && e.target.type !== 'checkbox') || e.ctrlKey || e.metaKey || e.altKey) return;
  const n = flagItems.indexOf(current);
  if (e.key !== 'd' || n < 0 || !current.querySelector('.dismiss-flag')) return;
  toggleDismiss(n);
  if (dismissed[n]) step(1);
  e.preventDefault();
});
const keysHelp = Array.from(document.querySelectorAll('header p')).find(p => p.textContent.includes('Keys: '));
if (keysHelp) keysHelp.append(' ', element('kbd', 'd'), ' dismiss a flag (again: undo).');
function undecide(i) {
  state[i] = null;
  changes[i].classList.remove('accepted', 'rejected');
  changes[i].dataset.state = 'pending';
  progress();
}
const baseDecide = decide, baseToggleName = toggleName, baseToggleSuggestion = toggleSuggestion;
decide = function (i, verdict) { baseDecide(i, verdict); save(); };
toggleName = function (button) { baseToggleName(button); save(); };
toggleSuggestion = function (button) { baseToggleSuggestion(button); save(); };

// An article edited on disk, or decisions saved elsewhere, is noticed.
let noticed = '';
async function watch() {
  try {
    const response = await fetch('/api/state/' + articlePath, {headers: {'X-Cleanup-Token': serve.token}});
    if (!response.ok) return;
    const now = await response.json();
    showStale(now.stale);
    const [article] = now.version.split('-');
    if (article !== serve.version.split('-')[0] && noticed !== now.version) {
      noticed = now.version;
      const box = element('div', '', {class: 'notice', id: 'article-changed'});
      const reload = element('button', 'Reload');
      reload.addEventListener('click', () => location.reload());
      box.append(element('span', 'This article changed on disk (a new translation?). Reload to review it: '
        + 'its decisions are matched to it again, and those that match nothing are listed as stale. '), reload);
      panel.append(box);
    }
  } catch (error) { /* the server is gone: the next save says so */ }
}
let staleShown = '';
function showStale(stale) {
  const key = JSON.stringify(stale);
  if (key === staleShown) return;
  staleShown = key;
  const old = document.getElementById('stale');
  if (old) old.remove();
  if (!stale.length) return;
  const box = element('div', '', {id: 'stale', class: 'notice'});
  const list = element('ul');
  stale.forEach(d => list.append(element('li', d.rule + ': “' + d.before + '” → “' + d.after + '” (' + d.decision + ')')));
  box.append(element('p', 'Stale decisions: they match no change of the article as it is now.'), list);
  panel.append(box);
}
if (data.text_file.toLowerCase().endsWith('.docx')) {
  const words = element('span', ' Word: ', {id: 'word-files'});
  words.append(element('a', 'tracked changes', {href: '/edition/' + articlePath + '?mode=review', download: ''}), ' · ',
    element('a', 'clean', {href: '/edition/' + articlePath + '?mode=clean', download: ''}));
  document.querySelector('.actions').append(words);
}
if (!editor()) askName();
showEditor();
say('All saved', 'saved');
watch();
setInterval(watch, 3000);
