// BECA web GUI: the shell's router and the helpers every screen uses. No build step: each screen
// is an ES module loaded when first shown (/assets/<screen>.js), calling the JSON API with the
// session cookie; state-changing calls carry the session's CSRF token in a header.
const config = JSON.parse(document.getElementById('beca-config').textContent);

/** Whether the logged-in token may call an endpoint ("METHOD /path/{param}") on this server. */
export const can = (endpoint) => config.can.includes(endpoint);
export const user = { name: config.user, role: config.role };

/** An API error answer: {code, problem, remedy}, plus the HTTP status (0: no answer at all). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body.problem || 'The request failed.');
    this.status = status;
    this.code = body.code || 'http_' + status;
    this.problem = body.problem || 'The server answered ' + status + '.';
    this.remedy = body.remedy || 'Try again.';
  }
}

/** Calls the API; resolves to the Response when it is 2xx, rejects with an ApiError otherwise. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers[config.csrfHeader] = config.csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, signal, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'network', problem: 'The server could not be reached.',
      remedy: 'Check that beca serve is still running and the network is up, then try again.' });
  }
  if (response.ok) return response;
  let error;
  try {
    error = await response.json();
  } catch (e) {
    error = {};
  }
  if (response.status === 401) {
    location.assign('/login?ended=1');
  }
  throw new ApiError(response.status, error);
}

/** GET (or another method) and parse JSON. */
export async function json(path, options) {
  return (await api(path, options)).json();
}

/** Creates an element: h('p', {class: 'x', onclick: f}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A time as the reader's locale shows it. */
export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return isNaN(date) ? String(iso) : date.toLocaleString();
}

/** A labelled form field: h('label') + control, stacked. */
export function field(label, control) {
  const id = control.id || 'f-' + Math.random().toString(36).slice(2, 9);
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/** A loading line (a live status, so screen readers hear it). */
export function loadingNote(text = 'Loading…') {
  return h('p', { class: 'state', role: 'status' }, text);
}

/** An error box: what failed, what to do, and a retry button when one is given. */
export function errorNote(error, retry) {
  const e = error instanceof ApiError ? error
    : error && error.problem ? new ApiError(0, error)
      : new ApiError(0, { problem: String(error && error.message || error), remedy: 'Reload the page.' });
  return h('div', { class: 'note error', role: 'alert' },
    h('strong', {}, e.problem), ' ', e.remedy,
    h('span', { class: 'meta' }, ' (' + e.code + ')'),
    retry ? h('div', {}, h('button', { type: 'button', class: 'quiet', onclick: retry }, 'Try again')) : null);
}

/**
 * A confirmation step in `outcome`: the question with a yes button (`label`) and Cancel. On yes,
 * shows `working`, awaits call() and shows describe(answer) (the answer's message by default), or
 * the error's problem and remedy. Used before every admin action that changes something.
 */
export function confirmStep(outcome, question, label, call,
  { working = 'Working…', describe = (answer) => answer.message || 'Done.' } = {}) {
  const yes = h('button', { type: 'button', class: 'danger confirm' }, label);
  const no = h('button', { type: 'button', class: 'quiet' }, 'Cancel');
  const box = h('div', { class: 'note confirmation', role: 'group', 'aria-label': 'Confirm' },
    h('p', {}, question), h('div', { class: 'row' }, yes, no));
  no.addEventListener('click', () => outcome.replaceChildren(h('p', { class: 'state', role: 'status' }, 'Nothing changed.')));
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    no.disabled = true;
    outcome.replaceChildren(h('p', { class: 'state', role: 'status' }, working));
    try {
      const answer = await call();
      outcome.replaceChildren(h('p', { class: 'note done', role: 'status' }, describe(answer)));
    } catch (err) {
      outcome.replaceChildren(errorNote(err));
    }
  });
  outcome.replaceChildren(box);
  box.scrollIntoView({ block: 'nearest' });
  yes.focus();
}

/**
 * Fills a container from a call: a loading note, then render(data), or an error with a retry.
 * Returns a promise that settles when done.
 */
export async function fill(container, call, render) {
  container.replaceChildren(loadingNote());
  container.setAttribute('aria-busy', 'true');
  try {
    const data = await call();
    container.replaceChildren();
    render(data, container);
  } catch (e) {
    if (e.name === 'AbortError') return;
    container.replaceChildren(errorNote(e, () => fill(container, call, render)));
  } finally {
    container.removeAttribute('aria-busy');
  }
}

/** An empty-list line. */
export function empty(text) {
  return h('p', { class: 'state' }, text);
}

/**
 * Reads server-sent events from a fetch response (POST streams: chat, benchmark runs, pulls),
 * calling onEvent(name, parsedData) for each.
 */
export async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}

/**
 * Calls tick() now (unless `now` is false) and every `ms` while the page is visible (a hidden tab does not poll); a tick
 * that is still running is not started again. Returns the function that stops it.
 */
export function poll(tick, ms, now = true) {
  let timer = null;
  let busy = false;
  let stopped = false;
  const run = async () => {
    if (stopped || busy || document.visibilityState === 'hidden') return;
    busy = true;
    try { await tick(); } catch (e) { /* each tick shows its own error */ } finally { busy = false; }
  };
  const onVisible = () => { if (document.visibilityState === 'visible') run(); };
  document.addEventListener('visibilitychange', onVisible);
  timer = setInterval(run, ms);
  if (now) run();
  return () => {
    stopped = true;
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

/** Something a screen can listen to: the header's view of the self-improvement run. */
export const improvement = new EventTarget();

// ---- emergency stop, in the header of every screen ---------------------------------------------
// Admins see the button always (one tap, no confirmation: stopping is the safe direction); it turns
// solid red while a run is active (GET /improve/status, polled every 5 s, on every change of
// screen, and whenever the Improvements screen reads it).
const estop = document.getElementById('estop');
const estopNote = document.getElementById('estop-note');
let noteTimer = null;

/** Shows a self-improvement status in the header (armed while a run is active). */
export function showImprovement(status) {
  if (!estop) return;
  const active = status.state === 'running' || status.state === 'stopping';
  estop.classList.toggle('armed', active);
  estop.dataset.state = status.state;
  if (active) {
    clearTimeout(noteTimer);
    estopNote.textContent = 'A self-improvement run is ' + status.state + '.';
  } else if (estopNote.textContent.startsWith('A self-improvement run')) {
    estopNote.textContent = '';
  }
}

async function checkImprovement() {
  if (!estop || !can('GET /improve/status')) return;
  try { showImprovement(await json('/improve/status')); } catch (e) { /* the Improvements screen shows errors */ }
}

if (estop) {
  poll(checkImprovement, 5000);
  improvement.addEventListener('changed', checkImprovement);
  estop.addEventListener('click', async () => {
    estop.disabled = true;
    clearTimeout(noteTimer);
    estopNote.textContent = 'Stopping…';
    try {
      const answer = await json('/improve/stop', { method: 'POST' });
      estopNote.textContent = answer.message;
      estop.classList.remove('armed');
      improvement.dispatchEvent(new CustomEvent('stopped', { detail: answer }));
      noteTimer = setTimeout(() => { estopNote.textContent = ''; }, 20000);
    } catch (e) {
      estopNote.textContent = 'The stop failed: ' + (e.problem || e.message) + ' ' + (e.remedy || '');
    } finally {
      estop.disabled = false;
    }
  });
}

// ---- router ----------------------------------------------------------------------------------
const main = document.getElementById('main');
let cleanup = null;
let first = true;

async function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  let screen = parts[0];
  if (!config.screens.includes(screen)) {
    screen = config.screens[0];
    if (!screen) {
      main.replaceChildren(h('h1', {}, 'Nothing to show'),
        h('p', {}, 'This server offers no screen to the role ' + config.role + '.'));
      return;
    }
    history.replaceState(null, '', '#/' + screen);
  }
  for (const link of document.querySelectorAll('nav.screens a')) {
    if (link.dataset.screen === screen) {
      link.setAttribute('aria-current', 'page');
      link.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (cleanup) {
    try { cleanup(); } catch (e) { /* a screen that failed to clean up must not stop the next */ }
    cleanup = null;
  }
  main.replaceChildren(loadingNote());
  if (!first) checkImprovement();
  try {
    const module = await import('./' + screen + '.js');
    const view = h('div', { class: 'view', 'data-view': screen });
    main.replaceChildren(view);
    cleanup = (await module.render(view, parts.slice(1))) || null;
  } catch (e) {
    main.replaceChildren(errorNote(e, route));
  }
  document.title = (document.querySelector('main h1')?.textContent || 'BECA') + ' · BECA';
  // The screen's controls are in place and usable: what the page-load harness measures.
  performance.mark('beca:screen-ready');
  if (!first) main.focus();
  first = false;
}

window.addEventListener('hashchange', route);
route();
