// Benchmarks: each benchmark with its latest score, and a trend chart (inline SVG) of the one
// chosen, with the same points as a table for screen readers.
import { json, h, field, fill, empty, when } from './app.js';

export async function render(view, [name]) {
  view.append(h('h1', {}, 'Benchmarks'));
  const list = h('div');
  const detail = h('section', { 'aria-live': 'polite' });
  view.append(list, detail);
  await fill(list, () => json('/benchmarks'), (data) => {
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
  if (name) showTrend(detail, name);
}

function showTrend(detail, name) {
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
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Score'), h('th', {}, 'Commit'))),
        h('tbody', {}, data.points.map((p) => h('tr', {}, h('td', {}, when(p.at)), h('td', {}, p.score.toFixed(2)),
          h('td', {}, (p.commit || '').slice(0, 10) + (p.dirty ? ' (changed)' : ''))))))));
  });
  days.addEventListener('change', load);
  load();
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
