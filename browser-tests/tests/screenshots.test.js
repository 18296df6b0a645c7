'use strict';
// Issue 4 item 8 (5): full-page screenshots of the main pages at 375 px and 1280 px wide,
// saved under the repository's target/screenshots/ (git-ignored; CI keeps them as
// artifacts), for people to look at. The test also checks what a picture cannot prove:
// no page scrolls sideways at 320 px (WCAG 1.4.10 reflow).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { useSite } = require('../lib/site');
const { newPage } = require('../lib/browser');
const { REPO } = require('../lib/server');
const tour = require('../lib/tour');

const site = useSite();
const DIR = process.env.EPAS_SCREENSHOT_DIR || path.join(REPO, 'target', 'screenshots');
const WIDTHS = [375, 1280];
const NARROWEST = 320;

async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    // Name the widest culprits so the report says what to fix.
    // An element sticking out, or text overflowing its own box (a long unbreakable word).
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 || el.scrollWidth > el.clientWidth + 1)
      .reverse()
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`);
    return `${document.documentElement.scrollWidth}px > ${width}px: ${wide.join(', ')}`;
  });
}

test('screenshots at 375 and 1280 px, and no sideways scrolling at 320 px', async () => {
  fs.mkdirSync(DIR, { recursive: true });
  const { context, page } = await newPage(site.browser, site.server.url);
  const overflows = [];
  try {
    const visit = async (name) => {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: path.join(DIR, `${name}-${width}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: NARROWEST, height: 800 });
      const problem = await overflow(page);
      if (problem) overflows.push(`${name} (${new URL(page.url()).pathname}): ${problem}`);
      await page.setViewportSize({ width: 1280, height: 800 });
    };
    await tour.simplePages(page, visit);
    await tour.journeyPages(page, 'ro', visit, 'shot');
    await tour.linkPages(page, 'ro', site.server, visit, 'shot');
    await tour.formPages(page, 'ro', visit);
  } finally {
    await context.close();
  }
  console.log(`screenshots in ${DIR}`);
  assert.deepEqual(overflows, [], `pages wider than ${NARROWEST} px`);
});
