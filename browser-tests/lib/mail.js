'use strict';
// The demo server's e-mails, read from the file transport's .eml files in its data/mail.
// (The journey tests click through the /demo/mailbox page instead, as a person would; this
// reader serves the tests that only need a token quickly.)

const fs = require('node:fs');
const path = require('node:path');

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i += 1) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The plain-text part of a message (decoded), or the whole body when not multipart. */
function plainText(raw) {
  // Split on the declared boundaries only: bodies may hold lines starting with "--".
  const boundaries = [...raw.matchAll(/boundary="?([^"\r\n;]+)"?/gi)].map((m) => m[1]);
  if (boundaries.length === 0) return raw;
  const escaped = boundaries.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = raw.split(new RegExp(`\\r?\\n--(?:${escaped.join('|')})(?:--)?\\r?\\n`));
  for (const part of parts) {
    const [head, ...rest] = part.split(/\r?\n\r?\n/);
    if (!/content-type:\s*text\/plain/i.test(head)) continue;
    const body = rest.join('\n\n');
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) return decodeQuotedPrintable(body);
    if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
    return body;
  }
  return raw;
}

/** Every message sent to `to` so far: [{ file, text }], oldest first. */
function messagesTo(mailDir, to) {
  let files;
  try {
    files = fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  const found = [];
  for (const file of files) {
    const raw = fs.readFileSync(path.join(mailDir, file), 'utf8');
    const header = raw.split(/\r?\n\r?\n/)[0];
    if (new RegExp(`^To:.*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(header)) {
      found.push({ file, text: plainText(raw) });
    }
  }
  return found;
}

/**
 * Waits (bounded) for a message to `to` holding a `/programare/{kind}/{token}` link, where
 * kind is `confirma` or `anuleaza`; returns the link (the newest one).
 */
async function waitForLink(mailDir, to, kind, timeoutMs = 15_000) {
  const pattern = new RegExp(`https?://[^\\s"<>]+/programare/${kind}/[A-Za-z0-9_-]+`, 'g');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const links = messagesTo(mailDir, to).flatMap((m) => m.text.match(pattern) || []);
    if (links.length > 0) return links[links.length - 1];
    if (Date.now() > deadline) {
      throw new Error(`no e-mail to ${to} with a /programare/${kind}/ link within ${timeoutMs} ms in ${mailDir}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

module.exports = { messagesTo, waitForLink, plainText, decodeQuotedPrintable };
