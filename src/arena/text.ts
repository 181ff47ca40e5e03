// Encoders that write straight into a byte array at an offset. They exist because the standard
// route, TextEncoder.encodeInto(s, bytes.subarray(offset)), allocates a view and a result object
// per call (docs/measurement.md#text-into-an-arena-without-encodeinto), which is most of what an arena is meant to save.

/** Most bytes one UTF-16 code unit can become: 3 (a surrogate pair is 2 units → 4 bytes). */
export const MAX_UTF8_BYTES_PER_CODE_UNIT = 3;

/** UTF-8 length of `text` as TextEncoder counts it: lone surrogates become U+FFFD, 3 bytes. */
export function utf8ByteLength(text: string): number {
  const length = text.length;
  let byteLength = length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      byteLength += 1;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < length && isLowSurrogate(text.charCodeAt(i + 1))) {
      byteLength += 2; // two code units, four bytes
      i++;
    } else {
      byteLength += 2;
    }
  }
  return byteLength;
}

/**
 * Writes `text` as UTF-8 at `offset` and returns the offset after it. Surrogate pairs become one
 * 4-byte sequence; a lone surrogate becomes U+FFFD (EF BF BD), byte for byte what TextEncoder
 * produces. The caller guarantees room for `utf8ByteLength(text)` bytes.
 */
export function encodeUtf8(text: string, bytes: Uint8Array, offset: number): number {
  const length = text.length;
  let at = offset;
  for (let i = 0; i < length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes[at++] = code;
    } else if (code < 0x800) {
      bytes[at++] = 0xc0 | (code >> 6);
      bytes[at++] = 0x80 | (code & 0x3f);
    } else if (code < 0xd800 || code > 0xdfff) {
      bytes[at++] = 0xe0 | (code >> 12);
      bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[at++] = 0x80 | (code & 0x3f);
    } else if (code <= 0xdbff && i + 1 < length && isLowSurrogate(text.charCodeAt(i + 1))) {
      code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      bytes[at++] = 0xf0 | (code >> 18);
      bytes[at++] = 0x80 | ((code >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[at++] = 0x80 | (code & 0x3f);
    } else {
      bytes[at++] = 0xef;
      bytes[at++] = 0xbf;
      bytes[at++] = 0xbd;
    }
  }
  return at;
}

/**
 * Writes `text` one byte per code unit at `offset` and returns the OR of all code units, so the
 * caller can reject non-ASCII text with one comparison after the loop instead of one per character.
 */
export function encodeAscii(text: string, bytes: Uint8Array, offset: number): number {
  const length = text.length;
  let seen = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    seen |= code;
    bytes[offset + i] = code;
  }
  return seen;
}

/** Number of characters `String(value)` has for a safe integer, sign included. */
export function decimalLength(value: number): number {
  let digits = 1;
  const magnitude = value < 0 ? -value : value;
  // Powers of ten up to 1e16 are exact doubles, so the comparison is exact for every safe integer.
  for (let power = 10; magnitude >= power; power *= 10) digits++;
  return value < 0 ? digits + 1 : digits;
}

/**
 * Writes a safe integer's decimal digits at `offset`, exactly as `String(value)` spells them
 * (`-0` is "0"), and returns the offset after them. The caller guarantees `byteLength` bytes.
 */
export function encodeDecimal(
  value: number,
  bytes: Uint8Array,
  offset: number,
  byteLength: number = decimalLength(value),
): number {
  const end = offset + byteLength;
  let magnitude = value;
  if (value < 0) {
    bytes[offset] = 0x2d; // '-'
    magnitude = -value;
  }
  let at = end;
  do {
    const quotient = Math.floor(magnitude / 10);
    bytes[--at] = 0x30 + (magnitude - quotient * 10);
    magnitude = quotient;
  } while (magnitude > 0);
  return end;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
