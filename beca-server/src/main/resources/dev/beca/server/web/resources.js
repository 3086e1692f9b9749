// Resources: CPU, memory, heap and disk measured now, GPUs, the model servers with the models they
// have loaded, charts over time from the stored metric history, and the monitoring alerts in force.
import { json, h, field, fill, empty, can, when } from './app.js';
import { seriesChart } from './chart.js';

const SERVER = { ok: 'good', unsupported: 'warn', unreachable: 'bad' };

/** Bytes as people read them (binary units). */
function size(bytes) {
  if (bytes === undefined || bytes === null || bytes < 0) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit ? value.toFixed(1) : String(value)) + ' ' + units[unit];
}

const percent = (ratio) => (ratio === undefined || ratio === null || ratio < 0 ? '?' : Math.round(ratio * 100) + ' %');

/** A labelled gauge: the figure in words plus a <meter> (low is good unless inverted). */
function gauge(label, ratio, words, inverted) {
  const known = ratio !== undefined && ratio !== null && ratio >= 0;
  return h('li', { class: 'card' },
    h('h3', {}, label + ' ', h('span', { class: 'meta' }, known ? percent(ratio) : '')),
    known ? h('meter', inverted
      ? { min: 0, max: 1, low: 0.1, high: 0.2, optimum: 1, value: ratio, 'aria-label': label + ' ' + percent(ratio) }
      : { min: 0, max: 1, low: 0.7, high: 0.9, optimum: 0, value: ratio, 'aria-label': label + ' ' + percent(ratio) }) : null,
    h('p', { class: 'meta' }, words));
}

/** The stored series the charts show, when the server has them. */
const SERIES = [
  { name: 'system.cpu.load', label: 'CPU', format: percent },
  { name: 'system.memory.used_ratio', label: 'Memory used', format: percent },
  { name: 'jvm.heap.used_bytes', label: 'Java heap', format: size },
  { name: 'disk.free_bytes', label: 'Disk free', format: size },
  { name: 'model.first_token.p95_ms', label: 'First token p95', format: (v) => Math.round(v) + ' ms' },
  { name: 'queue.learning', label: 'Learning queue', format: (v) => String(Math.round(v)) },
];

export async function render(view) {
  view.append(h('h1', {}, 'Resources'));
  const now = h('div', { 'aria-live': 'polite' });
  const measure = () => fill(now, () => json('/resources'), (r) => {
    now.append(h('p', { class: 'meta' }, 'Measured ' + when(r.at)));
    const cards = [];
    if (r.cpu) {
      cards.push(gauge('CPU', r.cpu.systemLoad,
        [r.cpu.logicalProcessors + ' logical processors', r.cpu.model,
          'BECA ' + percent(r.cpu.processLoad)].filter(Boolean).join(' · ')));
    }
    if (r.memory) {
      cards.push(gauge('Memory', r.memory.usedRatio,
        size(r.memory.availableBytes) + ' free of ' + size(r.memory.totalBytes)
          + ' · BECA ' + size(r.memory.processResidentBytes)));
    }
    if (r.heap) {
      cards.push(gauge('Java heap', r.heap.usedRatio,
        size(r.heap.usedBytes) + ' used of ' + size(r.heap.maxBytes > 0 ? r.heap.maxBytes : r.heap.committedBytes)));
    }
    if (r.disk) {
      cards.push(gauge('Disk free', r.disk.freeRatio,
        size(r.disk.freeBytes) + ' free of ' + size(r.disk.totalBytes) + ' · ' + r.disk.path, true));
    }
    now.append(h('ul', { class: 'cards gauges' }, cards));

    now.append(h('h2', {}, 'GPUs'));
    const gpu = r.gpu || { status: 'absent', devices: [], detail: 'Not measured.' };
    if (!gpu.devices || !gpu.devices.length) {
      now.append(empty(gpu.detail || 'No GPU is visible.'));
    } else {
      now.append(h('ul', { class: 'cards wide' }, gpu.devices.map((d) => h('li', { class: 'card' },
        h('h3', {}, 'GPU ' + d.index + ': ' + d.name),
        h('p', { class: 'meta' }, size(d.memoryUsedBytes) + ' used of ' + size(d.memoryTotalBytes)
          + ' · busy ' + Math.round(d.utilization) + ' %')))));
      if (gpu.status === 'failed' && gpu.detail) now.append(h('p', { class: 'note error' }, gpu.detail));
    }

    now.append(h('h2', {}, 'Model servers'));
    const servers = r.modelServers || [];
    if (!servers.length) now.append(empty('No model server is configured.'));
    now.append(h('ul', { class: 'cards wide' }, servers.map((s) => h('li', { class: 'card' },
      h('h3', {}, s.server + ' ', h('span', { class: 'badge ' + (SERVER[s.status] || 'warn') }, s.status)),
      h('p', { class: 'meta' }, [s.baseUrl, s.memoryBytes ? size(s.memoryBytes) + ' loaded' : null,
        s.vramBytes ? size(s.vramBytes) + ' in VRAM' : null].filter(Boolean).join(' · ')),
      s.problem ? h('p', {}, h('strong', {}, s.problem), ' ', s.remedy || '') : null,
      s.status === 'ok' && !(s.models || []).length ? h('p', { class: 'state' }, 'No model is loaded.') : null,
      (s.models || []).length ? h('ul', { class: 'loaded' }, s.models.map((m) => h('li', {},
        h('code', {}, m.name), ' ',
        h('span', { class: 'meta' }, [size(m.sizeBytes), m.vramBytes ? size(m.vramBytes) + ' VRAM' : null,
          m.contextLength ? 'context ' + m.contextLength : null,
          m.expiresAt ? 'unloads ' + when(m.expiresAt) : null].filter(Boolean).join(' · '))))) : null))));
  });
  view.append(h('button', { type: 'button', class: 'quiet', onclick: measure }, 'Measure again'), now);
  const waits = [measure()];

  if (can('GET /metrics/history')) {
    const period = h('select', { id: 'history-period' },
      [['1h', 'last hour'], ['6h', 'last 6 hours'], ['24h', 'last day'], ['7d', 'last 7 days']]
        .map(([v, t]) => h('option', { value: v }, t)));
    const charts = h('div', { class: 'history-charts' });
    const draw = () => fill(charts, async () => {
      const known = new Set((await json('/metrics/history')).series);
      const shown = SERIES.filter((c) => known.has(c.name));
      const answers = await Promise.all(shown.map((c) =>
        json('/metrics/history?name=' + encodeURIComponent(c.name) + '&from=' + period.value)));
      return shown.map((c, i) => ({ ...c, points: answers[i].points, resolution: answers[i].resolution }));
    }, (series) => {
      if (!series.length) {
        charts.append(empty('No sample is stored yet: the server records one every 30 s while it serves.'));
        return;
      }
      const width = charts.clientWidth;
      charts.append(h('ul', { class: 'cards gauges' }, series.map((c) => h('li', { class: 'card chart' },
        h('h3', {}, c.label + ' ', h('span', { class: 'meta' }, c.points.length ? c.format(c.points[c.points.length - 1].average) : '')),
        c.points.length ? seriesChart(c.points, c.label, c.format, Math.min(width, 420))
          : h('p', { class: 'state' }, 'No sample in this period.'),
        h('p', { class: 'meta' }, c.points.length + ' points, ' + c.resolution)))));
    });
    period.addEventListener('change', draw);
    view.append(h('h2', {}, 'Over time'), field('Period', period), charts);
    waits.push(draw());
  }

  if (can('GET /monitoring/alerts')) {
    const alerts = h('div', { 'aria-live': 'polite' });
    view.append(h('h2', {}, 'Alerts in force'), alerts);
    waits.push(fill(alerts, () => json('/monitoring/alerts?active=true'), (data) => {
      if (!data.alerts.length) {
        alerts.append(empty('No threshold is crossed.'));
        return;
      }
      alerts.append(h('ul', { class: 'cards wide' }, data.alerts.map((a) => h('li', { class: 'card' },
        h('h3', {}, a.rule + ' ', h('span', { class: 'badge bad' }, String(a.state).toLowerCase())),
        h('p', {}, a.message),
        h('p', { class: 'meta' }, a.series + ' · ' + a.value + ' (threshold ' + a.threshold + ') · since ' + when(a.at))))));
    }));
  }
  await Promise.all(waits);
}
