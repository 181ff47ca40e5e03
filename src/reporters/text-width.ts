/**
 * How wide text is on a terminal, and how to make it fit. A character is one column unless it is a
 * wide East Asian character or an emoji (two columns) or combines with the one before it (zero);
 * grapheme clusters come from Intl.Segmenter, so "é" written as e + accent is one column. Colour
 * codes take no room.
 */

// Colour and style escapes (SGR): chalk writes only these.
const ANSI_SGR = /\u001b\[[0-9;]*m/g;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}/u;

/** East Asian Wide and Fullwidth ranges (Unicode UAX #11), the ones terminals draw two columns wide. */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

function graphemeWidth(grapheme: string): number {
  const codePoint = grapheme.codePointAt(0)!;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (EMOJI.test(grapheme) && (grapheme.includes('\ufe0f') || codePoint >= 0x1f000)) return 2;
  return isWide(codePoint) ? 2 : 1;
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI_SGR, '');
}

/** Columns `text` takes on a terminal (one line; colour codes ignored). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of segmenter.segment(stripAnsi(text))) width += graphemeWidth(segment);
  return width;
}

/** The longest start of `text` (plain, no colour codes) that fits in `width` columns. */
function takeColumns(text: string, width: number): { head: string; rest: string } {
  let used = 0;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    const next = graphemeWidth(segment);
    if (used + next > width) return { head: text.slice(0, index), rest: text.slice(index) };
    used += next;
    end = index + segment.length;
  }
  return { head: text.slice(0, end), rest: text.slice(end) };
}

/**
 * Plain text wrapped at spaces into lines of at most `width` columns; a word longer than a line
 * (a path, a long name) is broken where the line ends. Later lines start with `indent`.
 * `width` undefined: no limit, the text as one line.
 */
export function wrapText(text: string, width: number | undefined, indent = ''): string[] {
  if (width === undefined || displayWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  const room = () => width - displayWidth(lines.length ? indent : '');
  const push = () => {
    lines.push((lines.length ? indent : '') + line);
    line = '';
  };
  for (const word of text.split(/ +/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (displayWidth(candidate) <= room()) {
      line = candidate;
      continue;
    }
    if (line) push();
    let rest = word;
    while (displayWidth(rest) > room() && room() > 0) {
      const { head, rest: tail } = takeColumns(rest, room());
      line = head;
      push();
      rest = tail;
    }
    line = rest;
  }
  if (line || lines.length === 0) push();
  return lines;
}

/** A paragraph set in from the left by `indent`, its later lines by `hanging`, none wider than `width`. */
export function indentedLines(text: string, width: number | undefined, indent = '  ', hanging = '    '): string[] {
  const room = width === undefined ? undefined : Math.max(1, width - displayWidth(indent));
  const inner = hanging.slice(Math.min(hanging.length, indent.length));
  return wrapText(text, room, inner).map((line) => indent + line);
}
