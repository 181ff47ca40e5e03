/**
 * Reading ASCII byte ranges without making strings: compare, search, digits, query parameters.
 * Every range is [start, end) of one byte array.
 */

const AMPERSAND = 0x26;
const EQUALS = 0x3d;

/** The bytes of an ASCII text, for comparing ranges against. */
export const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

export function equalsIgnoreCase(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (lower(bytes[start + i]!) !== expected[i]) return false;
  return true;
}

export function equalsAt(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start < expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}

export function contains(bytes: Uint8Array, start: number, end: number, needle: Uint8Array): boolean {
  for (let at = start; at + needle.length <= end; at++) if (equalsAt(bytes, at, end, needle)) return true;
  return false;
}

export function indexOfByte(bytes: Uint8Array, start: number, end: number, byte: number): number {
  for (let at = start; at < end; at++) if (bytes[at] === byte) return at;
  return -1;
}

/** Digits at [start, end) as a number, or −1 if the range is empty or not all digits. */
export function digitsValue(bytes: Uint8Array, start: number, end: number): number {
  if (start >= end) return -1;
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = bytes[at]! - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Start of the value of query parameter `name` within [start, end), or −1. */
export function queryParam(bytes: Uint8Array, start: number, end: number, name: Uint8Array): number {
  let at = start;
  while (at < end) {
    let pairEnd = indexOfByte(bytes, at, end, AMPERSAND);
    if (pairEnd < 0) pairEnd = end;
    const equals = indexOfByte(bytes, at, pairEnd, EQUALS);
    const keyEnd = equals < 0 ? pairEnd : equals;
    if (keyEnd - at === name.length && equalsAt(bytes, at, keyEnd, name)) return equals < 0 ? pairEnd : equals + 1;
    at = pairEnd + 1;
  }
  return -1;
}

export function valueEnd(bytes: Uint8Array, start: number, end: number): number {
  const ampersand = indexOfByte(bytes, start, end, AMPERSAND);
  return ampersand < 0 ? end : ampersand;
}
