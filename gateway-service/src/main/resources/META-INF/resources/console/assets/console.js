// The console's only script (no inline script anywhere: the Content-Security-Policy forbids it). It sends questions,
// streams answers from the task's event stream, and checks receipts and balance proofs with WebCrypto, against keys
// and roots it fetches itself — it trusts nothing the page was given to check.

const csrf = document.querySelector('meta[name="csrf-token"]')?.content;
const STREAM = 'lode.stream.';

// ------------------------------------------------------------------ requests

/** A problem+json (or any refusal) as a sentence a person reads. */
async function refusal(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch (e) {
    // not JSON: the status says enough
  }
  if (response.status === 401) {
    return 'You are signed out: sign in again.';
  }
  return problem.detail || problem.title || `The network answered ${response.status}.`;
}

/**
 * A console request; a 429 or 503 with Retry-After is retried after saying so ("busy, retrying in n s"), any other
 * refusal throws its sentence.
 */
async function call(method, path, body, notice) {
  for (;;) {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? {'X-CSRF-Token': csrf} : {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const retryAfter = Number(response.headers.get('Retry-After'));
    if ((response.status === 429 || response.status === 503) && retryAfter > 0 && retryAfter <= 120) {
      await countDown(notice, retryAfter);
      continue;
    }
    if (!response.ok) {
      throw new Error(await refusal(response));
    }
    return response;
  }
}

function countDown(notice, seconds) {
  return new Promise(resolve => {
    let left = seconds;
    const tick = () => {
      if (notice) {
        notice.textContent = `The network is busy: retrying in ${left} s.`;
      }
      if (left-- <= 0) {
        if (notice) {
          notice.textContent = '';
        }
        resolve();
      } else {
        setTimeout(tick, 1000);
      }
    };
    tick();
  });
}

// ------------------------------------------------------------------ chat

const conversation = document.getElementById('conversation');
const notice = document.getElementById('notice');

function say(text) {
  if (notice) {
    notice.textContent = text;
  }
}

/** Sends a question; {@code excludeAgents}: the agents not to ask (a retry with another agent). */
async function ask(input, excludeAgents = []) {
  const messageId = crypto.randomUUID();
  const contextId = conversation.dataset.context || '';
  const skill = document.getElementById('skill').value.trim();
  say('');
  try {
    const sent = await (await call('POST', '/console/tasks', {input, messageId, contextId, skill, excludeAgents},
      notice)).json();
    if (!contextId) {
      conversation.dataset.context = sent.contextId;
      history.replaceState(null, '', '/console/?c=' + encodeURIComponent(sent.contextId));
    }
    const turn = await showTurn(sent.taskId);
    follow(turn);
    return true;
  } catch (e) {
    say(e.message);
    return false;
  }
}

/** The server's rendering of a task's turn, put in place of the one shown (or appended). */
async function showTurn(taskId) {
  const html = await (await call('GET', `/console/tasks/${taskId}/turn`, undefined, notice)).text();
  const template = document.createElement('template');
  // Rendered by the gateway: the answer already sanitised, and no script can run under the page's CSP.
  template.innerHTML = html.trim();
  const fresh = template.content.firstElementChild;
  const shown = document.getElementById('turn-' + taskId);
  if (shown) {
    shown.replaceWith(fresh);
  } else {
    document.getElementById('turns').append(fresh);
  }
  const balance = fresh.querySelector('.balance-after');
  if (balance) {
    document.getElementById('balance').textContent = 'Balance: ' + balance.textContent;
  }
  return fresh;
}

const EVENTS = ['SUBMITTED', 'ESCROWED', 'FANNED_OUT', 'DISPATCHED', 'PARTIAL', 'ATTEMPT_FAILED', 'RESULT',
  'RESULT_RECEIVED', 'HELD', 'DISPUTED', 'VERDICT', 'COMPLETED', 'FAILED', 'CANCELED', 'EXPIRED', 'SETTLED'];

/**
 * Streams a running turn's answer. What was shown, and the id of the last event shown, are kept in sessionStorage,
 * so a reload carries on after that event: the text so far is put back and nothing is shown twice or missed.
 */
function follow(turn) {
  const taskId = turn.dataset.task;
  const out = turn.querySelector('.streaming');
  const key = STREAM + taskId;
  const saved = JSON.parse(sessionStorage.getItem(key) || 'null');
  let attempt = saved ? saved.attempt : null;
  if (saved) {
    out.textContent = saved.text;
  }
  const after = saved && saved.last ? '?after=' + encodeURIComponent(saved.last) : '';
  const events = new EventSource(`/console/tasks/${taskId}/events${after}`);
  const remember = last => sessionStorage.setItem(key, JSON.stringify({last, attempt, text: out.textContent}));
  for (const name of EVENTS) {
    events.addEventListener(name, event => {
      if (name === 'PARTIAL') {
        const data = JSON.parse(event.data);
        if (attempt !== null && data.attempt !== attempt) {
          out.textContent = ''; // another agent's attempt starts over
        }
        attempt = data.attempt;
        out.textContent += data.text;
      }
      remember(event.lastEventId);
    });
  }
  events.addEventListener('end', async () => {
    events.close();
    try {
      const shown = await showTurn(taskId);
      if (shown.dataset.running) {
        setTimeout(() => follow(shown), 2000); // the stream gave up before the task did: follow it again
      } else {
        sessionStorage.removeItem(key);
      }
    } catch (e) {
      say(e.message);
    }
  });
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) {
      say('The answer stream was refused: reload to try again.');
    }
  };
}

if (conversation) {
  const form = document.getElementById('ask');
  const question = document.getElementById('question');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const input = question.value.trim();
    if (input) {
      question.value = '';
      if (!await ask(input)) {
        question.value = input;
      }
    }
  });
  question.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.querySelectorAll('.turn[data-running]').forEach(follow);
  conversation.addEventListener('click', async event => {
    const button = event.target.closest('button[data-action]');
    if (!button) {
      return;
    }
    const turn = button.closest('.turn');
    const result = turn.querySelector('.check-result');
    try {
      switch (button.dataset.action) {
        case 'stop':
          button.disabled = true;
          await call('POST', `/console/tasks/${turn.dataset.task}/cancel`, undefined, notice);
          break;
        case 'retry':
          await ask(button.dataset.input);
          break;
        case 'retry-elsewhere':
          await ask(button.dataset.input, button.dataset.exclude.split(' '));
          break;
        case 'dispute': {
          const reason = prompt('What is wrong with this answer? (optional)') ?? '';
          await call('POST', `/console/tasks/${turn.dataset.task}/dispute`, {reason}, notice);
          await showTurn(turn.dataset.task);
          break;
        }
        case 'check-receipt':
          result.textContent = await checkReceipt(JSON.parse(button.dataset.receipt));
          result.className = 'check-result ' + (result.textContent.startsWith('Valid') ? 'ok' : 'bad');
          break;
      }
    } catch (e) {
      if (result) {
        result.textContent = e.message;
        result.className = 'check-result bad';
      } else {
        say(e.message);
      }
      button.disabled = false;
    }
  });
}

// ------------------------------------------------------------------ receipts

function base64url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(b64), c => c.charCodeAt(0));
}

/** The text the verifier signed, in the receipt's own format (as io.lode.identity.VerdictReceipts writes it). */
function signedText(r) {
  const common = [r.format, r.taskId, r.agentId, r.requestDigest, r.responseDigest ?? '-', r.verdict,
    Number(r.score).toFixed(6), r.method];
  switch (r.format) {
    case 'lode-receipt/v1':
      return common.join('\n');
    case 'lode-receipt/v2':
      return [...common, String(r.price), String(r.signedAtMicros)].join('\n');
    case 'lode-receipt/v3':
      return [...common, String(r.price), String(r.signedAtMicros), r.panelDigest ?? '-'].join('\n');
    default:
      throw new Error('Not a receipt: unknown format ' + r.format);
  }
}

/**
 * Whether the verifier signed this receipt: its key must be one GET /v1/verifier/keys publishes, valid when the
 * receipt says it was signed, and the Ed25519 signature must hold over every field. A sentence either way.
 */
async function checkReceipt(receipt) {
  const published = await (await fetch('/v1/verifier/keys', {credentials: 'omit'})).json();
  const signedAt = Math.floor(receipt.signedAtMicros / 1000);
  const named = published.keys.filter(k => k.publicKey === receipt.verifierKey);
  if (!named.length) {
    return 'Rejected: signed with a key the verifier does not publish.';
  }
  if (!named.some(k => Date.parse(k.validFrom) <= signedAt && (!k.validUntil || signedAt < Date.parse(k.validUntil)))) {
    return 'Rejected: the key was not valid when the receipt says it was signed.';
  }
  let text;
  try {
    text = signedText(receipt);
  } catch (e) {
    return 'Rejected: ' + e.message;
  }
  const key = await crypto.subtle.importKey('raw', base64url(receipt.verifierKey), {name: 'Ed25519'}, false,
    ['verify']);
  const holds = await crypto.subtle.verify({name: 'Ed25519'}, key, base64url(receipt.signature),
    new TextEncoder().encode(text));
  return holds
    ? `Valid: the verifier signed "${receipt.verdict}" (score ${Number(receipt.score).toFixed(2)}) for this answer `
      + `at ${new Date(signedAt).toISOString()}.`
    : 'Rejected: the signature does not match what the receipt claims.';
}

// ------------------------------------------------------------------ balance proofs

async function sha256(...parts) {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

const hex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
const unhex = text => Uint8Array.from(text.match(/../g) || [], h => parseInt(h, 16));

/** The leaf as io.lode.events.merkle.BalanceTree makes it: 0x00, the account id, 0x00, the balance (int64 BE). */
async function leafHash(accountId, balance) {
  const amount = new Uint8Array(8);
  new DataView(amount.buffer).setBigInt64(0, BigInt(balance));
  return sha256(Uint8Array.of(0), new TextEncoder().encode(accountId), Uint8Array.of(0), amount);
}

/** Whether the proof leads from the account's balance to {@code root}: each step hashes 0x01, left, right. */
async function proofHolds(proof, root) {
  let running = await leafHash(proof.accountId, proof.balance);
  for (const step of proof.path) {
    const sibling = unhex(step.hash);
    running = step.side === 'LEFT' ? await sha256(Uint8Array.of(1), sibling, running)
      : await sha256(Uint8Array.of(1), running, sibling);
  }
  return hex(running) === String(root).toLowerCase();
}

document.querySelectorAll('button[data-action="verify-balance"]').forEach(button => {
  button.addEventListener('click', async () => {
    const result = button.parentElement.querySelector('.check-result');
    const epoch = button.dataset.epoch;
    try {
      const proof = await (await call('GET', `/console/epochs/${epoch}/proof`, undefined, result)).json();
      // the root is read from the published epoch, not from the proof (which could carry any root it likes)
      const published = await (await fetch(`/v1/epochs/${epoch}`, {credentials: 'omit'})).json();
      const holds = await proofHolds(proof, published.merkleRoot);
      result.textContent = holds
        ? `Valid: your balance of ${proof.balance} micro-units is in epoch ${epoch}'s published root.`
        : `Rejected: this proof does not lead to epoch ${epoch}'s published root.`;
      result.className = 'check-result ' + (holds ? 'ok' : 'bad');
    } catch (e) {
      result.textContent = e.message;
      result.className = 'check-result bad';
    }
  });
});

// exposed for the browser tests, which alter a proof or a receipt and expect the checks to refuse it
window.lode = {checkReceipt, proofHolds};
