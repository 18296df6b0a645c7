'use strict';
// Valid, distinct CNPs for the tests (SPEC §5.1): S=1/2 (born 1900–1999), a real date,
// a county code 01–40, a serial 001–999 and the check digit over the key 279146358279.
// Each call gives a new serial so one run never reuses a CNP (one active booking per CNP).

const KEY = '279146358279';
let serial = Math.floor(Math.random() * 500);

function checkDigit(twelve) {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelve[i]) * Number(KEY[i]);
  const rest = sum % 11;
  return rest === 10 ? 1 : rest;
}

function pad(n, width) {
  return String(n).padStart(width, '0');
}

/** A valid CNP of an adult born in `year` (default 1985). */
function validCnp({ sex = 1, year = 1985, month = 3, day = 14, county = 12 } = {}) {
  serial = (serial % 999) + 1;
  const twelve = `${sex}${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${pad(county, 2)}${pad(serial, 3)}`;
  return twelve + checkDigit(twelve);
}

/** The same CNP with its check digit changed: fails the control-digit rule only. */
function withWrongCheckDigit(cnp) {
  const last = (Number(cnp[12]) + 1) % 10;
  return cnp.slice(0, 12) + last;
}

module.exports = { validCnp, withWrongCheckDigit, checkDigit };
