// Threads: the list (most recently active first), history search, a thread with its summary and
// latest messages, and (for operators) new threads and summaries made by the model.
import { json, h, field, fill, empty, errorNote, can, when } from './app.js';

export async function render(view, [id]) {
  if (id) return showThread(view, id);
  view.append(h('h1', {}, 'Threads'));

  const query = h('input', { type: 'search', id: 'search-q', name: 'q', required: true, placeholder: 'words to find' });
  const mode = h('select', { id: 'search-mode' },
    h('option', { value: 'hybrid' }, 'Keywords and meaning'),
    h('option', { value: 'keyword' }, 'Keywords'),
    h('option', { value: 'semantic' }, 'Meaning'));
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  if (can('GET /search')) {
    view.append(h('form', { class: 'row', role: 'search', onsubmit: (e) => {
      e.preventDefault();
      const q = query.value.trim();
      if (!q) return;
      fill(results, () => json('/search?q=' + encodeURIComponent(q) + '&mode=' + mode.value + '&limit=20'), (data) => {
        results.append(h('h2', {}, data.hits.length + ' found'));
        if (!data.hits.length) results.append(empty('Nothing matches; try other words.'));
        results.append(h('ul', { class: 'cards' }, data.hits.map((hit) => h('li', { class: 'card' },
          h('p', { class: 'meta' }, hit.message.role.toLowerCase() + ' · ' + when(hit.message.createdAt)
            + (hit.message.threadId ? ' · ' : ''),
            hit.message.threadId ? h('a', { href: '#/threads/' + hit.message.threadId }, 'thread ' + hit.message.threadId) : null),
          h('p', {}, hit.snippet || hit.message.content)))));
      });
    } }, field('Search the history', query), field('Match', mode), h('button', { type: 'submit' }, 'Search')));
    view.append(results);
  }

  const list = h('div');
  const load = () => fill(list, () => json('/threads'), (data) => {
    if (!data.threads.length) list.append(empty('No threads yet.'));
    list.append(h('ul', { class: 'cards wide' }, data.threads.map((t) => h('li', { class: 'card' },
      h('a', { class: 'title', href: '#/threads/' + t.id }, t.name),
      h('p', { class: 'meta' }, t.messageCount + ' messages · last active ' + when(t.lastActivityAt))))));
  });

  view.append(h('h2', {}, 'All threads'));
  if (can('POST /threads')) {
    const name = h('input', { id: 'thread-name', name: 'name', required: true, maxlength: 200 });
    const outcome = h('div', { 'aria-live': 'polite' });
    view.append(h('form', { class: 'row', onsubmit: async (e) => {
      e.preventDefault();
      outcome.replaceChildren();
      try {
        await json('/threads', { method: 'POST', body: { name: name.value.trim() } });
        name.value = '';
        load();
      } catch (err) {
        outcome.append(errorNote(err));
      }
    } }, field('New thread', name), h('button', { type: 'submit' }, 'Create')), outcome);
  }
  view.append(list);
  await load();
}

async function showThread(view, id) {
  view.append(h('p', {}, h('a', { href: '#/threads' }, '← All threads')));
  const body = h('div');
  view.append(body);
  const load = () => fill(body, () => json('/threads/' + encodeURIComponent(id) + '?limit=50'), (data) => {
    body.append(h('h1', {}, data.thread.name),
      h('p', { class: 'meta' }, data.thread.messageCount + ' messages · created ' + when(data.thread.createdAt)));
    const summary = h('section', { 'aria-labelledby': 'summary-h' }, h('h2', { id: 'summary-h' }, 'Summary'));
    const summaryText = h('div', { 'aria-live': 'polite' });
    showSummary(summaryText, data.summary);
    summary.append(summaryText);
    if (can('POST /threads/{id}/summary')) {
      const button = h('button', { type: 'button', class: 'quiet', onclick: async () => {
        button.disabled = true;
        await fill(summaryText, () => json('/threads/' + encodeURIComponent(id) + '/summary', { method: 'POST' }),
          (result) => showSummary(summaryText, result.summary || result));
        button.disabled = false;
      } }, 'Summarise now');
      summary.append(button);
    }
    body.append(summary, h('h2', {}, 'Latest messages'));
    if (!data.messages.length) body.append(empty('No messages in this thread.'));
    body.append(h('ul', { class: 'cards' }, data.messages.map((m) => h('li', { class: 'card' },
      h('p', { class: 'meta' }, m.role.toLowerCase() + ' · ' + when(m.createdAt) + (m.success ? '' : ' · incomplete')),
      h('pre', {}, m.content)))));
  });
  await load();
}

function showSummary(container, summary) {
  container.replaceChildren();
  if (!summary || !summary.content) {
    container.append(empty('No summary yet.'));
    return;
  }
  container.append(h('p', {}, summary.content),
    h('p', { class: 'meta' }, (summary.kind === 'EXTRACTIVE' ? 'Extractive summary' : 'By ' + summary.model)
      + ' · ' + when(summary.createdAt)));
}
