// Models: the model of each role, the models the servers have, and a health check of each server.
// (Switching, rollback, pulls and history arrive with their endpoints.)
import { json, h, fill, empty, can, when } from './app.js';

const STATUS = { UP: 'good', DEGRADED: 'warn', DOWN: 'bad', UNKNOWN: 'warn' };

export async function render(view) {
  view.append(h('h1', {}, 'Models'));
  const models = h('div');
  view.append(models);
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
  });
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
    check();
  }
  await loaded;
}
