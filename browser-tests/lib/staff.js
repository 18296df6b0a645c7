'use strict';
// Helpers of the back-office test (issue 5): the demo staff accounts, signing in, the
// office's clock (Europe/Bucharest), a booking made and confirmed through the JSON API for
// a given slot, and an axe collector that scans every page visited and reports all
// violations at the end. Elements are found by role and label text, never by CSS.

const fs = require('node:fs');
const path = require('node:path');
const { scan, describe } = require('./axe');
const { REPO } = require('./server');

const SCREENSHOTS = process.env.EPAS_SCREENSHOT_DIR || path.join(REPO, 'target', 'screenshots');
const { waitForLink } = require('./mail');

/** `serve --demo`'s accounts of the first Cluj office (src/seed/demo_staff.rs). */
const MANAGER = { username: 'manager.cj', password: 'demo-manager-parola' };
const CLERK = { username: 'ghiseu.cj', password: 'demo-ghiseu-parola' };

async function json(url, options) {
  const response = await fetch(url, { ...options, signal: AbortSignal.timeout(10_000) });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${options?.method || 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** The Cluj office the demo staff work at: the CJ office with the smallest id. */
async function demoOffice(server) {
  const offices = await json(`${server.url}/api/v1/offices?county=CJ`);
  return offices.reduce((first, office) => (office.id < first.id ? office : first));
}

/** Now in Romania: { date: 'YYYY-MM-DD', time: 'HH:MM' } (the offices' wall clock). */
function romanianNow(at = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Bucharest',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Minutes since midnight of an 'HH:MM' time. */
function minutes(time) {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** `date` (YYYY-MM-DD) plus `days`. */
function addDays(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
function weekday(date) {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/** The public API's free slots of an office between two dates: [{ date, slots }]. */
async function availability(server, officeId, from, to) {
  const answer = await json(`${server.url}/api/v1/offices/${officeId}/availability?from=${from}&to=${to}`);
  return answer.days;
}

/**
 * Books `applicant` ({ lastName, firstName, cnp, email }) at `officeId` on `date` at
 * `time` through the API and confirms it with the token of the e-mailed link.
 */
async function bookAndConfirm(server, { officeId, date, time, applicant }) {
  await json(`${server.url}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      office_id: officeId,
      service: 'passport_electronic',
      date,
      time,
      applicant: {
        last_name: applicant.lastName,
        first_name: applicant.firstName,
        cnp: applicant.cnp,
        email: applicant.email,
        phone: '',
      },
      companions: [],
      consent: true,
    }),
  });
  const link = await waitForLink(server.mailDir, applicant.email, 'confirma');
  await json(`${server.url}/api/v1/bookings/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: link.split('/').pop() }),
  });
}

/** Signs in at /admin/login with the form's labels; arrives on the dashboard. */
async function signIn(page, { username, password }, axe) {
  await page.goto('/admin/login');
  await axe?.check(page, 'login');
  await page.getByLabel('Utilizator', { exact: true }).fill(username);
  await page.getByLabel('Parolă', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Autentificare', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/admin');
  await page.getByRole('heading', { level: 1, name: 'Administrare', exact: true }).waitFor();
  await axe?.check(page, 'dashboard');
}

/** Clicks a link and waits for the new page's path. */
async function follow(page, name, pathname) {
  await page.getByRole('link', { name, exact: true }).click();
  await page.waitForURL((url) => (typeof pathname === 'function' ? pathname(url.pathname) : url.pathname === pathname));
}

/**
 * Fills the first empty interval row inside `group` (a fieldset locator): start, end,
 * slot minutes, counters — by the rows' visible labels.
 */
async function fillEmptyInterval(group, { start, end, minutes, counters }) {
  const starts = group.getByLabel('Ora de început', { exact: true });
  const count = await starts.count();
  for (let i = 0; i < count; i += 1) {
    if ((await starts.nth(i).inputValue()) !== '') continue;
    await starts.nth(i).fill(start);
    await group.getByLabel('Ora de sfârșit', { exact: true }).nth(i).fill(end);
    await group.getByLabel('Durata (minute)', { exact: true }).nth(i).fill(String(minutes));
    await group.getByLabel('Ghișee', { exact: true }).nth(i).fill(String(counters));
    return;
  }
  throw new Error('no empty interval row to fill');
}

/**
 * Scans each page it is given with axe (WCAG 2.1 A + AA) and remembers the violations, so
 * that one run lists every page's problems; `assertClean()` throws with all of them.
 */
class AxeCollector {
  constructor(tag) {
    this.tag = tag;
    this.seen = [];
    this.failures = [];
  }

  async check(page, name) {
    this.seen.push(name);
    // A full-page photograph of every staff page scanned, beside the public pages' ones
    // (target/screenshots/, CI artifacts): staff-<tag>-<page>.png.
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = `staff-${this.tag}-${name}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase() + '.png';
    await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: true });
    const violations = await scan(page);
    if (violations.length) this.failures.push(`${this.tag} ${name} (${new URL(page.url()).pathname}):\n${describe(violations)}`);
  }

  assertClean() {
    if (this.failures.length) {
      throw new Error(
        `axe: WCAG 2.1 AA violations on ${this.failures.length} of ${this.seen.length} staff pages:\n${this.failures.join('\n')}`,
      );
    }
    console.log(`axe ${this.tag}: 0 violations on ${this.seen.length} pages: ${this.seen.join(', ')}`);
  }
}

module.exports = {
  MANAGER,
  CLERK,
  demoOffice,
  romanianNow,
  minutes,
  addDays,
  weekday,
  availability,
  bookAndConfirm,
  signIn,
  follow,
  fillEmptyInterval,
  AxeCollector,
};
