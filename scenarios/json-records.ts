/**
 * An API payload of customer records turned into a per-city report. Heap mode is JSON.parse and a
 * loop over the objects; arena mode is a single-pass tokenizer over the UTF-8 bytes that writes
 * numbers into typed columns and keeps strings as byte ranges into the input, never making a
 * JavaScript string. JSON.parse is native C++ and V8 allocates its result in bulk, so whatever the
 * tokenizer gains comes from the work it skips: this scenario measures how much that is.
 */
import { Buffer } from 'node:buffer';
import { Arena, defineScenario } from '../src/index.js';
import { mix } from './support/checksum.js';
import { createRandom } from './support/random.js';

interface JsonParams extends Record<string, number> {
  records: number;
}

interface CustomerRecord {
  id: number;
  name: string;
  email: string;
  city: string;
  age: number;
  score: number;
  active: boolean;
  tags: string[];
}

const FIRST_NAMES = ['Zoë', 'José', 'Łukasz', 'Ana', 'Mia', 'Noah', 'Liam', 'Emma', 'Olivia', 'Søren', 'Aiko', 'Chidi'];
const LAST_NAMES = ['Smith', 'García', 'Müller', 'Dubois', 'Rossi', 'Nowak', "O'Brien", 'Kowalski', 'Tanaka', 'Okafor'];
const NICKNAMES = ['Ace', 'Red', 'Doc'];
const CITIES = ['Lisbon', 'Berlin', 'Tokyo', 'São Paulo', 'Kraków', 'New York', 'Lagos', 'Sydney', 'Toronto', 'Zürich'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net'];
const TAGS = ['vip', 'beta', 'new', 'churn-risk', 'eu', 'trial'];

/** The payload, the same for every mode: built from a seeded generator, then serialised by JSON.stringify. */
function createPayload(records: number): string {
  const random = createRandom(0x15_0e_c0_de);
  const rows: CustomerRecord[] = [];
  for (let i = 0; i < records; i++) {
    const id = 10_000 + i * 7 + random.below(7);
    const nickname = random.below(20) === 0 ? ` "${random.pick(NICKNAMES)}"` : '';
    const tags: string[] = [];
    for (let t = random.below(4); t > 0; t--) tags.push(random.pick(TAGS));
    rows.push({
      id,
      name: `${random.pick(FIRST_NAMES)}${nickname} ${random.pick(LAST_NAMES)}`,
      email: `user${id}@${random.pick(DOMAINS)}`,
      city: random.pick(CITIES),
      age: 18 + random.below(70),
      // Whole cents: JSON.stringify prints the shortest digits, and digits/100 parse back to the same double.
      score: random.below(100_000) / 100,
      active: random.below(3) !== 0,
      tags,
    });
  }
  return JSON.stringify(rows);
}

/** The report both modes compute, folded into one checksum in cities' order of first appearance. */
function reportChecksum(
  cities: number,
  count: ArrayLike<number>,
  scoreSum: ArrayLike<number>,
  maxAge: ArrayLike<number>,
  totals: { active: number; vip: number; tags: number; emailBytes: number },
): number {
  let hash = mix(0, cities);
  for (let c = 0; c < cities; c++) {
    hash = mix(hash, count[c]!);
    hash = mix(hash, Math.round(scoreSum[c]! * 100));
    hash = mix(hash, maxAge[c]!);
  }
  hash = mix(hash, totals.active);
  hash = mix(hash, totals.vip);
  hash = mix(hash, totals.tags);
  return mix(hash, totals.emailBytes);
}

/** The parsed records stay reachable, as they would while a handler uses them (docs/measurement.md#allocation-can-be-optimised-away). */
const parsed: { rows: CustomerRecord[] } = { rows: [] };

interface CityTotals {
  count: number;
  scoreSum: number;
  maxAge: number;
}

function heapMode({ records }: JsonParams) {
  const text = createPayload(records);
  return () => {
    const rows = JSON.parse(text) as CustomerRecord[];
    parsed.rows = rows;
    const byCity = new Map<string, CityTotals>();
    const totals = { active: 0, vip: 0, tags: 0, emailBytes: 0 };
    for (const row of rows) {
      let city = byCity.get(row.city);
      if (city === undefined) {
        city = { count: 0, scoreSum: 0, maxAge: 0 };
        byCity.set(row.city, city);
      }
      city.count++;
      city.scoreSum += row.score;
      if (row.age > city.maxAge) city.maxAge = row.age;
      if (row.active) totals.active++;
      if (row.tags.includes('vip')) totals.vip++;
      totals.tags += row.tags.length;
      totals.emailBytes += row.email.length;
    }
    const cities = [...byCity.values()];
    return reportChecksum(
      cities.length,
      cities.map((c) => c.count),
      cities.map((c) => c.scoreSum),
      cities.map((c) => c.maxAge),
      totals,
    );
  };
}

// ---- arena mode: a tokenizer over bytes ----

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const KEY = {
  id: ascii('id'),
  name: ascii('name'),
  email: ascii('email'),
  city: ascii('city'),
  age: ascii('age'),
  score: ascii('score'),
  active: ascii('active'),
  tags: ascii('tags'),
};
const VIP = ascii('vip');
/** 10^k for fraction digits: exact doubles, so mantissa / 10^k is the correctly rounded value JSON.parse gives. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

const MAX_CITIES = 256;
const CITY_SLOTS = 512;

/** Per-record columns, carved from the arena per payload: numbers as numbers, strings as byte ranges. */
interface Columns {
  id: Int32Array;
  age: Int32Array;
  score: Float64Array;
  active: Uint8Array;
  city: Int32Array;
  nameStart: Int32Array;
  nameEnd: Int32Array;
  emailStart: Int32Array;
  emailEnd: Int32Array;
  tagCount: Uint8Array;
  vip: Uint8Array;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWhitespace(bytes: Uint8Array, at: number): number {
  while (isWhitespace(bytes[at]!)) at++;
  return at;
}

/** `at` is just after an opening quote; returns the index of the closing one. Escapes are skipped, not decoded. */
function stringEnd(bytes: Uint8Array, at: number): number {
  for (;;) {
    const c = bytes[at]!;
    if (c === QUOTE) return at;
    at += c === BACKSLASH ? 2 : 1;
  }
}

function rangeEquals(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}

function rangesEqual(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let i = 0; a + i < aEnd; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/** Where the number starting at `at` ends. */
function numberEnd(bytes: Uint8Array, at: number): number {
  for (;;) {
    const c = bytes[at]!;
    if ((c >= ZERO && c <= 0x39) || c === MINUS || c === DOT || c === 0x2b || c === 0x65 || c === 0x45) at++;
    else return at;
  }
}

/**
 * Stores the number in [start, end) at column[row]: digits accumulated as an integer, then divided
 * by a power of ten, which is correctly rounded like JSON.parse while the digits fit in 2^53.
 * Exponents and longer mantissas take the slow, allocating route through Number(). It stores
 * rather than returns: a fractional number returned from a call V8 does not inline is boxed on the
 * heap, and Node 24 and 26 stop inlining it into parseRecord (their inlining budget runs out first).
 */
function storeNumber(
  bytes: Uint8Array,
  start: number,
  end: number,
  column: Int32Array | Float64Array,
  row: number,
): void {
  let at = start;
  const negative = bytes[at] === MINUS;
  if (negative) at++;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = -1;
  for (; at < end; at++) {
    const c = bytes[at]!;
    if (c === DOT) {
      fractionDigits = 0;
      continue;
    }
    if (c < ZERO || c > 0x39 || digits === 15) {
      column[row] = Number(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1'));
      return;
    }
    mantissa = mantissa * 10 + (c - ZERO);
    digits++;
    if (fractionDigits >= 0) fractionDigits++;
  }
  const value = fractionDigits > 0 ? mantissa / POWERS_OF_TEN[fractionDigits]! : mantissa;
  column[row] = negative ? -value : value;
}

/** Skips any JSON value; used for keys the report does not need. */
function skipValue(bytes: Uint8Array, at: number): number {
  let depth = 0;
  for (;;) {
    const c = bytes[at]!;
    if (c === QUOTE) at = stringEnd(bytes, at + 1) + 1;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      at++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) return at;
      depth--;
      at++;
    } else if (c === COMMA && depth === 0) return at;
    else at++;
  }
}

/**
 * City id for the name in [start, end): an open-addressing table keyed by a hash of the bytes, ids
 * given in order of first appearance, as a Map's insertion order gives them in heap mode.
 */
class CityTable {
  readonly slots = new Int32Array(CITY_SLOTS);
  readonly start = new Int32Array(MAX_CITIES);
  readonly end = new Int32Array(MAX_CITIES);
  size = 0;

  clear(): void {
    this.slots.fill(-1);
    this.size = 0;
  }

  intern(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    for (let slot = hash & (CITY_SLOTS - 1); ; slot = (slot + 1) & (CITY_SLOTS - 1)) {
      const id = this.slots[slot]!;
      if (id < 0) {
        if (this.size === MAX_CITIES) throw new RangeError(`json-records: more than ${MAX_CITIES} distinct cities`);
        this.start[this.size] = start;
        this.end[this.size] = end;
        this.slots[slot] = this.size;
        return this.size++;
      }
      if (rangesEqual(bytes, start, end, this.start[id]!, this.end[id]!)) return id;
    }
  }
}

function expect(bytes: Uint8Array, at: number, code: number): number {
  if (bytes[at] !== code) throw new SyntaxError(`json-records: expected "${String.fromCharCode(code)}" at byte ${at}`);
  return at + 1;
}

/** Parses one record's object starting at `at` (its "{") into row `row` of the columns; returns the index after its "}". */
function parseRecord(bytes: Uint8Array, at: number, row: number, columns: Columns, cities: CityTable): number {
  at = skipWhitespace(bytes, expect(bytes, at, OPEN_BRACE));
  columns.tagCount[row] = 0;
  columns.vip[row] = 0;
  if (bytes[at] === CLOSE_BRACE) return at + 1;
  for (;;) {
    const keyStart = expect(bytes, at, QUOTE);
    const keyEnd = stringEnd(bytes, keyStart);
    at = skipWhitespace(bytes, expect(bytes, skipWhitespace(bytes, keyEnd + 1), COLON));
    const c = bytes[at]!;
    if (c === QUOTE) {
      const start = at + 1;
      const end = stringEnd(bytes, start);
      at = end + 1;
      if (rangeEquals(bytes, keyStart, keyEnd, KEY.city)) columns.city[row] = cities.intern(bytes, start, end);
      else if (rangeEquals(bytes, keyStart, keyEnd, KEY.name)) {
        columns.nameStart[row] = start;
        columns.nameEnd[row] = end;
      } else if (rangeEquals(bytes, keyStart, keyEnd, KEY.email)) {
        columns.emailStart[row] = start;
        columns.emailEnd[row] = end;
      }
    } else if (c === MINUS || (c >= ZERO && c <= 0x39)) {
      const end = numberEnd(bytes, at);
      if (rangeEquals(bytes, keyStart, keyEnd, KEY.id)) storeNumber(bytes, at, end, columns.id, row);
      else if (rangeEquals(bytes, keyStart, keyEnd, KEY.age)) storeNumber(bytes, at, end, columns.age, row);
      else if (rangeEquals(bytes, keyStart, keyEnd, KEY.score)) storeNumber(bytes, at, end, columns.score, row);
      at = end;
    } else if (c === 0x74 || c === 0x66) {
      // true / false
      if (rangeEquals(bytes, keyStart, keyEnd, KEY.active)) columns.active[row] = c === 0x74 ? 1 : 0;
      at += c === 0x74 ? 4 : 5;
    } else if (c === OPEN_BRACKET && rangeEquals(bytes, keyStart, keyEnd, KEY.tags)) {
      at = skipWhitespace(bytes, at + 1);
      let tags = 0;
      while (bytes[at] !== CLOSE_BRACKET) {
        const start = expect(bytes, at, QUOTE);
        const end = stringEnd(bytes, start);
        tags++;
        if (rangeEquals(bytes, start, end, VIP)) columns.vip[row] = 1;
        at = skipWhitespace(bytes, end + 1);
        if (bytes[at] === COMMA) at = skipWhitespace(bytes, at + 1);
      }
      columns.tagCount[row] = tags;
      at++;
    } else {
      at = skipValue(bytes, at);
    }
    at = skipWhitespace(bytes, at);
    if (bytes[at] === CLOSE_BRACE) return at + 1;
    at = skipWhitespace(bytes, expect(bytes, at, COMMA));
  }
}

function arenaMode({ records }: JsonParams) {
  const bytes = new Uint8Array(Buffer.from(createPayload(records)));
  const cities = new CityTable();
  // Columns for `records` rows (11 columns, ≤ 8 bytes each) and the per-city totals.
  const arena = new Arena({ initialBytes: records * 64 + MAX_CITIES * 24 + 1024 });
  const totals = { active: 0, vip: 0, tags: 0, emailBytes: 0 };
  return () => {
    arena.reset();
    cities.clear();
    const columns: Columns = {
      id: arena.makeSlice(Int32Array, records),
      age: arena.makeSlice(Int32Array, records),
      score: arena.makeSlice(Float64Array, records),
      active: arena.makeSlice(Uint8Array, records),
      city: arena.makeSlice(Int32Array, records),
      nameStart: arena.makeSlice(Int32Array, records),
      nameEnd: arena.makeSlice(Int32Array, records),
      emailStart: arena.makeSlice(Int32Array, records),
      emailEnd: arena.makeSlice(Int32Array, records),
      tagCount: arena.makeSlice(Uint8Array, records),
      vip: arena.makeSlice(Uint8Array, records),
    };
    let at = skipWhitespace(bytes, expect(bytes, skipWhitespace(bytes, 0), OPEN_BRACKET));
    let rows = 0;
    while (bytes[at] !== CLOSE_BRACKET) {
      if (rows === records) throw new RangeError(`json-records: the payload has more than ${records} records`);
      at = skipWhitespace(bytes, parseRecord(bytes, at, rows++, columns, cities));
      if (bytes[at] === COMMA) at = skipWhitespace(bytes, at + 1);
    }

    const count = arena.makeSlice(Int32Array, cities.size);
    const scoreSum = arena.makeSlice(Float64Array, cities.size);
    const maxAge = arena.makeSlice(Int32Array, cities.size);
    totals.active = totals.vip = totals.tags = totals.emailBytes = 0;
    for (let row = 0; row < rows; row++) {
      const city = columns.city[row]!;
      count[city]!++;
      scoreSum[city]! += columns.score[row]!;
      if (columns.age[row]! > maxAge[city]!) maxAge[city] = columns.age[row]!;
      totals.active += columns.active[row]!;
      totals.vip += columns.vip[row]!;
      totals.tags += columns.tagCount[row]!;
      totals.emailBytes += columns.emailEnd[row]! - columns.emailStart[row]!;
    }
    return reportChecksum(cities.size, count, scoreSum, maxAge, totals);
  };
}

export default defineScenario({
  name: 'json-records',
  description:
    'An API payload of `records` customer records (JSON text) aggregated into a per-city report. Heap: JSON.parse, ' +
    'then a loop and a Map; arena: a single-pass byte tokenizer writing numbers into typed columns and strings as ' +
    '(offset, length) ranges, with about 14 typed-array views (≈1.5 KiB) allocated per payload. Stresses scavenges ' +
    'of a burst of parsed objects and strings. Expect a smaller margin than the binary scenarios: JSON.parse is ' +
    'native C++, and the tokenizer gains mostly by never building the strings the report does not read.',
  params: { records: 1000 },
  modes: { heap: heapMode, arena: arenaMode },
});
