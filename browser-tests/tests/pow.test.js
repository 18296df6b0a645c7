'use strict';
// Proof of work instead of a captcha (SPEC §8, issue 11 item 5), with rate limits ON (the
// other files turn them off), in the booking journey: the vendored ALTCHA widget solves
// its challenge under the site's strict CSP and the booking goes through; without
// JavaScript the form's ticket lets it through after its minimum fill time (the form
// comes back once with a message; the page never refreshes itself). The lookup form, axe
// and the solve time are in pow-forms.test.js.

const { test } = require('node:test');
const { useSite } = require('../lib/site');
const { bookConfirmCancelFamilyOfTwo } = require('../lib/family');

const site = useSite({ env: { EPAS_RATE_LIMITS: 'on' } });

test('with the proof of work on, a family books with JavaScript: the widget solves under the CSP', async () => {
  await bookConfirmCancelFamilyOfTwo(site, { javaScriptEnabled: true, tag: 'pow-js' });
});

test('with the proof of work on, a family books without JavaScript: the ticket, after its minimum time', async () => {
  await bookConfirmCancelFamilyOfTwo(site, { javaScriptEnabled: false, tag: 'pow-nojs' });
});
