// Models: the model of each role, the models the servers have, a health check of each server, the
// versions each role went through, the updates the servers offer; operators test a model and pull
// one (with a progress bar); admins switch a role's model and roll it back (each after a
// confirmation step).
import { api, json, h, field, fill, empty, errorNote, can, when, readEvents, confirmStep } from './app.js';

const STATUS = { UP: 'good', DEGRADED: 'warn', DOWN: 'bad', UNKNOWN: 'warn' };
const ROLES = ['general', 'coding'];

export async function render(view) {
  view.append(h('h1', {}, 'Models'));
  const models = h('div');
  view.append(models);
  const outcome = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const history = h('div', { class: 'history' });
  const loadHistory = () => fill(history, () => json('/models/history'), (data) => showHistory(history, data.versions, act));
  const loadModels = () => fill(models, () => json('/models'), (data) => {
    if (data.active) {
      models.append(h('h2', {}, 'In use'), h('dl', { class: 'kv' },
        Object.entries(data.active).flatMap(([role, name]) => [h('dt', {}, role), h('dd', {}, name)])));
    }
    if (data.models) {
      models.append(h('h2', {}, 'On the servers'));
      if (!data.models.length) models.append(empty('The servers list no model.'));
      models.append(h('ul', { class: 'cards wide' }, data.models.map((m) => h('li', { class: 'card' },
        h('h3', {}, m.name),
        h('p', { class: 'meta' }, [m.server, m.family, m.parameterSize, m.quantization].filter(Boolean).join(' · ')),
        m.capabilities && m.capabilities.length ? h('p', {}, 'Can: ' + m.capabilities.join(', ')) : null))));
    }
    if (can('POST /models/test')) models.append(h('h2', {}, 'Test a model'), testForm(data.models || []));
    if (can('POST /models/use')) models.append(h('h2', {}, 'Switch a role\'s model'), switchForm(data.models || [], act));
  });
  const loaded = loadModels();
  const pull = can('POST /models/pull') ? pullForm(() => loadModels()) : null;

  // Asks first, then calls; the answer's message (or the error's problem and remedy) shows in outcome.
  function act(question, confirmLabel, call) {
    confirmStep(outcome, question, confirmLabel, async () => {
      const answer = await call();
      loadHistory();
      return answer;
    });
  }

  view.append(outcome);
  const waits = [loaded];
  if (pull) view.append(h('h2', {}, 'Pull a model'), pull.form);
  if (can('GET /models/updates')) {
    const updates = h('div', { class: 'updates', 'aria-live': 'polite' });
    view.append(h('h2', {}, 'Updates'), updates);
    waits.push(fill(updates, () => json('/models/updates'), (data) => {
      if (!data.updates.length) {
        updates.append(empty('Nothing new: every model on the servers was used before, with the same digest.'));
        return;
      }
      updates.append(h('ul', { class: 'cards wide' }, data.updates.map((u) => h('li', { class: 'card' },
        h('p', {}, h('strong', {}, u.server + '/' + u.model), ' ',
          h('span', { class: 'badge ' + (u.kind === 'CHANGED' ? 'warn' : 'good') }, u.kind === 'CHANGED' ? 'changed' : 'new')),
        u.kind === 'CHANGED' ? h('p', { class: 'meta' }, 'digest ' + short(u.recordedDigest) + ' → ' + short(u.currentDigest)) : null,
        pull && u.kind === 'CHANGED' ? h('button', { type: 'button', class: 'quiet', onclick: () => pull.start(u.model, u.server) },
          'Pull ' + u.model + ' again') : null))));
    }));
  }
  if (can('GET /models/history')) {
    view.append(h('h2', {}, 'History'), history);
    waits.push(loadHistory());
  }
  if (can('GET /models/health')) {
    const health = h('div', { 'aria-live': 'polite' });
    const check = () => fill(health, () => json('/models/health'), (data) => {
      if (!data.servers.length) health.append(empty('No model server is configured.'));
      health.append(h('ul', { class: 'cards wide' }, data.servers.map((s) => h('li', { class: 'card' },
        h('h3', {}, s.server + ' ', h('span', { class: 'badge ' + (STATUS[s.status] || 'warn') }, String(s.status).toLowerCase())),
        h('p', { class: 'meta' }, [s.baseUrl, s.version ? 'version ' + s.version : null,
          'checked ' + when(s.checkedAt)].filter(Boolean).join(' · ')),
        s.message ? h('p', {}, s.message) : null))));
    });
    view.append(h('h2', {}, 'Health'), h('button', { type: 'button', class: 'quiet', onclick: check }, 'Check again'), health);
    waits.push(check());
  }
  await Promise.all(waits);
}

const short = (digest) => String(digest || '?').replace(/^sha256:/, '').slice(0, 12);

/** Seconds from an ISO-8601 duration such as PT0.21S (the API's durations). */
function seconds(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(String(iso));
  return m ? (Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) : NaN;
}

/** A model chooser: a select of the servers' models, or a text field when they list none. */
function chooser(available, id) {
  const control = available.length
    ? h('select', { id }, available.map((m, i) => h('option', { value: String(i) }, m.server + '/' + m.name)))
    : h('input', { id, required: true, placeholder: 'llama3.2' });
  const chosen = () => (available.length ? available[Number(control.value)] : { name: control.value.trim() });
  return { control, chosen };
}

/** An operator's test of a model for a role: a short prompt, its time to first token and speed. */
function testForm(available) {
  const role = h('select', { id: 'test-role' }, ROLES.map((r) => h('option', { value: r }, r)));
  const model = chooser(available, 'test-model');
  const outcome = h('div', { class: 'test-outcome', 'aria-live': 'polite' });
  const go = h('button', { type: 'submit' }, 'Test');
  const form = h('form', { class: 'row test', onsubmit: async (e) => {
    e.preventDefault();
    const m = model.chosen();
    if (!m.name) return;
    const body = { role: role.value, model: m.name };
    if (m.server) body.server = m.server;
    go.disabled = true;
    outcome.replaceChildren(h('p', { class: 'state', role: 'status' }, 'Testing ' + m.name + '…'));
    try {
      const t = await json('/models/test', { method: 'POST', body });
      const first = seconds(t.timeToFirstToken);
      outcome.replaceChildren(h('div', { class: 'note' + (t.passed ? ' done' : ' error'), role: 'status' },
        h('p', {}, h('strong', {}, t.server + '/' + t.model + (t.passed ? ' passed' : ' failed')), ' for the ' + String(t.role).toLowerCase() + ' role'),
        h('p', { class: 'meta' }, [isNaN(first) ? null : 'first token after ' + first.toFixed(2) + ' s',
          t.tokensPerSecond > 0 ? t.tokensPerSecond.toFixed(1) + ' tokens/s' : null].filter(Boolean).join(' · ')),
        t.problem ? h('p', {}, t.problem) : t.reply ? h('p', { class: 'meta' }, 'Reply: ' + t.reply) : null));
    } catch (err) {
      outcome.replaceChildren(errorNote(err));
    } finally {
      go.disabled = false;
    }
  } }, field('Role', role), field('Model', model.control), go);
  return h('div', {}, form, outcome);
}

/** The pull form: a model name (and server); the download's progress as a bar and a line. */
function pullForm(pulled) {
  const name = h('input', { id: 'pull-model', required: true, autocomplete: 'off', autocapitalize: 'none', placeholder: 'llama3.2:1b' });
  const server = h('input', { id: 'pull-server', autocomplete: 'off', placeholder: 'the default one' });
  const go = h('button', { type: 'submit' }, 'Pull');
  const bar = h('progress', { id: 'pull-progress', max: 1, value: 0, 'aria-label': 'Download progress' });
  const line = h('p', { class: 'state pull-status', role: 'status' }, 'No pull running.');
  const outcome = h('div');
  const start = async (model, on) => {
    name.value = model;
    server.value = on || '';
    go.disabled = true;
    outcome.replaceChildren();
    bar.removeAttribute('value');
    line.textContent = 'Asking the server for ' + model + '…';
    const body = { model };
    if (on) body.server = on;
    try {
      const response = await api('/models/pull', { method: 'POST', body });
      let ended = false;
      await readEvents(response, (event, data) => {
        if (event === 'progress') {
          if (data.total > 0) {
            bar.max = data.total;
            bar.value = data.completed;
            line.textContent = data.status + ': ' + Math.floor(data.completed / data.total * 100) + ' %';
          } else {
            line.textContent = data.status;
          }
        } else if (event === 'result') {
          ended = true;
          bar.max = 1;
          bar.value = 1;
          line.textContent = 'Pulled ' + data.model.server + '/' + data.model.name + '.';
          pulled(data.model);
        } else if (event === 'error') {
          ended = true;
          bar.max = 1;
          bar.value = 0;
          line.textContent = 'The pull failed.';
          outcome.replaceChildren(errorNote(data));
        }
      });
      if (!ended) line.textContent = 'The stream ended early; the pull goes on on the server.';
    } catch (err) {
      bar.max = 1;
      bar.value = 0;
      line.textContent = 'The pull did not start.';
      outcome.replaceChildren(errorNote(err));
    } finally {
      go.disabled = false;
    }
  };
  const form = h('form', { class: 'row pull', onsubmit: (e) => {
    e.preventDefault();
    if (name.value.trim()) start(name.value.trim(), server.value.trim());
  } }, field('Model', name), field('Server', server), go);
  return { form: h('div', {}, form, bar, line, outcome), start };
}

/** The admin's form: a role and a model; switching asks first (the server tests the model before). */
function switchForm(available, act) {
  const role = h('select', { id: 'use-role' }, ROLES.map((r) => h('option', { value: r }, r)));
  const model = available.length
    ? h('select', { id: 'use-model' }, available.map((m, i) => h('option', { value: String(i) }, m.server + '/' + m.name)))
    : h('input', { id: 'use-model', required: true, placeholder: 'llama3.2' });
  const chosen = () => (available.length ? available[Number(model.value)] : { name: model.value.trim() });
  return h('form', { class: 'row switch', onsubmit: (e) => {
    e.preventDefault();
    const m = chosen();
    if (!m.name) return;
    const body = { role: role.value, model: m.name };
    if (m.server) body.server = m.server;
    act('Make ' + (m.server ? m.server + '/' : '') + m.name + ' the ' + role.value
        + ' role\'s model? BECA tests it first; nothing changes if the test fails.', 'Switch',
    () => json('/models/use', { method: 'POST', body }));
  } }, field('Role', role), field('Model', model), h('button', { type: 'submit' }, 'Switch…'));
}

/** The versions of each role, newest first; admins can roll back to an inactive one. */
function showHistory(container, versions, act) {
  if (!versions.length) {
    container.append(empty('No role has switched models yet.'));
    return;
  }
  const rollback = can('POST /models/rollback');
  for (const role of ROLES) {
    const mine = versions.filter((v) => String(v.role).toLowerCase() === role);
    if (!mine.length) continue;
    container.append(h('h3', {}, role), h('ol', { class: 'cards wide' }, mine.map((v) => h('li', { class: 'card version' },
      h('p', {}, h('strong', {}, 'Version ' + v.id + ': ' + v.model.server + '/' + v.model.name), ' ',
        h('span', { class: 'badge ' + (v.status === 'ACTIVE' ? 'good' : 'warn') }, String(v.status).toLowerCase())),
      h('p', { class: 'meta' }, 'activated ' + when(v.activatedAt) + (v.notes ? ' · ' + v.notes : '')),
      rollback && v.status !== 'ACTIVE' ? h('button', { type: 'button', class: 'quiet', onclick: () =>
        act('Make version ' + v.id + ' (' + v.model.server + '/' + v.model.name + ') the ' + role
          + ' role\'s model again?', 'Roll back',
        () => json('/models/rollback', { method: 'POST', body: { role, version: v.id } })) },
      'Roll back to version ' + v.id + '…') : null))));
  }
}
