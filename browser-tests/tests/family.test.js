'use strict';
// Issue 12 point 1: a family of five books at an office with two counters (Turda). The
// date step offers the days with room; the time step offers times over consecutive slots
// and says so; the booking is saved. Every page is scanned with axe, in Romanian and in
// English; the Romanian time step and sent page are photographed (target/screenshots/,
// and the committed docs/screenshots/family-of-five-*.png come from here).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { useSite } = require('../lib/site');
const { newPage } = require('../lib/browser');
const { expectAccessible } = require('../lib/axe');
const { Journey, person } = require('../lib/journey');
const { REPO } = require('../lib/server');

const site = useSite();
const OFFICE = 'Serviciul Public Comunitar de Pașapoarte Cluj — punctul de lucru Turda';
const SCREENSHOTS = process.env.EPAS_SCREENSHOT_DIR || path.join(REPO, 'target', 'screenshots');
const TOGETHER = {
  ro: /este primită pe rând, în intervale consecutive\. Veniți toți la ora aleasă\.[\s\S]*pe rând, în [345] intervale consecutive/,
  en: /it is seen in turn, over consecutive times\. All of you come at the time you choose\.[\s\S]*in turn, over [345] consecutive times/,
};

for (const lang of ['ro', 'en']) {
  test(`a family of five books at a two-counter office (${lang})`, async () => {
    const { context, page } = await newPage(site.browser, site.server.url);
    try {
      const journey = new Journey(page, lang);
      const email = `familia.mare.${lang}.${Date.now()}@example.ro`;
      await journey.start();
      await journey.county('Cluj');
      await journey.office(OFFICE);
      await journey.service();
      await journey.persons(5);
      await expectAccessible(page, `${lang} date step, five persons`);
      await journey.firstDate();

      // The time step: a time seats the five over 3 (or more) consecutive slots of 2 seats.
      const times = page.getByRole('group', { name: journey.w.time, exact: true });
      const first = times.getByRole('radio').first();
      const text = await page.locator('main').textContent();
      assert.match(text, TOGETHER[lang], 'the time step says the family is seen in turn');
      await expectAccessible(page, `${lang} time step, five persons`);
      if (lang === 'ro') {
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, 'family-of-five-time.png'), fullPage: true });
      }
      await first.check();
      await journey.continue();

      const applicant = { ...person('Mare', 'Elena', { sex: 2, year: 1980 }), email };
      await journey.applicant(applicant);
      await journey.companions([
        person('Mare', 'Andrei', { sex: 1, year: 1978 }),
        person('Mare', 'Ioana', { sex: 6, year: 2012 }),
        person('Mare', 'Mihai', { sex: 5, year: 2015 }),
        person('Mare', 'Ana', { sex: 6, year: 2019 }),
      ]);
      await expectAccessible(page, `${lang} check page, five persons`);
      await journey.consentAndSave();
      assert.ok((await page.locator('main').textContent()).includes(email), 'the sent page names the address');
      if (lang === 'ro') {
        await page.screenshot({ path: path.join(SCREENSHOTS, 'family-of-five-sent.png'), fullPage: true });
      }
      assert.deepEqual(context.problems, [], 'no script errors, no CSP refusals');
    } catch (error) {
      error.message += `\n  (at ${page.url()})`;
      throw error;
    } finally {
      await context.close();
    }
  });
}
