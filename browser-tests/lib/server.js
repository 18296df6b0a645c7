'use strict';
// Starts the real binary (`epasapoarte serve --demo`) for a test file: a fresh temporary
// working directory (so `data/` holds a new SQLite database, the demo data and the file
// mail transport's .eml files), a free port on 127.0.0.1, EPAS_BASE_URL pointing at itself
// so e-mailed links open in the browser, and rate limits off. Waits for /readyz (bounded),
// and stops the process at the end — also when a test fails or the runner exits.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

// Servers still running when this test process ends (a crash, a timeout, ^C) die with it.
const running = new Set();
function killAll() {
  for (const child of running) child.kill('SIGKILL');
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/** The binary under test: $EPAS_BIN (set by scripts/browser-test), else the debug build. */
function binary() {
  if (process.env.EPAS_BIN) return process.env.EPAS_BIN;
  const target = process.env.CARGO_TARGET_DIR || path.join(REPO, 'target');
  return path.join(target, 'debug', 'epasapoarte');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The environment of a child: ours without any EPAS_* (a developer's own settings must
 *  not leak into the server under test), plus `extra`. */
function childEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('EPAS_')) env[key] = value;
  }
  return { ...env, RUST_LOG: process.env.RUST_LOG || 'warn', ...extra };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a subcommand of the binary to completion (e.g. `seed`), bounded in time. */
function runOnce(args, { cwd, env, timeoutMs = 60_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary(), args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`epasapoarte ${args.join(' ')} failed (${code ?? signal}):\n${output}`));
    });
  });
}

/**
 * Starts a server. `env` adds variables (e.g. EPAS_DATABASE_URL for PostgreSQL);
 * `before(workdir, env)` runs first in the same directory (e.g. `epasapoarte seed`).
 * Returns { url, workdir, mailDir, stop() }.
 */
async function startServer({ env = {}, before } = {}) {
  const bin = binary();
  if (!fs.existsSync(bin)) {
    throw new Error(`no binary at ${bin}: run scripts/browser-test (it builds it) or set EPAS_BIN`);
  }
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'epas-browser-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const serverEnv = {
    EPAS_LISTEN: `127.0.0.1:${port}`,
    EPAS_BASE_URL: url,
    EPAS_RATE_LIMITS: 'off',
    ...env,
  };
  if (before) await before(workdir, serverEnv);
  const logPath = path.join(workdir, 'server.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawn(bin, ['serve', '--demo'], {
    cwd: workdir,
    env: childEnv(serverEnv),
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  running.add(child);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = code ?? signal;
    running.delete(child);
  });
  const logTail = () => {
    try {
      return fs.readFileSync(logPath, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      return '(no log)';
    }
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited !== null) {
      throw new Error(`the server exited (${exited}) before it was ready:\n${logTail()}`);
    }
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready within ${READY_TIMEOUT_MS} ms:\n${logTail()}`);
    }
    await sleep(100);
  }

  async function stop() {
    if (exited === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const stopped = await Promise.race([gone.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await gone;
      }
    }
    if (!process.env.EPAS_KEEP_WORKDIR) fs.rmSync(workdir, { recursive: true, force: true });
  }

  return { url, workdir, mailDir: path.join(workdir, 'data', 'mail'), logTail, stop };
}

module.exports = { startServer, runOnce, binary, REPO };
