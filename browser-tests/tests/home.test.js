'use strict';
// The home page: Romanian by default, the main actions, the skip link, a clean console.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useSite } = require('../lib/site');
const { newPage } = require('../lib/browser');

const site = useSite();

test('the home page is in Romanian with the main actions', async () => {
  const { context, page } = await newPage(site.browser, site.server.url);
  try {
    const response = await page.goto('/');
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'ro');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Programări pașapoarte');
    const start = page.getByRole('button', { name: 'Faceți o programare' });
    assert.equal(await start.getAttribute('href'), '/programare');
    for (const name of ['Verifică programare', 'Status pașaport']) {
      assert.equal(await page.getByRole('link', { name, exact: true }).count(), 1, name);
    }
    assert.deepEqual(context.problems, []);
  } finally {
    await context.close();
  }
});

test('the skip link is the first stop of the keyboard and moves to the main content', async () => {
  const { context, page } = await newPage(site.browser, site.server.url);
  try {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    assert.equal(await focused.textContent(), 'Salt la conținutul principal');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main');
  } finally {
    await context.close();
  }
});

test('the pages carry a strict Content-Security-Policy and no script runs inline', async () => {
  const { context, page } = await newPage(site.browser, site.server.url);
  try {
    const response = await page.goto('/');
    const csp = response.headers()['content-security-policy'] || '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(await page.locator('script:not([src])').count(), 0);
  } finally {
    await context.close();
  }
});
