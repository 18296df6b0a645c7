'use strict';
// The booking journey driven as a person would: by the official labels (SPEC §6.3) and the
// buttons' names, never by CSS structure. Every step waits (bounded) for the next page's
// path, so a step that does not advance fails at once with the page it stayed on.

const { validCnp } = require('./cnp');

/** The official labels and button names, per language. */
const WORDS = {
  ro: {
    county: 'Județ',
    office: 'Locație',
    service: 'Serviciu',
    persons: 'Numărul de persoane programate',
    date: 'Data',
    time: 'Ora',
    lastName: 'Nume',
    firstName: 'Prenume',
    cnp: 'Cod numeric personal',
    email: 'Adresa de e-mail',
    phone: 'Număr de telefon (opțional)',
    person: (n) => `Persoana ${n}`,
    electronic: 'Pașaport simplu electronic',
    consent: 'Sunt de acord cu Politica de protecție a datelor cu caracter personal',
    continue: 'Continuă',
    save: 'Salvează',
    confirm: 'Confirmă programarea',
    cancelYes: 'Da, anulează programarea',
    errorSummary: 'Există o problemă',
  },
  en: {
    county: 'County',
    office: 'Office',
    service: 'Service',
    persons: 'Number of people booked',
    date: 'Date',
    time: 'Time',
    lastName: 'Last name',
    firstName: 'First name',
    cnp: 'Personal numeric code (CNP)',
    email: 'E-mail address',
    phone: 'Phone number (optional)',
    person: (n) => `Person ${n}`,
    electronic: 'Electronic passport',
    consent: 'I agree to the Personal data protection policy',
    continue: 'Continue',
    save: 'Save',
    confirm: 'Confirm the appointment',
    cancelYes: 'Yes, cancel the appointment',
    errorSummary: 'There is a problem',
  },
};

const PATHS = {
  county: '/programare',
  office: '/programare/birou',
  service: '/programare/serviciu',
  persons: '/programare/persoane',
  date: '/programare/data',
  time: '/programare/ora',
  applicant: '/programare/solicitant',
  companions: '/programare/persoane-suplimentare',
  check: '/programare/verificare',
  sent: '/programare/trimis',
};

/** Waits for the browser to be at `path` (query ignored). */
async function arrivedAt(page, path) {
  await page.waitForURL((url) => url.pathname === path);
}

/** A family member with a valid, fresh CNP. */
function person(lastName, firstName, cnpOptions) {
  return { lastName, firstName, cnp: validCnp(cnpOptions) };
}

class Journey {
  constructor(page, lang = 'ro') {
    this.page = page;
    this.lang = lang;
    this.w = WORDS[lang];
  }

  async continue(next) {
    await this.page.getByRole('button', { name: this.w.continue, exact: true }).click();
    if (next) await arrivedAt(this.page, PATHS[next]);
  }

  async start() {
    await this.page.goto(`${PATHS.county}?lang=${this.lang}`);
  }

  async county(name) {
    await this.page.getByLabel(this.w.county, { exact: true }).selectOption({ label: name });
    await this.continue('office');
  }

  async office(name) {
    const group = this.page.getByRole('group', { name: this.w.office, exact: true });
    await group.getByRole('radio', { name, exact: true }).check();
    await this.continue('service');
  }

  async service(name = this.w.electronic) {
    await this.page.getByRole('group', { name: this.w.service, exact: true }).getByRole('radio', { name, exact: true }).check();
    await this.continue('persons');
  }

  async persons(count) {
    const group = this.page.getByRole('group', { name: this.w.persons, exact: true });
    await group.getByRole('radio', { name: String(count), exact: true }).check();
    await this.continue('date');
  }

  /** The first day offered; returns its label. */
  async firstDate() {
    const first = this.page.getByRole('group', { name: this.w.date, exact: true }).getByRole('radio').first();
    await first.check();
    const label = await this.page.locator(`label[for="${await first.getAttribute('id')}"]`).textContent();
    await this.continue('time');
    return label.trim();
  }

  /** The first time offered; returns it. */
  async firstTime() {
    const first = this.page.getByRole('group', { name: this.w.time, exact: true }).getByRole('radio').first();
    await first.check();
    const value = await first.getAttribute('value');
    await this.continue();
    return value;
  }

  /** Fills the applicant's fields (no navigation). */
  async fillApplicant({ lastName, firstName, cnp, email, phone = '' }) {
    const p = this.page;
    await p.getByLabel(this.w.lastName, { exact: true }).fill(lastName);
    await p.getByLabel(this.w.firstName, { exact: true }).fill(firstName);
    await p.getByLabel(this.w.cnp, { exact: true }).fill(cnp);
    await p.getByLabel(this.w.email, { exact: true }).fill(email);
    await p.getByLabel(this.w.phone, { exact: true }).fill(phone);
  }

  async applicant(applicant, next = 'companions') {
    await this.fillApplicant(applicant);
    await this.continue(next);
  }

  /** Fills "Persoana n" (n ≥ 2) for each extra person, then continues to the check. */
  async companions(people) {
    for (const [i, { lastName, firstName, cnp }] of people.entries()) {
      const fieldset = this.page.getByRole('group', { name: this.w.person(i + 2), exact: true });
      await fieldset.getByLabel(this.w.lastName, { exact: true }).fill(lastName);
      await fieldset.getByLabel(this.w.firstName, { exact: true }).fill(firstName);
      await fieldset.getByLabel(this.w.cnp, { exact: true }).fill(cnp);
    }
    await this.continue('check');
  }

  /**
   * Ticks consent and presses "Salvează"; arrives on the "check your e-mail" page. With
   * the proof of work on (SPEC §8) and JavaScript, the ALTCHA widget solves its challenge
   * first; without JavaScript a form sent before its minimum fill time comes back with
   * its answers and a message, and is sent again once that time has passed.
   */
  async consentAndSave({ fillWaitMs = 4_000 } = {}) {
    await this.page.getByRole('checkbox', { name: this.w.consent }).check();
    const save = this.page.getByRole('button', { name: this.w.save, exact: true });
    const protectedForm = (await this.page.locator('altcha-widget').count()) > 0;
    // Without scripting, <noscript> content is part of the page.
    const withoutJs = protectedForm && (await this.page.locator('#altcha noscript p').count()) > 0;
    if (protectedForm && !withoutJs) {
      await this.page.locator('altcha-widget .altcha[data-state="verified"]').waitFor({ timeout: 30_000 });
    }
    await save.click();
    if (withoutJs) {
      const tooEarly = this.page.locator('#altcha .error-message');
      await Promise.race([arrivedAt(this.page, PATHS.sent), tooEarly.waitFor()]);
      if (new URL(this.page.url()).pathname !== PATHS.sent) {
        await this.page.waitForTimeout(fillWaitMs);
        await this.page.getByRole('button', { name: this.w.save, exact: true }).click();
      }
    }
    await arrivedAt(this.page, PATHS.sent);
  }
}

module.exports = { Journey, WORDS, PATHS, arrivedAt, person };
