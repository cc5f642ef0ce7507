// SPDX-License-Identifier: GPL-3.0-or-later
//
// Generates the reference table of tests/core/test-lunar.c ONCE from an
// ephemeris: astronomy-engine (npm), whose Sun is VSOP87 and whose Moon is
// the Montenbruck–Pfleger lunar theory checked against JPL Horizons.
//
//   mkdir /tmp/ae && cd /tmp/ae && npm install astronomy-engine
//   NODE_PATH=/tmp/ae/node_modules node make-lunar-table.js .
//
// writes instants.csv (every new moon and principal term, 30° of the sun's
// apparent longitude, in UTC+7 to 0.1 s) and years.csv (Tết and the leap
// month of each lunar year, derived here independently of the application).
//
// ΔT (TT − UT) is not part of an ephemeris for the future; the table uses the
// model of src/core/calendar/dd-lunar.c so that the instants compare: the
// Espenak–Meeus polynomials to 2005, the observed values (IERS) 2005–2025,
// then ΔT = 69.14 + 0.1965 t + 0.0016 t² s (t = years after 2025.0), a
// parabola that meets current models (about 84 s late in 2077, 87 s late in
// 2085).

'use strict';
const Astronomy = require('astronomy-engine');
const fs = require('fs');
const path = require('path');

const OBSERVED = [ // 1 January 2005 … 2025
  64.69, 64.85, 65.15, 65.46, 65.78, 66.07, 66.32, 66.60, 66.91, 67.28, 67.64,
  68.10, 68.59, 68.97, 69.22, 69.36, 69.36, 69.29, 69.20, 69.17, 69.14,
];

function deltaTSeconds(y) {
  let t;
  if (y < 1900) {
    t = y - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t ** 3
      - 0.0004473624 * t ** 4 + t ** 5 / 233174;
  }
  if (y < 1920) {
    t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    t = y - 1920;
    return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    t = y - 1950;
    return 29.07 + 0.407 * t - t * t / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    t = y - 1975;
    return 45.45 + 1.067 * t - t * t / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t ** 3
      + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (y < 2025) {
    const i = Math.floor(y - 2005), f = y - 2005 - i;
    return OBSERVED[i] + f * (OBSERVED[i + 1] - OBSERVED[i]);
  }
  t = y - 2025;
  return 69.14 + 0.1965 * t + 0.0016 * t * t;
}

// astronomy-engine counts ut in days from 2000-01-01 12:00 UT.
Astronomy.SetDeltaTFunction(ut => deltaTSeconds(2000 + ut / 365.25) / 86400);

const ZONE_MS = 7 * 3600 * 1000;
const DAY_MS = 86400 * 1000;

function local(date) {
  const ms = Math.round((date.getTime() + ZONE_MS) / 100) * 100;
  return new Date(ms).toISOString().replace('Z', '').replace(/(\.\d)\d*$/, '$1');
}

function localDay(date) { // days since 1970-01-01 on the UTC+7 calendar
  return Math.floor((date.getTime() + ZONE_MS) / DAY_MS);
}

function dayIso(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const start = Astronomy.MakeTime(new Date(Date.UTC(1898, 10, 1)));
const stop = new Date(Date.UTC(2102, 1, 1));
const moons = [], terms = [];

for (let t = start; ; ) {
  const m = Astronomy.SearchMoonPhase(0, t, 40);
  if (m.date > stop) break;
  moons.push(m.date);
  t = m.AddDays(20);
}
for (let t = start; ; ) {
  const lon = (Math.floor(Astronomy.SunPosition(t).elon / 30) + 1) % 12 * 30;
  const s = Astronomy.SearchSunLongitude(lon, t, 40);
  if (s.date > stop) break;
  terms.push({ lon, date: s.date });
  t = s.AddDays(20);
}

const rows = ['kind,longitude,instant_utc7'];
const keep = d => d.getTime() >= Date.UTC(1899, 11, 1) && d.getTime() < Date.UTC(2101, 1, 1);
for (const m of moons) if (keep(m)) rows.push(`new_moon,,${local(m)}`);
for (const s of terms) if (keep(s.date)) rows.push(`term,${s.lon},${local(s.date)}`);

// The lunar calendar from these instants alone.
const moonDays = moons.map(localDay);
const termDays = terms.map(s => localDay(s.date));
function month11(year) { // index in moonDays of the month holding the solstice
  const s = terms.find(x => x.lon === 270 && x.date.getUTCFullYear() === year);
  const d = localDay(s.date);
  let i = moonDays.length - 1;
  while (moonDays[i] > d) i--;
  return i;
}
const hasTerm = i => termDays.some(d => d >= moonDays[i] && d < moonDays[i + 1]);
const years = ['year,tet,leap_month,leap_start'];
const leapOf = {};
const leapIndex = {};
for (let y = 1899; y <= 2101; y++) {
  const k0 = month11(y - 1), k1 = month11(y);
  let leap = 0;
  if (k1 - k0 === 13)
    for (let i = 1; i <= 12; i++) if (!hasTerm(k0 + i)) { leap = i; break; }
  leapIndex[y] = { k0, leap };
  if (leap) {
    const month = (11 + leap - 2) % 12 + 1; // the month it repeats
    leapOf[month >= 11 ? y - 1 : y] = { month, start: dayIso(moonDays[k0 + leap]) };
  }
}
for (let y = 1900; y <= 2100; y++) {
  const { k0, leap } = leapIndex[y];
  const tet = k0 + ((leap === 1 || leap === 2) ? 3 : 2);
  const l = leapOf[y];
  years.push(`${y},${dayIso(moonDays[tet])},${l ? l.month : 0},${l ? l.start : ''}`);
}

const dir = process.argv[2] || '.';
fs.writeFileSync(path.join(dir, 'instants.csv'), rows.join('\n') + '\n');
fs.writeFileSync(path.join(dir, 'years.csv'), years.join('\n') + '\n');
