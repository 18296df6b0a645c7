'use strict';
// One site per test file: the real server (fresh data) and one chromium, started before the
// file's tests and stopped after them — also when a test fails.

const { before, after } = require('node:test');
const crypto = require('node:crypto');
const { startServer, runOnce } = require('./server');
const { launch } = require('./browser');
const postgres = require('./postgres');

/** Registers the hooks; the returned object gets `server` and `browser` once started. */
function useSite(serverOptions = {}) {
  const site = {};
  before(async () => {
    site.server = await startServer(serverOptions);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close().catch(() => {});
    await site.server?.stop();
  });
  return site;
}

/**
 * The same on PostgreSQL: a new database, `epasapoarte seed`, then `serve --demo` with a
 * random EPAS_SECRET_KEY (required with PostgreSQL). Returns { site, skip }: `skip` is the
 * reason when PostgreSQL is unavailable and not required (EPAS_REQUIRE_POSTGRES=1 makes
 * that a failure instead).
 */
function usePostgresSite() {
  const reason = postgres.unavailable();
  if (reason && !postgres.required()) {
    console.warn(`\n!! PostgreSQL browser tests SKIPPED: ${reason}\n`);
    return { site: {}, skip: reason };
  }
  const site = {};
  let database = null;
  before(async () => {
    if (reason) throw new Error(`${reason} (EPAS_REQUIRE_POSTGRES=1)`);
    database = postgres.createDatabase();
    const env = {
      EPAS_DATABASE_URL: database.url,
      EPAS_SECRET_KEY: crypto.randomBytes(32).toString('hex'),
    };
    site.server = await startServer({
      env,
      before: (workdir, serverEnv) => runOnce(['seed'], { cwd: workdir, env: serverEnv }),
    });
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close().catch(() => {});
    await site.server?.stop();
    database?.drop();
  });
  return { site, skip: false };
}

module.exports = { useSite, usePostgresSite };
