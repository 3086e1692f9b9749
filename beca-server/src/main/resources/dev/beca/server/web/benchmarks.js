// Benchmarks: each benchmark with its latest score, a run with live progress (operators), and a
// trend chart (inline SVG) of the one chosen, with the same points as a table for screen readers;
// a point's result shows with its parts and hints.
import { api, json, h, field, fill, empty, errorNote, when, can, readEvents } from './app.js';

export async function render(view, [name]) {
  view.append(h('h1', {}, 'Benchmarks'));
  const list = h('div');
  const detail = h('section', { 'aria-live': 'polite' });
  const result = h('section', { class: 'result', 'aria-live': 'polite' });
  let trend = null;
  if (can('POST /benchmarks/run')) {
    view.append(runForm(name, (stored) => {
      loadList();
      if (trend && stored.benchmark === name) trend();
      else location.hash = '#/benchmarks/' + encodeURIComponent(stored.benchmark);
    }));
  }
  view.append(list, detail, result);
  const loadList = () => fill(list, () => json('/benchmarks'), (data) => {
    if (!data.benchmarks.length) {
      list.append(empty('No benchmark has run yet. Run one with: beca benchmark run PROJECT'));
      return;
    }
    list.append(h('ul', { class: 'cards wide' }, data.benchmarks.map((b) => h('li', { class: 'card' },
      h('a', { class: 'title', href: '#/benchmarks/' + encodeURIComponent(b.name) }, b.name),
      h('p', {}, 'Score ', h('strong', {}, b.latestScore.toFixed(2)), ' · ' + b.runs + ' runs'),
      h('p', { class: 'meta' }, b.projectPath + ' · ' + when(b.latestAt)
        + (b.latestCommit ? ' · ' + b.latestCommit.slice(0, 10) : ''))))));
  });
  await loadList();
  if (name) trend = showTrend(detail, name, (id) => showResult(result, id));
}

/** The run form: a folder of the project and a name; progress shows probe by probe. */
function runForm(current, done) {
  const path = h('input', { id: 'run-path', value: '.', required: true, autocomplete: 'off' });
  const label = h('input', { id: 'run-name', value: current || '', autocomplete: 'off', placeholder: 'the folder\'s name' });
  const force = h('input', { id: 'run-force', type: 'checkbox' });
  const go = h('button', { type: 'submit' }, 'Run');
  const bar = h('progress', { id: 'run-progress', max: 1, value: 0, 'aria-label': 'Benchmark progress' });
  const steps = h('ol', { class: 'probes' });
  const line = h('p', { class: 'state', role: 'status' }, 'Not running.');
  const outcome = h('div');
  const form = h('form', { class: 'row', onsubmit: async (e) => {
    e.preventDefault();
    go.disabled = true;
    steps.replaceChildren();
    outcome.replaceChildren();
    bar.value = 0;
    bar.max = 1;
    line.textContent = 'Starting…';
    const body = { path: path.value.trim() || '.', force: force.checked };
    if (label.value.trim()) body.name = label.value.trim();
    const rows = new Map();
    try {
      const response = await api('/benchmarks/run', { method: 'POST', body });
      let ended = false;
      await readEvents(response, (event, data) => {
        if (event === 'started') {
          bar.max = Math.max(1, data.probes.length);
          line.textContent = 'Running ' + data.benchmark + ': ' + data.probes.length + ' probes.';
          for (const probe of data.probes) {
            const row = h('li', {}, probe + ' ', h('span', { class: 'meta' }, 'waiting'));
            rows.set(probe, row);
            steps.append(row);
          }
        } else if (event === 'cached') {
          line.textContent = 'The tree did not change since ' + when(data.startedAt) + ': the stored result stands (tick "Run again" to force).';
        } else if (event === 'probe_started') {
          line.textContent = 'Probe ' + data.index + ' of ' + data.count + ': ' + data.probe + '…';
          rows.get(data.probe)?.lastChild.replaceChildren('running…');
        } else if (event === 'probe_finished') {
          bar.value = Math.min(bar.max, bar.value + 1);
          rows.get(data.probe)?.lastChild.replaceChildren(String(data.status).toLowerCase()
            + (data.message ? ': ' + data.message : ''));
        } else if (event === 'result') {
          ended = true;
          bar.value = bar.max;
          const r = data.result;
          line.textContent = 'Done: ' + r.benchmark + ' scored ' + r.score.value.toFixed(2) + ' (result ' + r.id + ').';
          done(r);
        } else if (event === 'error') {
          ended = true;
          outcome.replaceChildren(errorNote(data));
          line.textContent = 'The run failed.';
        }
      });
      if (!ended) line.textContent = 'The stream ended early; the run may still be stored.';
    } catch (err) {
      outcome.replaceChildren(errorNote(err));
      line.textContent = 'The run did not start.';
    } finally {
      go.disabled = false;
    }
  } }, field('Folder of the project', path), field('Name', label),
  h('label', { class: 'check' }, force, ' Run again even if nothing changed'), go);
  return h('section', { class: 'run', 'aria-label': 'Run a benchmark' },
    h('h2', {}, 'Run a benchmark'), form, bar, line, steps, outcome);
}

/** A stored result: the score, its parts with their weights, and the hints. */
function showResult(container, id) {
  fill(container, () => json('/benchmarks/results/' + id), (data) => {
    const r = data.result;
    const parts = Object.entries(r.score.parts || {});
    container.append(...[h('h2', {}, 'Result ' + r.id + ' of ' + r.benchmark),
      h('p', {}, 'Score ', h('strong', {}, r.score.value.toFixed(2)), ' · ' + when(r.startedAt)
        + (r.revision && r.revision.commit ? ' · ' + String(r.revision.commit).slice(0, 10) : '')),
      r.score.explanation ? h('p', { class: 'meta' }, r.score.explanation) : null,
      parts.length ? h('table', { class: 'parts' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Part'), h('th', { scope: 'col' }, 'Score'), h('th', { scope: 'col' }, 'Weight'))),
        h('tbody', {}, parts.map(([part, value]) => h('tr', {}, h('td', {}, part),
          h('td', {}, typeof value === 'number' ? value.toFixed(2) : String(value)),
          h('td', {}, r.score.weights && r.score.weights[part] !== undefined ? String(r.score.weights[part]) : ''))))) : null,
      h('h3', {}, 'Hints'),
      (r.score.hints || []).length ? h('ul', {}, r.score.hints.map((hint) => h('li', {}, typeof hint === 'string' ? hint : hint.text || JSON.stringify(hint))))
        : empty('No hint: nothing to improve was found.')].filter(Boolean));
  });
}

function showTrend(detail, name, open) {
  const days = h('select', { id: 'trend-days' },
    [7, 30, 90, 365].map((d) => h('option', { value: d, selected: d === 30 }, d + ' days')));
  const chart = h('div', { class: 'chart' });
  detail.append(h('h2', {}, 'Trend of ' + name), field('Period', days), chart);
  const load = () => fill(chart, () => json('/benchmarks/' + encodeURIComponent(name) + '/trend?days=' + days.value), (data) => {
    if (!data.points.length) {
      chart.append(empty('No run in this period.'));
      return;
    }
    chart.append(trendChart(data.points, name, chart.clientWidth));
    chart.append(h('details', {}, h('summary', {}, 'The points as a table'),
      h('div', { class: 'scroll' }, h('table', { class: 'points' }, h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Score'), h('th', {}, 'Commit'), h('th', {}, 'Details'))),
        h('tbody', {}, data.points.map((p) => h('tr', {}, h('td', {}, when(p.at)), h('td', {}, p.score.toFixed(2)),
          h('td', {}, (p.commit || '').slice(0, 10) + (p.dirty ? ' (changed)' : '')),
          h('td', {}, p.resultId ? h('button', { type: 'button', class: 'quiet', onclick: () => open(p.resultId) }, 'Result ' + p.resultId) : ''))))))));
  });
  days.addEventListener('change', load);
  load();
  return load;
}

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A line chart of scores over time: 0 (worst) to 1 (best), or the points' own range. */
export function trendChart(points, name, available) {
  // Drawn at the width it is shown at, so its labels keep their size on a phone and a desktop.
  const width = Math.round(Math.max(280, Math.min(768, available || 600)));
  const height = 220, left = 36, right = 10, top = 10, bottom = 28;
  const times = points.map((p) => new Date(p.at).getTime());
  const scores = points.map((p) => p.score);
  let low = Math.min(...scores), high = Math.max(...scores);
  if (low >= 0 && high <= 1) { low = 0; high = 1; }
  if (high === low) { high += 1; low -= 1; }
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const x = (t) => left + (t1 === t0 ? (width - left - right) / 2 : (t - t0) / (t1 - t0) * (width - left - right));
  const y = (v) => top + (high - v) / (high - low) * (height - top - bottom);
  const last = points[points.length - 1];
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${name}: ${points.length} runs, latest score ${last.score.toFixed(2)}` });
  svg.append(
    s('line', { class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom }),
    s('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }),
    s('text', { x: 2, y: top + 10 }, String(+high.toFixed(2))),
    s('text', { x: 2, y: height - bottom }, String(+low.toFixed(2))),
    s('text', { x: left, y: height - 8 }, new Date(t0).toLocaleDateString()),
    s('text', { x: width - right, y: height - 8, 'text-anchor': 'end' }, new Date(t1).toLocaleDateString()),
    s('polyline', { class: 'line', points: points.map((p, i) => x(times[i]) + ',' + y(p.score)).join(' ') }));
  points.forEach((p, i) => svg.append(s('circle', { class: 'dot', cx: x(times[i]), cy: y(p.score), r: 4 },
    s('title', {}, when(p.at) + ': ' + p.score.toFixed(2)))));
  return svg;
}
