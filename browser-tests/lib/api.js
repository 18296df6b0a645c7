'use strict';
// Shortcuts through the JSON API (SPEC §6.2) for tests that need a booking but are not
// about the journey: e.g. the accessibility scan of the confirm and cancel pages.

const { validCnp } = require('./cnp');
const { waitForLink } = require('./mail');

async function json(url, options) {
  const response = await fetch(url, { ...options, signal: AbortSignal.timeout(10_000) });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${options?.method || 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** The earliest free slot for `persons` in a county: { office_id, date, time }. */
async function earliestSlot(server, { county = 'CJ', persons = 1, service = 'passport_electronic' } = {}) {
  const slots = await json(`${server.url}/api/v1/earliest?service=${service}&persons=${persons}&county=${county}`);
  if (!slots.length) throw new Error(`no free slot for ${persons} in ${county}`);
  return slots[0];
}

/** Books one person through the API; returns { email, confirmLink }. */
async function bookPending(server, email) {
  const slot = await earliestSlot(server);
  await json(`${server.url}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      office_id: slot.office_id,
      service: 'passport_electronic',
      date: slot.date,
      time: slot.time,
      applicant: { last_name: 'Ionescu', first_name: 'Maria', cnp: validCnp({ sex: 2 }), email, phone: '' },
      companions: [],
      consent: true,
    }),
  });
  return { email, confirmLink: await waitForLink(server.mailDir, email, 'confirma') };
}

/** Books and confirms through the API; returns { email, confirmLink, cancelLink }. */
async function bookConfirmed(server, email) {
  const booking = await bookPending(server, email);
  const token = booking.confirmLink.split('/').pop();
  await json(`${server.url}/api/v1/bookings/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return { ...booking, cancelLink: await waitForLink(server.mailDir, email, 'anuleaza') };
}

module.exports = { earliestSlot, bookPending, bookConfirmed };
