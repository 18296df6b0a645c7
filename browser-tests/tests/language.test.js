'use strict';
// Switching to English with the header link, and the choice remembered on the next page.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useSite } = require('../lib/site');
const { newPage } = require('../lib/browser');

const site = useSite();

test('the header link switches to English and the next pages stay in English', async () => {
  const { context, page } = await newPage(site.browser, site.server.url);
  try {
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Passport appointments');

    // The next page, reached without ?lang=, is still English (a cookie remembers it).
    await page.getByRole('link', { name: 'Check my appointments' }).click();
    await page.waitForURL((url) => !url.search.includes('lang='));
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    // The journey too.
    await page.getByRole('button', { name: 'Book an appointment' }).click();
    await page.waitForURL((url) => url.pathname === '/programare');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'In which county do you want to apply?');
    assert.equal(await page.getByLabel('County', { exact: true }).count(), 1);

    // And back to Romanian.
    await page.getByRole('banner').getByRole('link', { name: 'Română' }).click();
    await page.waitForURL(/lang=ro/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'ro');
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ro');
    assert.deepEqual(context.problems, []);
  } finally {
    await context.close();
  }
});
