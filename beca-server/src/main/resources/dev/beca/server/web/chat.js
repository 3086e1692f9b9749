// Chat: a thread picker, the conversation, and a reply streamed from POST /chat (server-sent
// events read from the fetch body). The reply grows in place below the last message; the Stop
// button and the status line are always there, so nothing moves when a stream starts or ends.
import { api, json, h, field, errorNote, can, when, readEvents, poll } from './app.js';

const SESSION_KEY = 'beca.chat.session';

export async function render(view) {
  let controller = null;
  let session = sessionStorage.getItem(SESSION_KEY);

  const threadSelect = h('select', { id: 'chat-thread' }, h('option', { value: '' }, 'No thread'));
  const newButton = h('button', { type: 'button', class: 'quiet', onclick: startOver }, 'New conversation');
  const transcript = h('section', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  const status = h('p', { class: 'status', role: 'status' });
  const message = h('textarea', { id: 'chat-message', name: 'message', rows: 2, required: true,
    placeholder: 'Ask BECA…', autocomplete: 'off' });
  const send = h('button', { type: 'submit' }, 'Send');
  const stop = h('button', { type: 'button', class: 'danger', disabled: true, onclick: stopReply }, 'Stop');
  const form = h('form', { class: 'composer', onsubmit: submit },
    h('label', { for: 'chat-message', class: 'sr-only' }, 'Message'), message, send, stop);

  view.append(h('div', { class: 'chat' },
    h('h1', {}, 'Chat'),
    h('div', { class: 'toolbar' }, field('Thread', threadSelect), newButton),
    transcript, status, form));

  message.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
  threadSelect.addEventListener('change', showHistory);

  if (can('GET /threads')) {
    json('/threads').then((data) => {
      for (const thread of data.threads) {
        threadSelect.append(h('option', { value: thread.id }, thread.name));
      }
    }, (e) => status.replaceChildren('Threads could not be listed: ' + e.problem));
  }
  showHistory();

  // Tool calls waiting for a person: announced by the stream (approval events) and, for a page
  // opened later or a stream stopped early, found by polling GET /approvals for this session.
  const waiting = new Map();
  const stopPolling = can('GET /approvals') ? poll(checkApprovals, 4000) : () => {};

  async function checkApprovals() {
    let data;
    try {
      data = await json('/approvals');
    } catch (e) {
      status.textContent = 'Waiting approvals could not be read: ' + e.problem;
      return;
    }
    const open = new Set(data.toolCalls.map((c) => c.id));
    for (const call of data.toolCalls) {
      if (call.session === session && !waiting.has(call.id)) {
        transcript.append(h('article', { class: 'msg assistant' },
          h('span', { class: 'who' }, 'BECA · ' + when(call.requestedAt)), approvalCard(call)));
      }
    }
    for (const [id, card] of waiting) {
      if (!open.has(id) && !card.dataset.answered) {
        settle(card, 'No longer waiting: answered elsewhere, or denied when no answer came in time.');
      }
    }
  }

  function settle(card, text) {
    card.dataset.answered = 'true';
    card.querySelector('.title').textContent = 'Tool call: ' + card.dataset.tool;
    card.classList.add('settled');
    card.setAttribute('aria-label', 'Tool call ' + card.dataset.tool + ': ' + text);
    card.querySelector('.answers')?.remove();
    card.querySelector('.outcome').replaceChildren(h('p', { class: 'state' }, text));
  }

  function approvalCard(call) {
    const outcome = h('div', { class: 'outcome', role: 'status' });
    const answer = async (word, label) => {
      for (const b of card.querySelectorAll('.answers button')) b.disabled = true;
      outcome.replaceChildren(h('p', { class: 'state' }, 'Answering…'));
      try {
        await json('/approvals/' + encodeURIComponent(call.id), { method: 'POST', body: { answer: word } });
        settle(card, label);
      } catch (e) {
        for (const b of card.querySelectorAll('.answers button')) b.disabled = false;
        outcome.replaceChildren(errorNote(e));
      }
    };
    const answers = can('POST /approvals/{id}')
      ? h('div', { class: 'row answers' },
        h('button', { type: 'button', class: 'approve', onclick: () => answer('allow', 'Allowed: the tool runs.') }, 'Allow'),
        h('button', { type: 'button', class: 'danger deny', onclick: () => answer('deny', 'Denied: the tool does not run.') }, 'Deny'),
        call.risk === 'critical' ? null : h('button', { type: 'button', class: 'quiet', onclick: () =>
          answer('always', 'Allowed for the rest of this conversation.') }, 'Always in this conversation'))
      : h('p', { class: 'hint answers' }, 'An admin answers this, here or with POST /approvals/' + call.id + '.');
    const card = h('section', { class: 'approval', 'data-tool': call.tool, 'aria-label': 'Tool call waiting for approval: ' + call.tool },
      h('p', {}, h('strong', { class: 'title' }, 'Waiting for approval: ' + call.tool), ' ',
        h('span', { class: 'badge ' + (call.risk === 'low' ? 'good' : call.risk === 'medium' ? 'warn' : 'bad') }, call.risk + ' risk')),
      h('p', { class: 'meta' }, [call.riskReason, call.rule, 'denied at ' + when(call.expiresAt) + ' without an answer']
        .filter(Boolean).join(' · ')),
      h('pre', {}, call.arguments), answers, outcome);
    waiting.set(call.id, card);
    return card;
  }

  function startOver() {
    session = null;
    sessionStorage.removeItem(SESSION_KEY);
    transcript.replaceChildren();
    status.textContent = 'A new conversation starts with your next message.';
    message.focus();
  }

  async function showHistory() {
    const thread = threadSelect.value;
    let path = null;
    if (thread && can('GET /threads/{id}')) path = '/threads/' + thread + '?limit=20';
    else if (session && can('GET /sessions/{id}')) path = '/sessions/' + encodeURIComponent(session) + '?limit=20';
    transcript.replaceChildren();
    if (!path) return;
    status.textContent = 'Loading the conversation…';
    try {
      const data = await json(path);
      for (const m of data.messages) {
        transcript.append(bubble(m.role === 'USER' ? 'user' : 'assistant', m.content, m.createdAt));
      }
      status.textContent = data.messages.length ? '' : 'No messages yet.';
      transcript.scrollTop = transcript.scrollHeight;
    } catch (e) {
      if (e.status === 404 && !thread) {
        startOver();
        return;
      }
      status.replaceChildren();
      transcript.append(errorNote(e, showHistory));
    }
  }

  function bubble(kind, text, time) {
    return h('article', { class: 'msg ' + kind },
      h('span', { class: 'who' }, (kind === 'user' ? 'You' : 'BECA') + (time ? ' · ' + when(time) : '')),
      h('p', { class: 'text' }, text));
  }

  function stopReply() {
    if (controller) controller.abort();
  }

  async function submit(event) {
    event.preventDefault();
    const text = message.value.trim();
    if (!text || controller) return;
    const atBottom = () => transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
    transcript.append(bubble('user', text));
    const tools = h('div', { class: 'tools' });
    const output = h('p', { class: 'text' });
    const reply = h('article', { class: 'msg assistant', 'aria-busy': 'true' },
      h('span', { class: 'who' }, 'BECA'), tools, output);
    transcript.append(reply);
    transcript.scrollTop = transcript.scrollHeight;
    message.value = '';
    controller = new AbortController();
    send.disabled = true;
    stop.disabled = false;
    status.textContent = 'BECA is answering…';
    const body = { message: text };
    if (session) body.session = session;
    if (threadSelect.value) body.thread = Number(threadSelect.value);
    let finished = false;
    try {
      const response = await api('/chat', { method: 'POST', body, signal: controller.signal });
      await readEvents(response, (name, data) => {
        const follow = atBottom();
        if (name === 'session') {
          session = data.session;
          sessionStorage.setItem(SESSION_KEY, session);
        } else if (name === 'token') {
          output.append(data.text);
        } else if (name === 'tool') {
          tools.append(h('details', { class: 'tool' },
            h('summary', {}, 'Tool call: ' + data.tool), h('pre', {}, data.arguments)));
        } else if (name === 'approval') {
          if (!waiting.has(data.id)) tools.append(approvalCard(data));
        } else if (name === 'done') {
          finished = true;
          status.textContent = data.success ? 'Answered by ' + data.model + '.' : 'The reply was stored as incomplete.';
        } else if (name === 'error') {
          finished = true;
          reply.append(errorNote(data));
          status.textContent = 'The reply failed.';
        }
        if (follow) transcript.scrollTop = transcript.scrollHeight;
      });
      if (!finished) status.textContent = 'Stream ended early; the reply is still stored.';
    } catch (e) {
      if (e.name === 'AbortError') {
        status.textContent = 'Stopped; the full reply is still stored.';
        reply.append(h('span', { class: 'meta' }, ' (stopped)'));
      } else {
        reply.append(errorNote(e));
        status.textContent = 'The message was not answered.';
      }
    } finally {
      reply.removeAttribute('aria-busy');
      controller = null;
      send.disabled = false;
      stop.disabled = true;
    }
  }

  return () => {
    stopPolling();
    stopReply();
  };
}
