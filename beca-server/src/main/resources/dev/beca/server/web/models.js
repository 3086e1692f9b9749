// Models: the model of each role, the models the servers have, a health check of each server, the
// versions each role went through and, for admins, switching a role's model and rolling it back
// (each after a confirmation step). (Pulls arrive with their screen.)
import { json, h, field, fill, empty, errorNote, can, when } from './app.js';

const STATUS = { UP: 'good', DEGRADED: 'warn', DOWN: 'bad', UNKNOWN: 'warn' };
const ROLES = ['general', 'coding'];

export async function render(view) {
  view.append(h('h1', {}, 'Models'));
  const models = h('div');
  view.append(models);
  const outcome = h('div', { class: 'outcome', 'aria-live': 'polite' });
  const history = h('div', { class: 'history' });
  const loadHistory = () => fill(history, () => json('/models/history'), (data) => showHistory(history, data.versions, act));
  const loaded = fill(models, () => json('/models'), (data) => {
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
    if (can('POST /models/use')) models.append(h('h2', {}, 'Switch a role\'s model'), switchForm(data.models || [], act));
  });

  // Asks first, then calls; the answer's message (or the error's problem and remedy) shows in outcome.
  function act(question, confirmLabel, call) {
    outcome.replaceChildren();
    const yes = h('button', { type: 'button', class: 'danger confirm' }, confirmLabel);
    const no = h('button', { type: 'button', class: 'quiet' }, 'Cancel');
    const box = h('div', { class: 'note confirmation', role: 'group', 'aria-label': 'Confirm' },
      h('p', {}, question), h('div', { class: 'row' }, yes, no));
    no.addEventListener('click', () => outcome.replaceChildren(h('p', { class: 'state', role: 'status' }, 'Nothing changed.')));
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      no.disabled = true;
      outcome.replaceChildren(h('p', { class: 'state', role: 'status' }, 'Working…'));
      try {
        const answer = await call();
        outcome.replaceChildren(h('p', { class: 'note done', role: 'status' }, answer.message || 'Done.'));
        loadHistory();
      } catch (err) {
        outcome.replaceChildren(errorNote(err));
      }
    });
    outcome.append(box);
    box.scrollIntoView({ block: 'nearest' });
    yes.focus();
  }

  view.append(outcome);
  const waits = [loaded];
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
