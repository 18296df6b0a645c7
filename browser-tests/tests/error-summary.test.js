'use strict';
// Issue 4 item 8 (2): a bad CNP on the applicant step gives the GOV.UK error summary; its
// link moves focus to the CNP field; the message names the rule that failed (SPEC §5.1).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useSite } = require('../lib/site');
const { newPage } = require('../lib/browser');
const { Journey, PATHS, WORDS } = require('../lib/journey');
const { validCnp, withWrongCheckDigit } = require('../lib/cnp');
const { OFFICE } = require('../lib/family');

const site = useSite();

/** Walks a one-person booking to the applicant step and submits `cnp`. */
async function submitApplicantWithCnp(page, lang, cnp) {
  const journey = new Journey(page, lang);
  await journey.start();
  await journey.county('Cluj');
  await journey.office(OFFICE);
  await journey.service(WORDS[lang].electronic);
  await journey.persons(1);
  await journey.firstDate();
  await journey.firstTime();
  await journey.fillApplicant({ lastName: 'Pop', firstName: 'Dan', cnp, email: 'dan.pop@example.ro' });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === PATHS.applicant),
    journey.continue(),
  ]);
  return response;
}

async function expectSummaryLeadsToCnp(page, lang, rule) {
  const summary = page.getByRole('alert');
  await summary.getByRole('heading', { name: WORDS[lang].errorSummary }).waitFor();
  const link = summary.getByRole('link');
  assert.equal(await link.count(), 1, 'one problem: the CNP');
  assert.match(await link.textContent(), rule, 'the message names the failed rule');
  assert.equal(await link.getAttribute('href'), '#cnp');

  // The same message stands above the field, tied to it for screen readers.
  const field = page.getByLabel(WORDS[lang].cnp, { exact: true });
  const describedBy = (await field.getAttribute('aria-describedby')) || '';
  assert.ok(describedBy.split(' ').includes('cnp-error'), `aria-describedby="${describedBy}"`);
  assert.match(await page.locator('#cnp-error').textContent(), rule);

  await link.click();
  await page.waitForFunction(() => document.activeElement?.id === 'cnp', null, { timeout: 5_000 });
}

test('a CNP with a wrong check digit: the summary appears, is focused, and leads to the field', async () => {
  const { context, page } = await newPage(site.browser, site.server.url);
  try {
    const response = await submitApplicantWithCnp(page, 'ro', withWrongCheckDigit(validCnp()));
    assert.equal(response.status(), 422);
    assert.equal(new URL(page.url()).pathname, PATHS.applicant, 'the same step again');
    // app.js moves focus to the summary so a screen reader announces it.
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-error-summary'), null, { timeout: 5_000 });
    assert.match(await page.title(), /^Eroare/, 'the title says there is an error');
    await expectSummaryLeadsToCnp(page, 'ro', /cifra de control/i);
    assert.deepEqual(context.problems, []);
  } finally {
    await context.close();
  }
});

test('without JavaScript the summary and its link to the CNP field work the same', async () => {
  const { context, page } = await newPage(site.browser, site.server.url, { javaScriptEnabled: false });
  try {
    await submitApplicantWithCnp(page, 'ro', '1234');
    await expectSummaryLeadsToCnp(page, 'ro', /exact 13 cifre/);
  } finally {
    await context.close();
  }
});

test('in English the message names the rule in English', async () => {
  const { context, page } = await newPage(site.browser, site.server.url);
  try {
    await submitApplicantWithCnp(page, 'en', withWrongCheckDigit(validCnp()));
    await expectSummaryLeadsToCnp(page, 'en', /check digit/i);
  } finally {
    await context.close();
  }
});
