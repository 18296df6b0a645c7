'use strict';
// Issue 12 point 10: the clerk registers a walk-in whose holder asks to be e-mailed 6 months
// before the new passport expires; once the passport is ready, the "ready" e-mail carries
// the reminder's unsubscribe link, whose page (RO and EN, axe-clean) cancels it with one
// button. The registration form with the new checkbox is scanned too.

const assert = require('node:assert/strict');
const { test } = require('node:test');
const { useSite } = require('../lib/site');
const { newPage } = require('../lib/browser');
const { validCnp } = require('../lib/cnp');
const { messagesTo } = require('../lib/mail');
const { expectAccessible } = require('../lib/axe');
const staff = require('../lib/staff');

const site = useSite();

async function unsubscribeLink(mailDir, to, timeoutMs = 15_000) {
  const pattern = /https?:\/\/[^\s"<>]+\/pasaport\/dezabonare\/[A-Za-z0-9_-]+/;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = messagesTo(mailDir, to).map((m) => m.text.match(pattern)?.[0]).find(Boolean);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to} with an unsubscribe link within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('the expiry reminder is asked for at the counter and cancelled by its link', async () => {
  const { server, browser } = site;
  const office = await staff.demoOffice(server);
  const email = `titular.${Date.now()}@example.ro`;
  const clerk = await newPage(browser, server.url);
  const citizen = await newPage(browser, server.url);
  try {
    const page = clerk.page;
    await staff.signIn(page, staff.CLERK);
    await page.goto(`/admin/birouri/${office.id}/cereri/noua`);
    await page.getByRole('heading', { level: 1, name: 'Înregistrarea cererii de pașaport', exact: true }).waitFor();
    await page
      .getByRole('group', { name: 'Tipul pașaportului', exact: true })
      .getByRole('radio', { name: 'Pașaport simplu electronic', exact: true })
      .check();
    await page.getByLabel('Nume', { exact: true }).fill('Vasilescu');
    await page.getByLabel('Prenume', { exact: true }).fill('Irina');
    await page.getByLabel('Cod numeric personal (CNP)', { exact: true }).fill(validCnp({ sex: 2, year: 1990 }));
    await page.getByLabel('Adresa de e-mail', { exact: true }).fill(email);
    await page
      .getByLabel('Titularul dorește să fie anunțat prin e-mail cu 6 luni înainte de expirarea noului pașaport', { exact: true })
      .check();
    await expectAccessible(page, 'registration form with the reminder ticked');
    await page.getByLabel('Numărul chitanței', { exact: true }).fill('CH EXP-0001');
    await page.getByLabel('Suma de pe chitanță (lei)', { exact: true }).fill('258');
    await page.getByRole('button', { name: 'Înregistrează cererea', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/admin/birouri/${office.id}/cerere`);
    await page.getByRole('status').getByText('Cererea a fost înregistrată.', { exact: true }).waitFor();
    for (const status of ['În producție', 'Gata de ridicare']) {
      await page.getByRole('group', { name: 'Starea nouă', exact: true }).getByRole('radio', { name: status, exact: true }).check();
      await page.getByRole('button', { name: 'Schimbă starea', exact: true }).click();
      await page.getByText(`Starea: ${status}`, { exact: true }).waitFor();
    }

    // The citizen opens the link of the "ready" e-mail: a page, not yet a change.
    const link = new URL(await unsubscribeLink(server.mailDir, email));
    const p = citizen.page;
    await p.goto(link.pathname);
    await p.getByRole('heading', { level: 1, name: 'Anunțul înainte de expirarea pașaportului', exact: true }).waitFor();
    assert.match(await p.locator('main').textContent(), /Anunțul este programat pentru/);
    await expectAccessible(p, 'unsubscribe page (ro)');
    await p.goto(`${link.pathname}?lang=en`);
    await p.getByRole('heading', { level: 1, name: 'The reminder before your passport expires', exact: true }).waitFor();
    await expectAccessible(p, 'unsubscribe page (en)');
    await p.getByRole('button', { name: 'I no longer want the reminder', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'The reminder is cancelled', exact: true }).waitFor();
    assert.equal(new URL(p.url()).pathname, link.pathname, 'POST, then the same page again');
    await expectAccessible(p, 'unsubscribed (en)');
    await p.goto(`${link.pathname}?lang=ro`);
    await p.getByRole('heading', { level: 1, name: 'Anunțul a fost anulat', exact: true }).waitFor();
    await expectAccessible(p, 'unsubscribed (ro)');
    assert.deepEqual(clerk.context.problems, [], 'no script errors, no CSP refusals (clerk)');
    assert.deepEqual(citizen.context.problems, [], 'no script errors, no CSP refusals (citizen)');
  } finally {
    await clerk.context.close();
    await citizen.context.close();
  }
});
