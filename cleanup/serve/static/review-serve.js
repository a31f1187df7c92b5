// The review page as `cleanup serve` sends it: every accept, reject, accepted suggestion and "add to names"
// is saved at once (over fetch, with the token in a header), on the version the page was made from.
// It runs after the review page's own script (review.js) and wraps its decide, toggleName and toggleSuggestion.
'use strict';
const serveMeta = name => document.querySelector('meta[name="' + name + '"]').content;
const serve = {
  token: serveMeta('cleanup-token'),
  article: serveMeta('cleanup-article'),
  version: serveMeta('cleanup-version'),
  savedState: state.slice(),  // what the server holds, as this page last heard it
  savedNames: new Set(names),
  savedTaken: new Set(),
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
function edits() {
  const decisions = [];
  data.changes.forEach((c, i) => {
    if ((state[i] || null) !== (serve.savedState[i] || null))
      decisions.push({key: keyOf(c), was: serve.savedState[i] || null, now: state[i] || null});
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
async function save() {
  if (!editor()) { say('Give your name to save', 'waiting'); return; }
  if (serve.inFlight) { serve.again = true; return; }
  const sent = edits();
  if (!sent.decisions.length && !sent.names.length) return;
  serve.inFlight = true;
  say('Saving…', 'saving');
  const snapshot = {state: state.slice(), names: new Set(names), taken: new Set(taken)};
  try {
    const response = await fetch('/api/decisions/' + articlePath, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Cleanup-Token': serve.token},
      body: JSON.stringify({base: serve.version, editor: editor(),
        decisions: sent.decisions.map(d => ({key: d.key, was: d.was, now: d.now})), names: sent.names}),
    });
    const answer = await response.json();
    if (response.ok) {
      serve.version = answer.version;
      serve.savedState = snapshot.state;
      serve.savedNames = snapshot.names;
      serve.savedTaken = snapshot.taken;
      if (answer.merged) adopt(answer.decisions, snapshot.state);
      say(answer.merged ? 'Saved (merged with another editor’s decisions)' : 'Saved', 'saved');
    } else if (response.status === 409) {
      serve.version = answer.version;
      conflicts(answer.conflicts);
      adopt(answer.decisions, state.slice());
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
// The other editors' decisions, merged into the file: shown here too, unless this page changed them since.
function adopt(decisions, sentState) {
  const theirs = new Map(decisions.map(d => [JSON.stringify(d.key), d.verdict]));
  data.changes.forEach((c, i) => {
    const verdict = theirs.get(JSON.stringify(keyOf(c))) || null;
    if ((state[i] || null) !== (sentState[i] || null) || (serve.savedState[i] || null) === verdict) return;
    serve.savedState[i] = verdict;
    if (verdict) baseDecide(i, verdict); else undecide(i);
  });
}
// Another editor decided these differently since this page's version: theirs is shown, and kept.
function conflicts(found) {
  const list = element('ul');
  found.forEach(conflict => {
    const same = c => JSON.stringify(keyOf(c)) === JSON.stringify(conflict.key);
    const i = data.changes.findIndex(same);
    if (i >= 0) {
      serve.savedState[i] = conflict.theirs;
      if (conflict.theirs) baseDecide(i, conflict.theirs); else undecide(i);
    }
    list.append(element('li', conflict.key[0] + ': “' + conflict.key[1] + '” → “' + conflict.key[2] + '”: you chose '
      + (conflict.yours || 'undecided') + ', another editor ' + (conflict.theirs || 'undecided')
      + (conflict.by ? ' (' + conflict.by + ')' : '') + '. Theirs is kept; decide again if you disagree.'));
  });
  const box = element('div', '', {class: 'conflict'});
  box.append(element('p', 'Conflict: another editor decided differently since you opened this page.'), list);
  panel.append(box);
  say('Conflict: see above', 'conflict');
  serve.again = true;  // the rest of this save, merged
}
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
