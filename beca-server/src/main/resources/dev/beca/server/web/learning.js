// Learning: the most useful lessons (by reuse, then confidence), the patterns seen most often, and a
// search of both.
import { json, h, field, fill, empty, can, when } from './app.js';

const CATEGORIES = ['', 'debugging', 'architecture', 'testing', 'performance', 'tooling', 'general'];
const KINDS = ['', 'solution', 'architecture', 'framework', 'build'];

export async function render(view) {
  view.append(h('h1', {}, 'Learning'));
  const q = h('input', { id: 'learn-q', type: 'search', required: true, autocomplete: 'off', placeholder: 'maven offline' });
  const found = h('div', { class: 'found', 'aria-live': 'polite' });
  view.append(h('form', { class: 'row', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const words = q.value.trim();
    if (!words) return;
    const wanted = encodeURIComponent(words);
    fill(found, () => Promise.all([
      json('/lessons/search?q=' + wanted + '&limit=10'),
      can('GET /patterns/search') ? json('/patterns/search?q=' + wanted + '&limit=10') : { patterns: [] },
    ]), ([lessons, patterns]) => {
      found.append(h('p', { class: 'meta' }, lessons.hits.length + ' lessons and ' + patterns.patterns.length + ' patterns found'));
      if (lessons.hits.length) found.append(h('ul', { class: 'cards wide' }, lessons.hits.map((hit) => lessonCard(hit.lesson, hit.score))));
      if (patterns.patterns.length) found.append(h('ul', { class: 'cards wide' }, patterns.patterns.map(patternCard)));
    });
  } }, field('Search lessons and patterns', q), h('button', { type: 'submit' }, 'Search')), found);

  const category = h('select', { id: 'lesson-category' }, CATEGORIES.map((c) => h('option', { value: c }, c || 'every category')));
  const lessons = h('div');
  const loadLessons = () => fill(lessons, () => json('/lessons?limit=20' + (category.value ? '&category=' + category.value : '')), (data) => {
    if (!data.lessons.length) {
      lessons.append(empty('No lesson yet: BECA learns them from conversations and runs (beca lessons add TEXT adds one).'));
      return;
    }
    lessons.append(h('ol', { class: 'cards wide' }, data.lessons.map((l) => lessonCard(l))));
  });
  category.addEventListener('change', loadLessons);
  view.append(h('h2', {}, 'Top lessons'), field('Category', category), lessons);
  const waits = [loadLessons()];

  if (can('GET /patterns')) {
    const kind = h('select', { id: 'pattern-kind' }, KINDS.map((k) => h('option', { value: k }, k || 'every kind')));
    const patterns = h('div');
    const loadPatterns = () => fill(patterns, () => json('/patterns?limit=20' + (kind.value ? '&kind=' + kind.value : '')), (data) => {
      if (!data.patterns.length) {
        patterns.append(empty('No pattern yet: BECA records them from repositories and solved tasks.'));
        return;
      }
      patterns.append(h('ol', { class: 'cards wide' }, data.patterns.map(patternCard)));
    });
    kind.addEventListener('change', loadPatterns);
    view.append(h('h2', {}, 'Patterns'), field('Kind', kind), patterns);
    waits.push(loadPatterns());
  }
  await Promise.all(waits);
}

function lessonCard(l, score) {
  return h('li', { class: 'card lesson' },
    h('p', {}, l.text),
    h('p', { class: 'meta' }, [l.category, 'confidence ' + Math.round(l.confidence * 100) + ' %',
      'used ' + l.reuseCount + (l.reuseCount === 1 ? ' time' : ' times'),
      l.lastUsedAt ? 'last ' + when(l.lastUsedAt) : null, score !== undefined ? 'match ' + score.toFixed(2) : null,
      'lesson ' + l.id].filter(Boolean).join(' · ')));
}

function patternCard(p) {
  const title = p.solutionSummary || p.request || p.taskType || p.architectureType || (p.frameworks || []).join(', ');
  return h('li', { class: 'card pattern' },
    h('p', {}, h('strong', {}, title)),
    h('p', { class: 'meta' }, [String(p.kind).toLowerCase(), p.taskType, p.architectureType,
      (p.frameworks || []).join(', '), (p.toolsUsed || []).length ? 'tools: ' + p.toolsUsed.join(', ') : null,
      'seen ' + p.occurrences + (p.occurrences === 1 ? ' time' : ' times'), 'updated ' + when(p.updatedAt)]
      .filter(Boolean).join(' · ')),
    p.performanceNotes ? h('p', { class: 'meta' }, p.performanceNotes) : null);
}
