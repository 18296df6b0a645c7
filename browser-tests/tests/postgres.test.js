'use strict';
// Issue 4 item 8 (1) on the other backend: the family-of-two journey against PostgreSQL
// (a throw-away database, `epasapoarte seed`, then `serve --demo`).

const { test } = require('node:test');
const { usePostgresSite } = require('../lib/site');
const { bookConfirmCancelFamilyOfTwo } = require('../lib/family');

const { site, skip } = usePostgresSite();

test('on PostgreSQL a family of two books, confirms and cancels', { skip }, async () => {
  await bookConfirmCancelFamilyOfTwo(site, { javaScriptEnabled: true, tag: 'pg' });
});
