/**
 * How wide text is on a terminal, and how to make it fit. Widths are string-width's (Unicode's
 * East Asian Width and emoji data: ⌚, CJK and kana take two columns, combining marks none, colour
 * codes no room); the wrapping is this project's own: at spaces, and a word too long for a line at
 * a separator inside it.
 */
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Columns `text` takes on a terminal (one line; colour codes ignored). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The longest start of `text` (plain, no colour codes) that fits in `width` columns. */
function takeColumns(text: string, width: number): { head: string; rest: string } {
  let used = 0;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    const next = stringWidth(segment);
    if (used + next > width) return { head: text.slice(0, index), rest: text.slice(index) };
    used += next;
    end = index + segment.length;
  }
  return { head: text.slice(0, end), rest: text.slice(end) };
}

/** The longest end of `text` that fits in `width` columns, at a grapheme. */
function keepEndColumns(text: string, width: number): string {
  const graphemes = [...segmenter.segment(text)].map(({ segment }) => segment);
  let used = 0;
  let start = graphemes.length;
  while (start > 0 && used + stringWidth(graphemes[start - 1]!) <= width) used += stringWidth(graphemes[--start]!);
  return graphemes.slice(start).join('');
}

/** "…/app/src/batch.ts:28": `text` in at most `width` columns, its start given way to "…". */
export function cutStartToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return width <= 1 ? '…' : `…${keepEndColumns(text, width - 1)}`;
}

/** `text` in at most `width` columns, its end given way to "…". */
export function cutEndToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return `${cutToWidth(text, width - 1)}…`;
}

/** `text` cut to at most `width` columns, at a grapheme: what a line that must not wrap shows of it. */
export function cutToWidth(text: string, width: number): string {
  return takeColumns(text, Math.max(0, width)).head;
}

// Where a long word may break: after these, or before an opening bracket.
const BREAK_AFTER = /[-_./\\:,;)\]>]/;
const BREAK_BEFORE = /[([<]/;

/**
 * The start of a word too long for `width` columns: up to its last separator that fits (a dot, a
 * dash, a slash, before a bracket…), else as much as fits.
 */
function breakWord(word: string, width: number): { head: string; rest: string } {
  const fitted = takeColumns(word, width);
  for (let i = fitted.head.length - 1; i > 0; i--) {
    const cut = BREAK_AFTER.test(fitted.head[i]!) ? i + 1 : BREAK_BEFORE.test(fitted.head[i]!) ? i : -1;
    if (cut > 0 && cut < word.length) return { head: word.slice(0, cut), rest: word.slice(cut) };
  }
  return fitted;
}

/**
 * Plain text wrapped at spaces (not those inside double quotes) into lines of at most `width`
 * columns; a word longer than a line (a path, a long name) is broken at a separator inside it where
 * it has one, else where the line ends. Later lines start with `indent`. `width` undefined: no
 * limit, the text as one line.
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
  // A quoted group kept whole must fit a line of its own; one that cannot is words again.
  const words = wordsOf(text).flatMap((word) =>
    displayWidth(word) > width - displayWidth(indent) ? word.split(/ +/) : [word],
  );
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (displayWidth(candidate) <= room()) {
      line = candidate;
      continue;
    }
    if (line) push();
    let rest = word;
    while (displayWidth(rest) > room() && room() > 0) {
      const { head, rest: tail } = breakWord(rest, room());
      line = head;
      push();
      rest = tail;
    }
    line = rest;
  }
  if (line || lines.length === 0) push();
  return lines;
}

/**
 * The words of a text, split at spaces except inside double quotes: a command to copy, such as
 * `--v8-flags "--a --b"`, stays on one line where a line can hold it. A quote with no partner is a
 * character.
 */
function wordsOf(text: string): string[] {
  return text.match(/(?:[^ "]+|"[^"]*"|")+/g) ?? [];
}

/** A paragraph set in from the left by `indent`, its later lines by `hanging`, none wider than `width`. */
export function indentedLines(text: string, width: number | undefined, indent = '  ', hanging = '    '): string[] {
  const room = width === undefined ? undefined : Math.max(1, width - displayWidth(indent));
  const inner = hanging.slice(Math.min(hanging.length, indent.length));
  return wrapText(text, room, inner).map((line) => indent + line);
}
