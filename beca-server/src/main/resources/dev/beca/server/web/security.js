// Security: the secret alerts, grouped by fingerprint (one secret seen several times is one group);
// fingerprints only, never the secrets.
import { json, h, fill, empty, when } from './app.js';

const SEVERITY = { CRITICAL: 'bad', HIGH: 'bad', MEDIUM: 'warn', LOW: 'good', INFO: 'good' };

export async function render(view) {
  view.append(h('h1', {}, 'Security alerts'),
    h('p', { class: 'hint' }, 'Secrets BECA found on its write paths and redacted before storing. Rotate each secret, then remove it at its location.'));
  const list = h('div');
  view.append(list);
  await fill(list, () => json('/alerts?limit=200'), (data) => {
    if (!data.alerts.length) {
      list.append(empty('No alerts: no secret has been seen.'));
      return;
    }
    const groups = new Map();
    for (const alert of data.alerts) {
      if (!groups.has(alert.fingerprint)) groups.set(alert.fingerprint, []);
      groups.get(alert.fingerprint).push(alert);
    }
    list.append(h('p', { class: 'meta' }, data.alerts.length + ' alerts, ' + groups.size + ' distinct secrets'));
    list.append(h('ul', { class: 'cards wide' }, [...groups.entries()].map(([fingerprint, alerts]) => {
      const a = alerts[0];
      return h('li', { class: 'card' },
        h('h3', {}, a.ruleId + ' ', h('span', { class: 'badge ' + (SEVERITY[a.severity] || 'warn') }, String(a.severity).toLowerCase())),
        h('dl', { class: 'kv' },
          h('dt', {}, 'Fingerprint'), h('dd', {}, h('code', {}, fingerprint)),
          h('dt', {}, 'Seen'), h('dd', {}, alerts.length + (alerts.length === 1 ? ' time' : ' times') + ', last ' + when(a.time)),
          h('dt', {}, 'Where'), h('dd', {}, [...new Set(alerts.map((x) => x.source + ': ' + x.location))].join('; ')),
          h('dt', {}, 'Confidence'), h('dd', {}, a.confidence ? String(a.confidence).toLowerCase() : 'unknown')));
    })));
  });
}
