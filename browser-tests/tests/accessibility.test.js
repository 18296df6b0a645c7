'use strict';
// Issue 4 item 8 (4): axe-core at WCAG 2.1 A + AA on every public page, in Romanian and in
// English, in the states citizens see (blank, with the error summary, answered): 0
// violations. Each test lists every page's violations (id, impact, target, help) at once.

const { test } = require('node:test');
const { useSite } = require('../lib/site');
const { newPage } = require('../lib/browser');
const { scan, describe } = require('../lib/axe');
const tour = require('../lib/tour');

const site = useSite();

/** Runs `walk(page, visit)` in a fresh context in `lang`, scanning at each visit. */
async function scanAll(lang, walk) {
  const { context, page } = await newPage(site.browser, site.server.url);
  const failures = [];
  const seen = [];
  try {
    await page.goto(`/?lang=${lang}`);
    await walk(page, async (name) => {
      seen.push(name);
      const htmlLang = await page.locator('html').getAttribute('lang');
      if (htmlLang !== lang) failures.push(`${lang} ${name} (${new URL(page.url()).pathname}): <html lang="${htmlLang}">`);
      const violations = await scan(page);
      if (violations.length) failures.push(`${lang} ${name} (${new URL(page.url()).pathname}):\n${describe(violations)}`);
    });
  } catch (error) {
    error.message += `\n  (after scanning: ${seen.join(', ')}; at ${page.url()})`;
    if (failures.length) error.message += `\n  and axe found:\n${failures.join('\n')}`;
    throw error;
  } finally {
    await context.close();
  }
  if (failures.length) {
    throw new Error(`axe: WCAG 2.1 AA violations on ${failures.length} of ${seen.length} pages:\n${failures.join('\n')}`);
  }
  if (context.problems.length) throw new Error(`console problems:\n${context.problems.join('\n')}`);
  console.log(`axe ${lang}: 0 violations on ${seen.length} pages: ${seen.join(', ')}`);
}

test('axe itself reports a violation planted in a real page (the scanner works)', async () => {
  const { context, page } = await newPage(site.browser, site.server.url);
  try {
    await page.goto('/');
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'text';
      document.querySelector('main').append(input);
    });
    const ids = (await scan(page)).map((v) => v.id);
    if (!ids.includes('label')) throw new Error(`axe missed an unlabelled input: ${ids.join(', ') || 'nothing'}`);
  } finally {
    await context.close();
  }
});

for (const lang of ['ro', 'en']) {
  test(`axe: the simple pages in ${lang} have no WCAG 2.1 AA violation`, async () => {
    await scanAll(lang, (page, visit) => tour.simplePages(page, visit));
  });

  test(`axe: every journey step in ${lang} (answered and with errors) has no violation`, async () => {
    await scanAll(lang, (page, visit) => tour.journeyPages(page, lang, visit, `axe${lang}`));
  });

  test(`axe: the lookup, status, information and search pages in ${lang} have no violation`, async () => {
    await scanAll(lang, (page, visit) => tour.formPages(page, lang, visit));
  });

  test(`axe: the confirm and cancel pages in ${lang} have no violation`, async () => {
    await scanAll(lang, (page, visit) => tour.linkPages(page, lang, site.server, visit, `axe${lang}`));
  });
}
