// Troubleshooting: model call failures grouped by cause, each with what BECA did and what to do;
// the retry that makes sense here is checking the model servers again.
import { json, h, fill, empty, when, can } from './app.js';

export async function render(view) {
  view.append(h('h1', {}, 'Troubleshooting'),
    h('p', { class: 'hint' }, 'Failures of model calls, newest first, grouped by cause.'));
  const health = h('div', { 'aria-live': 'polite' });
  if (can('GET /models/health')) {
    view.append(h('div', { class: 'row' }, h('button', { type: 'button', class: 'quiet', onclick: () =>
      fill(health, () => json('/models/health'), (data) => {
        health.append(h('ul', { class: 'cards' }, data.servers.map((s) => h('li', { class: 'card' },
          h('strong', {}, s.server + ': ' + String(s.status).toLowerCase()), ' ', s.message || ''))));
      }) }, 'Check the model servers now')), health);
  }
  const list = h('div');
  view.append(list);
  await fill(list, () => json('/errors?limit=200'), (data) => {
    if (!data.errors.length) {
      list.append(empty('No model call has failed.'));
      return;
    }
    const groups = new Map();
    for (const e of data.errors) {
      const key = e.errorClass + ' · ' + e.server;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    }
    list.append(h('ul', { class: 'cards' }, [...groups.entries()].map(([cause, errors]) => {
      const latest = errors[0];
      return h('li', { class: 'card' },
        h('h3', {}, cause),
        h('p', { class: 'meta' }, errors.length + (errors.length === 1 ? ' time' : ' times') + ', last ' + when(latest.time)
          + (latest.model ? ' · model ' + latest.model : '')),
        h('p', {}, h('strong', {}, 'What to do: '), latest.message),
        latest.action ? h('p', {}, h('strong', {}, 'What BECA did: '), latest.action) : null,
        errors.length > 1 ? h('details', {}, h('summary', {}, 'Every occurrence'),
          h('ul', {}, errors.map((e) => h('li', {}, when(e.time) + ': ' + e.message)))) : null);
    })));
  });
}
