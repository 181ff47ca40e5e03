/**
 * Tables for the terminal that never print a line wider than they are given. Headings wrap at their
 * spaces ("pause total" over two lines) and text columns (names, verdicts) wrap inside their cells,
 * at spaces and never inside a short word, before a table gives up; the widest column gives way first. Two looks: `box`, with lines drawn
 * around every cell, and `plain`, columns apart by two spaces, three columns narrower or more.
 */
import { displayWidth, wrapText } from '../../text/width.js';

export interface TextColumn {
  heading: string;
  align: 'left' | 'right';
  /** Cells may wrap onto more lines (names and words, not figures). */
  wrap?: boolean;
}

export type TableLook = 'box' | 'plain';

/** A row is its cells, or a line across the whole table that heads the rows after it. */
export type TableRow = readonly string[] | { span: string };

const cellsOf = (rows: readonly TableRow[]) => rows.filter((row): row is readonly string[] => Array.isArray(row));

export interface TablePaint {
  heading: (text: string) => string;
  border: (text: string) => string;
}

const PLAIN_PAINT: TablePaint = { heading: (text) => text, border: (text) => text };
/**
 * A word this long or shorter is never broken in a wrapped column: a mode named `safeParse` must not
 * read `safePars` over `e`. A longer word breaks at a separator inside it where it has one.
 */
const WORD_KEPT_WHOLE = 12;

/**
 * How far a wrapped text column may narrow: to its longest word (`whole`, what a table tries
 * first, dropping columns rather than breaking a name), or until words over WORD_KEPT_WHOLE break.
 */
export type WordFit = 'whole' | 'long-words-break';

const longestLine = (text: string) => Math.max(0, ...text.split('\n').map(displayWidth));
const longestWord = (text: string) => Math.max(0, ...text.split(/[\s\n]+/).map(displayWidth));

/** The narrowest a heading can be on at most two lines. */
function headingFloor(heading: string): number {
  for (let width = longestWord(heading); width < displayWidth(heading); width++)
    if (wrapText(heading, width).length <= 2) return width;
  return displayWidth(heading);
}

function chrome(look: TableLook, count: number): number {
  return look === 'box' ? 1 + 3 * count : 2 * (count - 1);
}

/** The narrowest a wrapped column's cell lets it be. */
function wordFloor(text: string, words: WordFit): number {
  const widths = text.split(/[\s\n]+/).map(displayWidth);
  return Math.max(0, ...(words === 'whole' ? widths : widths.map((w) => Math.min(w, WORD_KEPT_WHOLE))));
}

/** Each column's width in a table of at most `width` columns, or undefined when it cannot be that narrow. */
function columnWidths(
  columns: readonly TextColumn[],
  rows: readonly TableRow[],
  look: TableLook,
  width: number | undefined,
  words: WordFit,
): number[] | undefined {
  const cellRows = cellsOf(rows);
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column.heading), ...cellRows.map((row) => longestLine(row[i] ?? ''))),
  );
  if (width === undefined) return widths;
  const floors = columns.map((column, i) => {
    const cells = Math.max(
      0,
      ...cellRows.map((row) => (column.wrap ? wordFloor(row[i] ?? '', words) : longestLine(row[i] ?? ''))),
    );
    const floor = Math.max(headingFloor(column.heading), cells);
    return Math.min(widths[i]!, floor);
  });
  let excess = widths.reduce((total, w) => total + w, 0) + chrome(look, columns.length) - width;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++)
      if (widths[i]! > floors[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) return undefined;
    // A figure column narrower than its heading only wraps the heading: it might as well go to its floor at once.
    const step = columns[widest]!.wrap ? 1 : widths[widest]! - floors[widest]!;
    widths[widest]! -= step;
    excess -= step;
  }
  return widths;
}

/** Whether the table fits in `width` columns in this look. */
export function tableFits(
  columns: readonly TextColumn[],
  rows: readonly TableRow[],
  look: TableLook,
  width: number | undefined,
  words: WordFit = 'long-words-break',
): boolean {
  return columnWidths(columns, rows, look, width, words) !== undefined;
}

function cellLines(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => wrapText(line, width));
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const room = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + room : room + text;
}

/** The table as lines, or undefined when it cannot fit in `width` columns in this look. */
export function renderTable(
  columns: readonly TextColumn[],
  rows: readonly TableRow[],
  look: TableLook,
  width: number | undefined,
  paint: TablePaint = PLAIN_PAINT,
  words: WordFit = 'long-words-break',
): string[] | undefined {
  const widths = columnWidths(columns, rows, look, width, words);
  if (!widths) return undefined;
  const line = (cells: readonly string[], paintCell: (text: string) => string): string[] => {
    const wrapped = cells.map((cell, i) => cellLines(cell, widths[i]!));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    return Array.from({ length: height }, (_, row) => {
      const texts = wrapped.map((lines, i) => paintCell(pad(lines[row] ?? '', widths[i]!, columns[i]!.align)));
      return look === 'box'
        ? paint.border('│ ') + texts.join(paint.border(' │ ')) + paint.border(' │')
        : texts.join('  ').trimEnd();
    });
  };
  const rule = (left: string, middle: string, right: string) =>
    paint.border(left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right);
  const headings = line(
    columns.map((column) => column.heading),
    paint.heading,
  );
  const inner = widths.reduce((total, w) => total + w, 0) + chrome(look, columns.length) - (look === 'box' ? 4 : 0);
  const span = (text: string) =>
    wrapText(text, inner).map((part) =>
      look === 'box' ? paint.border('│ ') + pad(part, inner, 'left') + paint.border(' │') : part,
    );
  const body = rows.flatMap((row) => ('span' in row ? span(row.span) : line(row, (text) => text)));
  if (look === 'plain') return [...headings, paint.border(widths.map((w) => '─'.repeat(w)).join('  ')), ...body];
  return [rule('┌', '┬', '┐'), ...headings, rule('├', '┼', '┤'), ...body, rule('└', '┴', '┘')];
}

/**
 * The table in the first look that fits, else one block per row: the row's first cell, then a
 * "heading: value" line per other cell, each wrapped to the width.
 */
export function fitTable(
  columns: readonly TextColumn[],
  rows: readonly TableRow[],
  width: number | undefined,
  paint: TablePaint = PLAIN_PAINT,
  looks: readonly TableLook[] = ['box', 'plain'],
): string[] {
  for (const look of looks) {
    const lines = renderTable(columns, rows, look, width, paint);
    if (lines) return lines;
  }
  return verticalBlocks(columns, rows, width, paint);
}

export function verticalBlocks(
  columns: readonly TextColumn[],
  rows: readonly TableRow[],
  width: number | undefined,
  paint: TablePaint = PLAIN_PAINT,
): string[] {
  return rows.flatMap((row) => {
    if ('span' in row) return wrapText(row.span, width, '  ');
    return [
      ...wrapText(row[0]!.replace(/\n/g, ' '), width, '  ').map((line) => paint.heading(line)),
      ...columns
        .slice(1)
        .flatMap((column, i) =>
          wrapText(
            `${column.heading}: ${(row[i + 1] ?? '').replace(/\n/g, ' ')}`,
            width === undefined ? undefined : width - 2,
            '    ',
          ),
        )
        .map((line) => `  ${line}`),
    ];
  });
}
