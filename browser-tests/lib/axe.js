'use strict';
// The accessibility scan: axe-core (from npm) run inside the page at WCAG 2.1 A and AA.
//
// The site sends a strict CSP (`script-src 'self'`), so a <script> tag with axe would be
// refused. We do NOT switch the CSP off (`bypassCSP: true` would also let inline code run
// and so scan a page different from the one citizens get). Instead axe's source is
// evaluated through the DevTools protocol (`page.evaluate`), which the page's CSP does not
// govern: the page under test keeps its real headers.

const fs = require('node:fs');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the current page; returns its violations. */
async function scan(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((results) =>
          results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
          })),
        ),
    TAGS,
  );
}

/** Human-readable violations (id, impact, targets, help). */
function describe(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `      ${n.target}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`);
      return `  - ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Scans the page and throws with every violation listed when there is any. */
async function expectAccessible(page, where) {
  const violations = await scan(page);
  if (violations.length > 0) {
    throw new Error(`axe: ${violations.length} WCAG 2.1 AA violation(s) on ${where} (${page.url()}):\n${describe(violations)}`);
  }
}

module.exports = { scan, describe, expectAccessible, TAGS };
