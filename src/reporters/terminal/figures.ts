/**
 * The terminal's table of a case's figures: the catalogue's columns that fit the width, one choice
 * for every case of a run so their tables read alike. The columns that matter most get room first,
 * and below the narrowest table each mode becomes a block.
 */

import { visible } from '../../text/visible.js';
import type { CaseBlock } from '../document/blocks.js';
import {
  CORE_COLUMNS,
  CORE_COLUMNS_DROPPED_FIRST,
  columnsNamed,
  EXTRA_COLUMNS,
  FIGURE_COLUMNS,
  type ModeColumn,
} from '../document/columns.js';
import type { ReporterOptions } from '../options.js';
import {
  renderTable,
  type TableLook,
  type TablePaint,
  type TextColumn,
  tableFits,
  verticalBlocks,
  type WordFit,
} from './text-table.js';

interface CaseCells {
  columns: TextColumn[];
  rows: string[][];
}

function caseCells(block: CaseBlock, shown: readonly ModeColumn[]): CaseCells {
  const labelled = block.variants.some(({ label }) => label !== '');
  const columns: TextColumn[] = [
    ...(labelled ? [{ heading: 'variant', align: 'left' as const, wrap: true }] : []),
    { heading: 'mode', align: 'left', wrap: true },
    ...shown.map((column): TextColumn => ({ heading: column.heading, align: column.picture ? 'left' : 'right' })),
  ];
  const rows = block.variants.flatMap(({ label, modes }) =>
    modes.map(({ mode, result }) => [
      ...(labelled ? [label] : []),
      visible(mode),
      ...shown.map((column) => column.cell(result)),
    ]),
  );
  return { columns, rows };
}

export type Layout =
  | { look: TableLook; columns: ModeColumn[]; words: WordFit }
  | { look: 'blocks'; columns: ModeColumn[]; words: WordFit };

/** The core columns, then the same without the first of them to give way, then without the next. */
function coreColumnSets(): string[][] {
  return Array.from({ length: CORE_COLUMNS_DROPPED_FIRST.length + 1 }, (_, dropped) =>
    CORE_COLUMNS.filter((name) => !CORE_COLUMNS_DROPPED_FIRST.slice(0, dropped).includes(name)),
  );
}

/**
 * One choice of columns and look for every case, so the tables of a run read alike. Names are
 * kept whole first: columns give way (the extras, then some core ones) before a mode's name is
 * broken; only then may a word over WORD_KEPT_WHOLE characters break.
 */
export function chooseLayout(
  cases: readonly CaseBlock[],
  width: number | undefined,
  requested: ReporterOptions['columns'],
): Layout {
  const fits = (columns: readonly ModeColumn[], look: TableLook, words: WordFit) =>
    cases.every((block) => {
      const { columns: headings, rows } = caseCells(block, columns);
      return tableFits(headings, rows, look, width, words);
    });
  const looks: TableLook[] = ['box', 'plain'];
  const wordFits: WordFit[] = ['whole', 'long-words-break'];
  if (requested) {
    const columns = requested === 'all' ? [...FIGURE_COLUMNS] : columnsNamed(requested);
    for (const words of wordFits)
      for (const look of looks) if (fits(columns, look, words)) return { look, columns, words };
    return { look: 'blocks', columns, words: 'long-words-break' };
  }
  for (const words of wordFits) {
    for (const core of coreColumnSets()) {
      for (const look of looks) {
        if (!fits(columnsNamed(core), look, words)) continue;
        const chosen = [...core];
        for (const extra of EXTRA_COLUMNS) if (fits(columnsNamed([...chosen, extra]), look, words)) chosen.push(extra);
        return { look, columns: columnsNamed(chosen), words };
      }
    }
  }
  return { look: 'blocks', columns: columnsNamed(CORE_COLUMNS), words: 'long-words-break' };
}

/** A case's figures in the chosen layout; nothing for a case without modes (it failed). */
export function figuresTable(block: CaseBlock, layout: Layout, width: number | undefined, paint: TablePaint): string[] {
  const { columns, rows } = caseCells(block, layout.columns);
  if (rows.length === 0) return [];
  const table =
    layout.look === 'blocks'
      ? verticalBlocks(columns, rows, width, paint)
      : renderTable(columns, rows, layout.look, width, paint, layout.words);
  return table ?? verticalBlocks(columns, rows, width, paint);
}
