// Chat: a thread picker, the conversation, and a reply streamed from POST /chat (server-sent
// events read from the fetch body). The reply grows in place below the last message; the Stop
// button and the status line are always there, so nothing moves when a stream starts or ends.
import { api, json, h, field, errorNote, can, when } from './app.js';

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

  return () => stopReply();
}

/** Reads server-sent events from a fetch response, calling onEvent(name, parsedData) for each. */
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}
