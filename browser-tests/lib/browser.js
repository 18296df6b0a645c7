'use strict';
// Debian's chromium driven through playwright-core (no browser download): headless, no
// sandbox (CI runs as root), nothing phoning home, a fresh profile per launch
// (playwright-core creates a temporary user-data dir and deletes it on close).

const { chromium } = require('playwright-core');

const CHROMIUM = process.env.EPAS_CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// Bounded waits everywhere: an action or a navigation that hangs fails the test quickly.
const ACTION_TIMEOUT_MS = 10_000;
const NAVIGATION_TIMEOUT_MS = 15_000;

function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
}

/**
 * A new browser context (its own cookies) at `baseURL`. Options are Playwright's
 * (`javaScriptEnabled`, `viewport`, …). The context records the page errors and failed
 * requests of its pages in `context.problems` so tests can assert a clean console.
 */
async function newContext(browser, baseURL, options = {}) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  context.problems = [];
  context.on('page', (page) => watch(page, context.problems));
  return context;
}

function watch(page, problems) {
  page.on('pageerror', (error) => problems.push(`${page.url()}: script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs every response of 400 or more as "Failed to load resource", also a
    // page shown on purpose with 422 or 404; sub-resources are checked below instead.
    if (message.text().startsWith('Failed to load resource')) return;
    problems.push(`${page.url()}: console: ${message.text()}`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() === 'document' || response.status() < 400) return;
    // Chromium asks every site for /favicon.ico; the site has none and need not.
    if (new URL(response.url()).pathname === '/favicon.ico') return;
    problems.push(`${page.url()}: ${request.resourceType()} ${response.url()} answered ${response.status()}`);
  });
}

/** A context and its first page. */
async function newPage(browser, baseURL, options = {}) {
  const context = await newContext(browser, baseURL, options);
  const page = await context.newPage();
  return { context, page };
}

module.exports = { launch, newContext, newPage, CHROMIUM };
