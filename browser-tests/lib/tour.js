'use strict';
// Every public page in the states a citizen sees (blank, with errors, answered), visited
// in one browser context in one language. `visit(name)` is called on each: the axe test
// scans there, the screenshot test photographs. The journey is walked once for a family
// of two; its steps are then revisited by GET (the answers live in the sealed cookie), so
// each step is seen with its answer chosen.

const { Journey, PATHS, WORDS, person } = require('./journey');
const { bookPending, bookConfirmed } = require('./api');
const { OFFICE } = require('./family');

/** The submit button of the page's main form (each page has one form worth submitting). */
function mainButton(page, name) {
  return page.getByRole('main').getByRole('button', { name, exact: true });
}

async function submitAndWait(page, button) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** After a form sent with a mistake: the page must show the error summary. */
async function submitExpectingErrors(page, button) {
  await submitAndWait(page, button);
  if ((await page.locator('[data-error-summary]').count()) !== 1) {
    throw new Error(`no error summary at ${page.url()} after sending a form with a mistake`);
  }
}

const SIMPLE_PAGES = [
  ['home', '/'],
  ['offices', '/birouri'],
  ['offices-county', '/birouri?judet=CJ'],
  ['privacy', '/politica-de-confidentialitate'],
  ['accessibility', '/accesibilitate'],
  ['contact', '/contact'],
  ['stats', '/statistici'],
  ['draw', '/tragere'],
  ['waitlist', '/lista-asteptare'],
  ['not-found', '/pagina-care-nu-exista'],
  ['mailbox', '/demo/mailbox'],
];

async function simplePages(page, visit) {
  for (const [name, path] of SIMPLE_PAGES) {
    const response = await page.goto(path);
    const expected = name === 'not-found' ? 404 : 200;
    if (response.status() !== expected) throw new Error(`${path} answered ${response.status()}, not ${expected}`);
    await visit(name);
  }
}

/** The booking journey, each step with its answer, the error states, the sent page. */
async function journeyPages(page, lang, visit, tag) {
  const w = WORDS[lang];
  const j = new Journey(page, lang);
  await j.start();
  await visit('journey-county-blank');
  await submitExpectingErrors(page, mainButton(page, w.continue));
  await visit('journey-county-error');
  await j.county('Cluj');
  await j.office(OFFICE);
  await j.service(w.electronic);
  await j.persons(2);
  await j.firstDate();
  await j.firstTime();
  const email = `tur.${tag}.${Date.now()}@example.ro`;
  await submitExpectingErrors(page, mainButton(page, w.continue));
  await visit('journey-applicant-error');
  await j.applicant({ ...person('Vasilescu', 'Elena', { sex: 2 }), email });
  await submitExpectingErrors(page, mainButton(page, w.continue));
  await visit('journey-companions-error');
  await j.companions([person('Vasilescu', 'Mihai', { year: 1980 })]);

  for (const step of ['county', 'office', 'service', 'persons', 'date', 'time', 'applicant', 'companions']) {
    await page.goto(PATHS[step]);
    await visit(`journey-${step}`);
  }
  await page.goto(PATHS.check);
  await visit('journey-check');
  // The consent error as a browser without JavaScript meets it: the button is enabled.
  await page.evaluate(() => document.querySelectorAll('button[disabled]').forEach((b) => { b.disabled = false; }));
  await submitExpectingErrors(page, mainButton(page, w.save));
  await visit('journey-check-error');
  await j.consentAndSave();
  await visit('journey-sent');
}

/** The words of the other pages' forms. */
const PAGE_WORDS = {
  ro: { send: 'Trimite', search: 'Caută', email: 'Adresa de e-mail', byNumber: 'După numărul cererii', number: 'Numărul cererii', continue: 'Continuă' },
  en: { send: 'Send', search: 'Search', email: 'E-mail address', byNumber: 'By the application number', number: 'Application number', continue: 'Continue' },
};

/** "Verifică programare", "Status pașaport", "Informații", the earliest-slot search. */
async function formPages(page, lang, visit) {
  const w = PAGE_WORDS[lang];
  await page.goto('/verifica-programare');
  await visit('lookup');
  await submitExpectingErrors(page, mainButton(page, w.send));
  await visit('lookup-error');
  await page.getByLabel(w.email, { exact: true }).fill('nimeni@example.ro');
  await submitAndWait(page, mainButton(page, w.send));
  await visit('lookup-sent');

  await page.goto('/status-pasaport');
  await visit('status');
  await submitExpectingErrors(page, mainButton(page, w.search));
  await visit('status-error');
  await page.getByRole('radio', { name: w.byNumber, exact: true }).check();
  await page.getByLabel(w.number, { exact: true }).fill('CJ-2026-000123');
  await submitAndWait(page, mainButton(page, w.search));
  await visit('status-not-found');

  // The wizard: a question per page until the answer; with an error first.
  // An answer the wizard does not know shows its error summary (an empty answer simply
  // asks again: the questions are GET forms).
  await page.goto('/informatii?pentru=necunoscut');
  if ((await page.locator('[data-error-summary]').count()) !== 1) throw new Error('/informatii shows no error summary for an unknown answer');
  await visit('info-error');
  await page.goto('/informatii');
  await visit('info-who');
  for (let question = 2; ; question += 1) {
    const radios = page.getByRole('main').getByRole('radio');
    if ((await radios.count()) === 0) break;
    if (question > 6) throw new Error('the /informatii wizard asks more than 5 questions');
    await radios.first().check();
    await submitAndWait(page, mainButton(page, w.continue));
    if ((await page.getByRole('main').getByRole('radio').count()) > 0) await visit(`info-question-${question}`);
  }
  await visit('info-answer');

  await page.goto('/birouri');
  await mainButton(page, w.search).click();
  await page.waitForURL((url) => url.pathname === '/birouri/cel-mai-devreme');
  await visit('earliest');
}

/** Confirm and cancel pages, before and after their button. */
async function linkPages(page, lang, server, visit, tag) {
  const w = WORDS[lang];
  const pending = await bookPending(server, `confirma.${tag}.${Date.now()}@example.ro`);
  await page.goto(pending.confirmLink);
  await visit('confirm');
  await submitAndWait(page, mainButton(page, w.confirm));
  await visit('confirmed');
  await page.goto(pending.confirmLink);
  await visit('confirm-again');
  await page.goto('/programare/confirma/nu-exista-un-asemenea-token-0000');
  await visit('confirm-unknown-token');

  // The demo mailbox with messages, and its view of one message.
  await page.goto('/demo/mailbox');
  await visit('mailbox-with-mail');
  await page.getByRole('row').filter({ hasText: pending.email }).first().getByRole('link').click();
  await page.waitForURL((url) => url.pathname.startsWith('/demo/mailbox/'));
  await visit('mailbox-message');

  const confirmed = await bookConfirmed(server, `anuleaza.${tag}.${Date.now()}@example.ro`);
  await page.goto(confirmed.cancelLink);
  await visit('cancel');
  await submitAndWait(page, mainButton(page, w.cancelYes));
  await visit('cancelled');
  await page.goto(confirmed.cancelLink);
  await visit('cancel-again');
}

module.exports = { simplePages, journeyPages, linkPages, formPages, mainButton, submitAndWait, SIMPLE_PAGES };
