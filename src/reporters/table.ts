/**
 * The terminal reporter: one table per scenario, modes (and variants) side by side, a line per
 * comparison, a short legend, and the run's summary last. Given a width, no line is wider: the
 * columns that matter most get room first, and below the narrowest table each mode becomes a block.
 */
import { Chalk } from 'chalk';
import type { ResultFile } from '../results/result.js';
import { allocationSiteLines } from './allocation-sites.js';
import {
  CORE_COLUMNS,
  CORE_COLUMNS_DROPPED_FIRST,
  columnsNamed,
  EXTRA_COLUMNS,
  MODE_COLUMNS,
  type ModeColumn,
} from './columns.js';
import { describeOutcomes, groupScenarios, type ScenarioGroup } from './describe.js';
import { visible } from './escape.js';
import { describeLegend } from './legend.js';
import type { ReporterOptions } from './options.js';
import { hasSummary, SUMMARY_TABLE_HEADINGS, summaryTable } from './run-summary.js';
import { SPARKLINE_HEADING } from './sparkline.js';
import {
  fitTable,
  renderTable,
  type TableLook,
  type TablePaint,
  type TableRow,
  type TextColumn,
  tableFits,
  verticalBlocks,
  type WordFit,
} from './text-table.js';
import { displayWidth, indentedLines, wrapText } from './text-width.js';

type Color = InstanceType<typeof Chalk>;

interface GroupCells {
  columns: TextColumn[];
  rows: string[][];
}

function groupCells(group: ScenarioGroup, shown: readonly ModeColumn[]): GroupCells {
  const labelled = group.entries.some(({ label }) => label !== '');
  const columns: TextColumn[] = [
    ...(labelled ? [{ heading: 'variant', align: 'left' as const, wrap: true }] : []),
    { heading: 'mode', align: 'left', wrap: true },
    ...shown.map(
      (column): TextColumn => ({
        heading: column.heading,
        align: column.heading === SPARKLINE_HEADING ? 'left' : 'right',
      }),
    ),
  ];
  const rows = group.entries.flatMap(({ label, scenario }) =>
    Object.entries(scenario.modes).map(([mode, result]) => [
      ...(labelled ? [label] : []),
      visible(mode),
      ...shown.map((column) => column.cell(result)),
    ]),
  );
  return { columns, rows };
}

type Layout =
  | { look: TableLook; columns: ModeColumn[]; words: WordFit }
  | { look: 'blocks'; columns: ModeColumn[]; words: WordFit };

/** The core columns, then the same without the first of them to give way, then without the next. */
function coreColumnSets(): string[][] {
  return Array.from({ length: CORE_COLUMNS_DROPPED_FIRST.length + 1 }, (_, dropped) =>
    CORE_COLUMNS.filter((name) => !CORE_COLUMNS_DROPPED_FIRST.slice(0, dropped).includes(name)),
  );
}

/**
 * One choice of columns and look for every group, so the tables of a run read alike. Names are
 * kept whole first: columns give way (the extras, then some core ones) before a mode's name is
 * broken; only then may a word over WORD_KEPT_WHOLE characters break.
 */
function chooseLayout(
  groups: readonly ScenarioGroup[],
  width: number | undefined,
  requested: ReporterOptions['columns'],
): Layout {
  const fits = (columns: readonly ModeColumn[], look: TableLook, words: WordFit) =>
    groups.every((group) => {
      const { columns: headings, rows } = groupCells(group, columns);
      return tableFits(headings, rows, look, width, words);
    });
  const looks: TableLook[] = ['box', 'plain'];
  const wordFits: WordFit[] = ['whole', 'long-words-break'];
  if (requested) {
    const columns = requested === 'all' ? [...MODE_COLUMNS] : columnsNamed(requested);
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

function groupSection(
  group: ScenarioGroup,
  layout: Layout,
  width: number | undefined,
  paint: TablePaint,
  color: Color,
): string {
  const lines = wrapText(group.title, width, '  ').map((line) => color.bold(line));
  const { columns, rows } = groupCells(group, layout.columns);
  if (rows.length > 0) {
    const table =
      layout.look === 'blocks'
        ? verticalBlocks(columns, rows, width, paint)
        : renderTable(columns, rows, layout.look, width, paint, layout.words);
    lines.push(...(table ?? verticalBlocks(columns, rows, width, paint)));
  }
  for (const { kind, text, faster, slower } of describeOutcomes(group)) {
    const tint =
      kind === 'failure'
        ? color.red
        : kind === 'warning'
          ? color.yellow
          : faster
            ? color.green
            : slower
              ? color.red
              : color.reset;
    lines.push(...indentedLines(text, width).map((line) => tint(line)));
  }
  for (const { label, scenario } of group.entries) {
    for (const { text, warning } of allocationSiteLines(
      scenario.modes,
      width ?? Number.POSITIVE_INFINITY,
      label ? `${label}: ` : '',
    )) {
      lines.push(warning ? color.yellow(text) : text);
    }
  }
  return lines.join('\n');
}

/**
 * The summary with a case column when the case names fit in it whole; otherwise each case's name is
 * a line of its own above its modes, so names stay readable on a narrow terminal.
 */
function summarySection(result: ResultFile, width: number | undefined, paint: TablePaint, color: Color): string {
  const { intro, rows } = summaryTable(result);
  // Only one-word verdicts are coloured, so a colour never has to wrap onto a second line.
  const tint = (verdict: string) =>
    verdict === 'faster'
      ? color.green(verdict)
      : verdict === 'slower' || verdict === 'failed'
        ? color.red(verdict)
        : verdict;
  const tinted = rows.map((row) => [...row.slice(0, 5), tint(row[5]!)]);
  const columns: TextColumn[] = SUMMARY_TABLE_HEADINGS.map((heading, i) => ({
    heading,
    align: i >= 2 && i <= 4 ? 'right' : 'left',
    wrap: i === 0 || i === 1 || i === 5,
  }));
  const caseWidth = Math.max(...rows.map((row) => displayWidth(row[0]!)));
  const withCases = renderTable(columns, tinted, 'plain', width === undefined ? undefined : width, paint);
  const casesWhole = withCases && withCases[0]!.indexOf('mode') >= caseWidth;
  let table: string[];
  if (withCases && casesWhole) table = withCases;
  else {
    const headed: TableRow[] = [];
    tinted.forEach((row, i) => {
      if (i === 0 || rows[i - 1]![0] !== row[0]) headed.push({ span: row[0]! });
      headed.push(row.slice(1));
    });
    table = fitTable(columns.slice(1), headed, width, paint, ['plain']);
  }
  return [color.bold('Summary'), ...wrapText(intro, width).map((line) => color.dim(line)), ...table].join('\n');
}

export function table(result: ResultFile, options: ReporterOptions): string {
  const color = new Chalk({ level: options.color ? 1 : 0 });
  const paint: TablePaint =
    color.level > 0 ? { heading: color.cyan, border: color.grey } : { heading: (text) => text, border: (text) => text };
  const groups = groupScenarios(result.scenarios);
  const layout = chooseLayout(groups, options.width, options.columns);
  const sections = groups.map((group) => groupSection(group, layout, options.width, paint, color));
  const legend = describeLegend(
    result,
    layout.columns.map((column) => column.name),
  )
    .flatMap((line) => wrapText(line, options.width))
    .map((line) => color.dim(line));
  const summary = hasSummary(result) ? [summarySection(result, options.width, paint, color)] : [];
  return `${[...sections, legend.join('\n'), ...summary].join('\n\n')}\n`;
}
