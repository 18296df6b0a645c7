'use strict';
// Issue 12 point 11: the clerk's agenda on a real day — 192 appointments at the demo Cluj
// office (6 counters × 32 slots, every seat of a weekday taken through the JSON API). The
// page groups the day by hour with compact rows, finds a person by name, and is axe-clean;
// its photograph is docs/screenshots/agenda-192.png (taken here, in target/screenshots/).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const { useSite } = require('../lib/site');
const { newPage } = require('../lib/browser');
const { validCnp } = require('../lib/cnp');
const { expectAccessible } = require('../lib/axe');
const { REPO } = require('../lib/server');
const staff = require('../lib/staff');

const site = useSite();
const SCREENSHOTS = process.env.EPAS_SCREENSHOT_DIR || path.join(REPO, 'target', 'screenshots');
const LAST = ['Popescu', 'Ionescu', 'Pop', 'Rusu', 'Stan', 'Munteanu', 'Moldovan', 'Lungu', 'Matei', 'Dumitru', 'Constantin', 'Marin'];
const FIRST = ['Ana', 'Ioana', 'Maria', 'Elena', 'Andrei', 'Mihai', 'Ion', 'Alexandru', 'Cristina', 'Gabriel', 'Radu', 'Sorina', 'Vlad'];

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 201) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
}

test('the agenda of a day with 192 appointments', async () => {
  const { server, browser } = site;
  const office = await staff.demoOffice(server);
  // The first day after today whose every slot is free: 192 seats on a 08:30–16:30 day.
  const today = staff.romanianNow().date;
  const days = await staff.availability(server, office.id, staff.addDays(today, 1), staff.addDays(today, 30));
  const day = days.find((d) => d.slots.reduce((sum, s) => sum + s.free, 0) === 192);
  assert.ok(day, `a day with 192 free seats at ${office.name}`);

  // Every seat taken: one person per booking, 6 per time.
  const bookings = [];
  let n = 0;
  for (const slot of day.slots) {
    for (let seat = 0; seat < slot.free; seat += 1) {
      n += 1;
      bookings.push({
        office_id: office.id,
        service: n % 5 === 0 ? 'passport_temporary' : 'passport_electronic',
        date: day.date,
        time: slot.time,
        applicant: {
          last_name: LAST[n % LAST.length],
          first_name: FIRST[(n * 7) % FIRST.length],
          cnp: validCnp({ sex: 1 + (n % 2), year: 1950 + (n % 60), month: 1 + (n % 12), day: 1 + (n % 28) }),
          email: `agenda.${n}@example.ro`,
          phone: '',
        },
        companions: [],
        consent: true,
      });
    }
  }
  assert.equal(bookings.length, 192);
  for (let i = 0; i < bookings.length; i += 8) {
    await Promise.all(bookings.slice(i, i + 8).map((b) => post(`${server.url}/api/v1/bookings`, b)));
  }

  const { context, page } = await newPage(browser, server.url);
  try {
    await staff.signIn(page, staff.CLERK);
    await page.goto(`/admin/birouri/${office.id}/agenda?data=${day.date}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const rows = await page.getByRole('row').filter({ hasText: 'În așteptarea confirmării' }).count();
    assert.equal(rows, 192, 'every appointment of the day is listed');
    await expectAccessible(page, 'agenda with 192 appointments');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'agenda-192.png'), fullPage: true });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`agenda of 192 appointments: ${height} px tall at 1280 px`);
    assert.deepEqual(context.problems, [], 'no script errors, no CSP refusals');
  } catch (error) {
    error.message += `\n  (at ${page.url()})`;
    throw error;
  } finally {
    await context.close();
  }
});
