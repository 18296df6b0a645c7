'use strict';
// The demo mailbox (/demo/mailbox) used as a person would: open it, open the newest
// e-mail to an address, click its link. Delivery is asynchronous (the outbox worker), so
// the list is reloaded until the message is there — bounded.

const MAILBOX = '/demo/mailbox';

/**
 * Follows the `/programare/{kind}/…` link (kind: `confirma` or `anuleaza`) of the newest
 * e-mail to `to` that has one; returns its href.
 */
async function followLink(page, to, kind, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(MAILBOX);
    // The table lists the newest message first; its rows name the recipient.
    const rows = page.getByRole('row').filter({ hasText: to });
    const count = await rows.count();
    for (let i = 0; i < count; i += 1) {
      if (i > 0) await page.goto(MAILBOX);
      await page.getByRole('row').filter({ hasText: to }).nth(i).getByRole('link').click();
      await page.waitForURL((url) => url.pathname.startsWith(`${MAILBOX}/`));
      const link = page.getByRole('main').getByRole('link', { name: new RegExp(`/programare/${kind}/`) });
      if ((await link.count()) > 0) {
        const href = await link.first().getAttribute('href');
        await link.first().click();
        await page.waitForURL((url) => url.pathname.startsWith(`/programare/${kind}/`));
        return href;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`the demo mailbox shows no e-mail to ${to} with a /programare/${kind}/ link after ${timeoutMs} ms`);
    }
    await page.waitForTimeout(300);
  }
}

module.exports = { followLink, MAILBOX };
