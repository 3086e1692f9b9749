// Settings (admins): the API tokens, a new token (its secret shown once), and revoking one; the
// rate limits and what the permission policy decides, read-only (GET /settings).
import { json, h, field, fill, empty, errorNote, can, when, user } from './app.js';

export async function render(view) {
  view.append(h('h1', {}, 'Settings'), h('h2', {}, 'API tokens'));
  const list = h('div');
  const load = () => fill(list, () => json('/tokens'), (data) => {
    if (!data.tokens.length) list.append(empty('No token.'));
    list.append(h('ul', { class: 'cards wide' }, data.tokens.map((t) => {
      const state = t.revokedAt ? 'revoked ' + when(t.revokedAt)
        : t.expiresAt ? 'expires ' + when(t.expiresAt) : 'does not expire';
      const revoke = !t.revokedAt && can('DELETE /tokens/{name}') && t.name !== user.name
        ? h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm('Revoke the token ' + t.name + '? Clients using it stop working at once.')) return;
          try {
            await json('/tokens/' + encodeURIComponent(t.name), { method: 'DELETE' });
            load();
          } catch (e) {
            list.prepend(errorNote(e));
          }
        } }, 'Revoke ' + t.name) : null;
      return h('li', { class: 'card' }, h('h3', {}, t.name + ' ', h('span', { class: 'badge' }, String(t.role).toLowerCase())),
        h('p', { class: 'meta' }, 'created ' + when(t.createdAt) + ' · ' + state), revoke);
    })));
  });
  if (can('POST /tokens')) {
    const name = h('input', { id: 'token-name', required: true, maxlength: 100, autocomplete: 'off' });
    const role = h('select', { id: 'token-role' }, ['viewer', 'operator', 'admin'].map((r) => h('option', { value: r }, r)));
    const days = h('input', { id: 'token-days', type: 'number', min: 1, max: 3650, inputmode: 'numeric' });
    const outcome = h('div', { 'aria-live': 'polite' });
    view.append(h('form', { class: 'row', onsubmit: async (e) => {
      e.preventDefault();
      outcome.replaceChildren();
      const body = { name: name.value.trim(), role: role.value };
      if (days.value) body.expiresInDays = Number(days.value);
      try {
        const created = await json('/tokens', { method: 'POST', body });
        outcome.append(h('div', { class: 'note' }, h('p', {}, 'The secret of ' + created.token.name + ', shown this once:'),
          h('p', { class: 'secret' }, created.secret)));
        name.value = '';
        load();
      } catch (err) {
        outcome.append(errorNote(err));
      }
    } }, field('Name', name), field('Role', role), field('Expires in days (empty: never)', days),
    h('button', { type: 'submit' }, 'Create token')), outcome);
  }
  view.append(list);
  const waits = [load()];
  if (can('GET /settings')) {
    const limits = h('div');
    const policy = h('div');
    view.append(h('h2', {}, 'Rate limits of each token'), limits, h('h2', {}, 'Permission policy of the API'), policy);
    waits.push(fill(limits, () => json('/settings'), (data) => {
      limits.append(h('div', { class: 'scroll' }, h('table', { class: 'limits' },
        h('thead', {}, h('tr', {}, ['Operation', 'Per minute', 'Per hour'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, data.rateLimits.map((l) => h('tr', {}, h('td', {}, l.operation.replace('_', ' ')),
          h('td', {}, l.perMinute === null ? 'no limit' : String(l.perMinute)),
          h('td', {}, l.perHour === null ? 'no limit' : String(l.perHour))))))),
      h('p', { class: 'hint' }, 'Set when the server starts: beca serve --rate-limits (or BECA_RATE_LIMITS). Reads are not limited.'));
      policy.append(h('p', {}, 'Mode: ', h('strong', {}, data.policy.mode)),
        h('ul', { class: 'cards wide' }, data.policy.operations.map((o) => h('li', { class: 'card' },
          h('p', {}, h('strong', {}, o.operation), ' ',
            h('span', { class: 'badge ' + (o.effect === 'allow' ? 'good' : o.effect === 'deny' ? 'bad' : 'warn') }, o.effect)),
          h('p', { class: 'meta' }, o.what + ' · ' + o.rule)))),
        h('p', { class: 'hint' }, 'Ask: the admin\'s request is the answer. An emergency stop runs even when denied. '
          + 'Change the rules in policy.toml in the data directory.'));
    }));
  }
  await Promise.all(waits);
}
