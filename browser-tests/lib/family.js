'use strict';
// J2–J4 end to end for a family of two, in one browser context: book through every step,
// open the e-mailed confirm link from the demo mailbox, confirm, open the cancel link of
// the confirmation e-mail, cancel. Shared by the SQLite and PostgreSQL suites.

const assert = require('node:assert/strict');
const { newPage } = require('./browser');
const { Journey, person } = require('./journey');
const { followLink } = require('./mailbox');

const OFFICE = 'Serviciul Public Comunitar de Pașapoarte Cluj';

async function h1(page) {
  return (await page.getByRole('heading', { level: 1 }).textContent()).trim();
}

async function bookConfirmCancelFamilyOfTwo(site, { javaScriptEnabled, tag }) {
  const { context, page } = await newPage(site.browser, site.server.url, { javaScriptEnabled });
  try {
    const email = `familia.popescu.${tag}.${Date.now()}@example.ro`;
    const mother = { ...person('Popescu', 'Ioana', { sex: 2, year: 1984 }), email, phone: '0721 123 456' };
    const son = person('Popescu', 'Ștefan', { sex: 1, year: 1979 });

    const journey = new Journey(page, 'ro');
    await journey.start();
    await journey.county('Cluj');
    await journey.office(OFFICE);
    await journey.service();
    await journey.persons(2);
    const day = await journey.firstDate();
    const time = await journey.firstTime();
    await journey.applicant(mother);
    await journey.companions([son]);

    // Check your answers: everything chosen is there, with a way to change it.
    const summary = await page.locator('main').textContent();
    for (const expected of [OFFICE, 'Pașaport simplu electronic', time, 'Ioana', 'Ștefan', email]) {
      assert.ok(summary.includes(expected), `the check page shows ${expected}`);
    }
    assert.ok(!summary.includes(mother.cnp), 'the check page masks the CNP');
    const save = page.getByRole('button', { name: 'Salvează', exact: true });
    // With JavaScript, "Salvează" waits for the consent; without, the server checks it.
    assert.equal(await save.isDisabled(), javaScriptEnabled, 'Salvează disabled only with JS before consent');
    await journey.consentAndSave();
    assert.match(await h1(page), /e-mail/i);
    assert.ok((await page.locator('main').textContent()).includes(email), 'the sent page names the address');

    // The confirmation link from the e-mail.
    await followLink(page, email, 'confirma');
    assert.ok((await page.locator('main').textContent()).includes(time), 'the confirm page shows the time');
    await page.getByRole('button', { name: 'Confirmă programarea', exact: true }).click();
    await page.getByRole('heading', { name: 'Programare confirmată' }).waitFor();

    // The cancel link from the confirmation e-mail: a page that asks, then cancels.
    await followLink(page, email, 'anuleaza');
    assert.ok((await page.locator('main').textContent()).includes(OFFICE), 'the cancel page shows the office');
    await page.getByRole('button', { name: 'Da, anulează programarea', exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/programare/anuleaza/'));
    await page.getByRole('heading', { level: 1, name: /anulat/i }).waitFor();
    assert.deepEqual(context.problems, [], 'no script errors, no CSP refusals');
    return { day, time };
  } catch (error) {
    error.message += `\n  (at ${page.url()})`;
    throw error;
  } finally {
    await context.close();
  }
}

module.exports = { bookConfirmCancelFamilyOfTwo, OFFICE };
