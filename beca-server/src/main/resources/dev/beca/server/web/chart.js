// A small line chart (inline SVG) of a stored monitoring series: the averages as a line, the
// lowest and highest values as a band; its words (latest, lowest, highest) are its accessible name.
const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/**
 * Draws points ({at, average, min, max}) at the width available; `format` turns a value into
 * words. Values from 0 to 1 are drawn on a 0-1 scale, others on their own range.
 */
export function seriesChart(points, label, format, available) {
  const width = Math.round(Math.max(260, Math.min(640, available || 320)));
  const height = 120, left = 4, right = 4, top = 6, bottom = 18;
  const times = points.map((p) => new Date(p.at).getTime());
  let low = Math.min(...points.map((p) => p.min)), high = Math.max(...points.map((p) => p.max));
  if (low >= 0 && high <= 1) { low = 0; high = 1; }
  if (high === low) { high += Math.abs(high) * 0.1 || 1; low -= Math.abs(low) * 0.1 || 1; }
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const x = (t) => left + (t1 === t0 ? (width - left - right) / 2 : (t - t0) / (t1 - t0) * (width - left - right));
  const y = (v) => top + (high - v) / (high - low) * (height - top - bottom);
  const last = points[points.length - 1];
  const lowest = Math.min(...points.map((p) => p.min)), highest = Math.max(...points.map((p) => p.max));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${label}: latest ${format(last.average)}, lowest ${format(lowest)}, highest ${format(highest)}, ${points.length} points` });
  const band = points.map((p, i) => x(times[i]) + ',' + y(p.max))
    .concat(points.slice().reverse().map((p, i) => x(times[times.length - 1 - i]) + ',' + y(p.min)));
  svg.append(
    s('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }),
    s('polygon', { class: 'band', points: band.join(' ') }),
    s('polyline', { class: 'line', points: points.map((p, i) => x(times[i]) + ',' + y(p.average)).join(' ') }),
    s('text', { x: left, y: height - 4 }, new Date(t0).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
    s('text', { x: width - right, y: height - 4, 'text-anchor': 'end' }, new Date(t1).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
  if (points.length === 1) svg.append(s('circle', { class: 'dot', cx: x(times[0]), cy: y(last.average), r: 3 }));
  return svg;
}
