'use strict';
// A throw-away PostgreSQL database for one test file: created with psql at the server of
// $EPAS_TEST_POSTGRES_URL (default: the local server, user postgres), dropped at the end.
// When psql or the server is missing the caller skips — unless EPAS_REQUIRE_POSTGRES=1
// (CI), where that is an error.

const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');

const ADMIN_URL = process.env.EPAS_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function psql(sql) {
  return execFileSync('psql', [ADMIN_URL, '-qAtc', sql], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
  });
}

/** Why PostgreSQL cannot be used here, or null when it answers. */
function unavailable() {
  try {
    psql('SELECT 1');
    return null;
  } catch (error) {
    const detail = error.code === 'ENOENT' ? 'psql is not installed' : String(error.stderr || error.message).trim();
    return `no PostgreSQL at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//…@')}: ${detail}`;
  }
}

function required() {
  return process.env.EPAS_REQUIRE_POSTGRES === '1';
}

/** Creates a database; returns { url, drop() }. */
function createDatabase() {
  const name = `epas_browser_${crypto.randomBytes(6).toString('hex')}`;
  psql(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop() {
      psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

module.exports = { unavailable, required, createDatabase };
