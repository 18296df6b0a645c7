'use strict';
// Issue 4 item 8 (1): the whole journey for a family of two — book, open the e-mailed
// link, confirm, cancel — with JavaScript on and with JavaScript off (SQLite backend).

const { test } = require('node:test');
const { useSite } = require('../lib/site');
const { bookConfirmCancelFamilyOfTwo } = require('../lib/family');

const site = useSite();

test('a family of two books, confirms and cancels with JavaScript on', async () => {
  await bookConfirmCancelFamilyOfTwo(site, { javaScriptEnabled: true, tag: 'js' });
});

test('a family of two books, confirms and cancels with JavaScript off', async () => {
  await bookConfirmCancelFamilyOfTwo(site, { javaScriptEnabled: false, tag: 'nojs' });
});
