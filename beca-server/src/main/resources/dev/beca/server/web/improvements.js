// Improvements: the self-improvement cycle's state (polled while the screen is open), starting a
// run, the proposals awaiting approval and the latest ones, and a proposal with its diff, each
// evaluation step and the measured deltas; admins approve, reject and roll back (each after a
// confirmation step). The emergency stop is in the header of every screen and here.
import { json, h, field, fill, empty, errorNote, can, when, poll, improvement, showImprovement, confirmStep } from './app.js';

const STATUS = {
  'awaiting-approval': 'warn', applied: 'good', approved: 'good', rejected: 'bad',
  'rejected-by-evaluator': 'bad', refused: 'bad', failed: 'bad', 'rolled-back': 'warn',
};
const CHANGE = { better: 'good', worse: 'bad', same: '', unmeasured: 'warn' };

export async function render(view, [id]) {
  if (id) return proposalView(view, id);
  view.append(h('h1', {}, 'Improvements'));
  const state = h('div', { class: 'improve-state', 'aria-live': 'polite' });
  const waiting = h('div');
  const history = h('div');
  view.append(state);
  if (can('POST /improve/run')) view.append(runForm());
  view.append(h('h2', {}, 'Awaiting approval'), waiting, h('h2', {}, 'Latest proposals'), history);

  let first = true;
  let last = null;
  const refresh = async () => {
    try {
      const status = await json('/improve/status');
      showState(state, status);
      showImprovement(status);
      const key = JSON.stringify([status.state, status.awaitingApproval.map((p) => p.id + p.status)]);
      if (key !== last) {
        last = key;
        showList(waiting, status.awaitingApproval, 'Nothing waits for a person.');
        await fill(history, () => json('/improve/history?limit=30'), (data) =>
          showList(history, data.proposals, 'No proposal yet. Start a run above, or: beca improve PROJECT'));
      }
    } catch (e) {
      if (first) {
        state.replaceChildren(errorNote(e, refresh));
      } else {
        state.querySelector('.poll-error')?.remove();
        state.append(h('p', { class: 'note error poll-error', role: 'alert' },
          'Could not refresh: ' + e.problem + ' Trying again every 3 s.'));
      }
    } finally {
      first = false;
    }
  };
  state.append(h('p', { class: 'state', role: 'status' }, 'Loading…'));
  await refresh();
  const stop = poll(refresh, 3000, false);
  const changed = () => { last = null; refresh(); };
  improvement.addEventListener('stopped', changed);
  return () => {
    stop();
    improvement.removeEventListener('stopped', changed);
  };
}

function showState(container, s) {
  const active = s.state === 'running' || s.state === 'stopping';
  const run = s.lastRun;
  container.replaceChildren(...[
    h('p', {}, 'Cycle: ', h('span', { class: 'badge ' + (active ? 'bad' : 'good'), id: 'cycle-state' }, s.state),
      s.project ? ' · ' + s.project : '', s.since ? ' · since ' + when(s.since) : ''),
    active && can('POST /improve/stop') ? h('p', { class: 'hint' },
      'The Emergency stop at the top of every screen ends it at once (its evaluations are killed).') : null,
    run ? h('dl', { class: 'kv' },
      h('dt', {}, 'Last run'), h('dd', {}, run.id + (s.lastRunStopped ? ' (emergency stop)' : '')),
      h('dt', {}, 'Started'), h('dd', {}, when(run.started)),
      h('dt', {}, 'Ended'), h('dd', {}, run.ended ? when(run.ended) : 'still running'),
      h('dt', {}, 'Base'), h('dd', {}, h('code', {}, String(run.base).slice(0, 12))),
      h('dt', {}, 'Outcome'), h('dd', {}, run.summary || '–')) : empty('No run yet.'),
    s.lastProblem ? h('p', { class: 'note error' }, h('strong', {}, 'The last cycle failed: '), s.lastProblem) : null,
  ].filter(Boolean));
}

function showList(container, proposals, none) {
  container.replaceChildren();
  if (!proposals.length) {
    container.append(empty(none));
    return;
  }
  container.append(h('ul', { class: 'cards wide' }, proposals.map((p) => h('li', { class: 'card proposal' },
    h('a', { class: 'title', href: '#/improvements/' + encodeURIComponent(p.id) }, p.description || p.id),
    h('p', {}, h('span', { class: 'badge ' + (STATUS[p.status] || '') }, p.status), ' ',
      h('span', { class: 'meta' }, [p.risk + ' risk', p.source, 'run ' + p.run, when(p.updated)].join(' · '))),
    p.reason ? h('p', { class: 'meta' }, p.reason) : null))));
}

function runForm() {
  const project = h('input', { id: 'improve-project', value: '.', required: true, autocomplete: 'off' });
  const max = h('input', { id: 'improve-max', type: 'number', min: 1, max: 100, value: 5, inputmode: 'numeric' });
  const minutes = h('input', { id: 'improve-minutes', type: 'number', min: 1, max: 1440, value: 30, inputmode: 'numeric' });
  const outcome = h('div', { 'aria-live': 'polite' });
  const start = h('button', { type: 'submit' }, 'Start a run');
  const form = h('form', { class: 'row', onsubmit: async (e) => {
    e.preventDefault();
    start.disabled = true;
    outcome.replaceChildren(h('p', { class: 'state', role: 'status' }, 'Starting…'));
    try {
      const status = await json('/improve/run', { method: 'POST',
        body: { project: project.value.trim(), maxProposals: Number(max.value), budgetMinutes: Number(minutes.value) } });
      outcome.replaceChildren(h('p', { class: 'note done', role: 'status' }, 'The run is ' + status.state + '.'));
      improvement.dispatchEvent(new Event('changed'));
    } catch (err) {
      outcome.replaceChildren(errorNote(err));
    } finally {
      start.disabled = false;
    }
  } }, field('Project folder', project), field('Proposals at most', max), field('Budget, minutes', minutes), start);
  return h('details', { class: 'run' }, h('summary', {}, 'Start a run'), form, outcome);
}

async function proposalView(view, id) {
  view.append(h('p', {}, h('a', { href: '#/improvements' }, '← All improvements')));
  const body = h('div');
  const outcome = h('div', { class: 'outcome', 'aria-live': 'polite' });
  view.append(body, outcome);
  const load = () => fill(body, () => json('/improve/proposals/' + encodeURIComponent(id)), (d) => {
    document.title = d.description + ' · BECA';
    body.append(...[h('h1', {}, d.description || d.id),
      h('p', {}, h('span', { class: 'badge ' + (STATUS[d.status] || ''), id: 'proposal-status' }, d.status), ' ',
        h('span', { class: 'meta' }, [d.risk + ' risk', d.source, 'run ' + d.run, 'created ' + when(d.created)].join(' · '))),
      d.reason ? h('p', {}, d.reason) : null,
      d.commit ? h('p', { class: 'meta' }, 'Commit ', h('code', {}, d.commit.slice(0, 12))) : null,
      actions(d),
      h('h2', {}, 'Measured deltas'), deltas(d.steps),
      h('h2', {}, 'Evaluation steps'), steps(d.steps),
      h('h2', {}, 'Diff'), diff(d.diff)].filter(Boolean));
  });

  function actions(d) {
    const row = h('div', { class: 'row actions' });
    const ask = (question, label, call) => confirmStep(outcome, question, label, async () => {
      const answer = await call();
      improvement.dispatchEvent(new Event('changed'));
      await load();
      return answer;
    }, { working: 'Working… (an approval verifies the proposal again)', describe: describeOutcome });
    if (d.status === 'awaiting-approval' && can('POST /improve/proposals/{id}/approve')) {
      row.append(h('button', { type: 'button', class: 'approve', onclick: () => ask(
        'Apply this proposal onto the project\'s branch? Its evaluation runs again first; the branch does not move if it fails.',
        'Approve', () => json('/improve/proposals/' + encodeURIComponent(id) + '/approve', { method: 'POST' })) }, 'Approve…'));
    }
    if (d.status === 'awaiting-approval' && can('POST /improve/proposals/{id}/reject')) {
      const reason = h('input', { id: 'reject-reason', autocomplete: 'off', placeholder: 'optional' });
      row.append(field('Reason to reject', reason), h('button', { type: 'button', class: 'danger', onclick: () => ask(
        'Reject this proposal?', 'Reject', () => json('/improve/proposals/' + encodeURIComponent(id) + '/reject',
          { method: 'POST', body: { reason: reason.value.trim() } })) }, 'Reject…'));
    }
    if (d.status === 'applied' && can('POST /improve/proposals/{id}/rollback')) {
      row.append(h('button', { type: 'button', class: 'danger', onclick: () => ask(
        'Take this proposal back, with BECA\'s proposals applied after it? Refused when a person committed on top.',
        'Roll back', () => json('/improve/proposals/' + encodeURIComponent(id) + '/rollback', { method: 'POST' })) }, 'Roll back…'));
    }
    return row.childElementCount ? row : null;
  }

  await load();
}

/** How an approval, rejection or rollback ended, in words. */
function describeOutcome(answer) {
  return answer.message || (answer.undoneCommits
    ? 'Rolled back to ' + answer.target + ' (' + answer.undoneCommits.length + ' commits taken back).'
    : 'Done: the proposal is ' + (answer.status || 'changed') + '.');
}

function deltas(stepList) {
  const rows = stepList.flatMap((s) => s.measures.map((m) => ({ step: s.step, ...m })));
  if (!rows.length) return empty('No measure was taken.');
  return h('div', { class: 'scroll' }, h('table', { class: 'deltas' },
    h('thead', {}, h('tr', {}, ['Measure', 'Before', 'After', 'Change'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((m) => h('tr', {},
      h('td', {}, m.name, m.detail ? h('span', { class: 'meta' }, ' ' + m.detail) : null),
      h('td', {}, m.before), h('td', {}, m.after),
      h('td', {}, h('span', { class: 'badge ' + (CHANGE[m.change] || '') }, m.change)))))));
}

function steps(stepList) {
  if (!stepList.length) return empty('No step ran.');
  return h('ol', { class: 'cards' }, stepList.map((s) => h('li', { class: 'card' },
    h('p', {}, h('strong', {}, s.step), ' ',
      h('span', { class: 'badge ' + (s.outcome === 'passed' ? 'good' : s.outcome === 'skipped' ? 'warn' : 'bad') }, s.outcome),
      h('span', { class: 'meta' }, ' ' + (s.millis / 1000).toFixed(1) + ' s')),
    s.detail ? h('pre', { class: 'meta' }, s.detail) : null)));
}

/** A unified diff, each line marked added, removed or a hunk header (in words for screen readers too). */
function diff(text) {
  if (!text) return empty('The proposal has no diff.');
  return h('pre', { class: 'diff', tabindex: 0, 'aria-label': 'Diff' }, text.split('\n').map((line) => {
    const kind = line.startsWith('+++') || line.startsWith('---') ? 'file'
      : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : '';
    return h('span', { class: kind }, line + '\n');
  }));
}
