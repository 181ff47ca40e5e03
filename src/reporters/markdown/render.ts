/**
 * The markdown renderer, for READMEs, pull-request comments and GitHub's job summary: a document's
 * blocks as headings, tables and lists, every name escaped, the whole cut to GitHub's size limit.
 */
import type { Comparison } from '../../compare/model.js';
import type { ResultFile } from '../../results/result.js';
import type { Block, CaseBlock, FindingRow, MethodBlock, Span, TableColumn } from '../document/blocks.js';
import { methodLines } from '../document/blocks.js';
import type { ModeColumn } from '../document/columns.js';
import { comparisonDocument } from '../document/comparison.js';
import { resultDocument } from '../document/result.js';
import { allocationSitesMarkdown } from './allocation-sites.js';
import { fitMarkdown, markdownCell, markdownText } from './escape.js';

function table(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${columns.map((column) => column.heading).join(' | ')} |`,
    `|${columns.map((column) => (column.align === 'right' ? '--:' : '---')).join('|')}|`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}

const VERDICT_MARKS = {
  regressed: '🔴 **regressed**',
  improved: '🟢 improved',
  unchanged: 'unchanged',
  inconclusive: '🟡 inconclusive',
  'not-compared': 'not compared',
} as const;

/** Not red: a regression outside the gate does not fail the check. */
function verdictMark(row: FindingRow): string {
  return row.verdict === 'regressed' && !row.gated ? '🟠 regressed (not gating)' : VERDICT_MARKS[row.verdict];
}

function spans(parts: readonly Span[]): string {
  return parts.map((part) => (typeof part === 'string' ? markdownText(part) : `\`${part.code}\``)).join('');
}

/** A case: its heading, a table of every figure the catalogue has in text, its outcomes, its allocation sites. */
function caseSection(block: CaseBlock): string {
  const lines = [`### ${markdownText(block.title)}`];
  const labelled = block.variants.some(({ label }) => label !== '');
  const columns = block.columns.filter((column) => !column.picture);
  const rows = block.variants.flatMap(({ label, modes }) =>
    modes.map(({ mode, result }) =>
      [...(labelled ? [label] : []), mode, ...columns.map((column) => column.cell(result))].map(markdownCell),
    ),
  );
  if (rows.length > 0) {
    const headings: TableColumn[] = [
      ...(labelled ? [{ heading: 'variant', align: 'left' as const }] : []),
      { heading: 'mode', align: 'left' },
      ...columns.map((column) => ({ heading: column.heading, align: 'right' as const })),
    ];
    lines.push('', ...table(headings, rows));
  }
  if (block.outcomes.length) {
    lines.push(
      '',
      ...block.outcomes.map(({ kind, text }) =>
        kind === 'comparison' ? `- ${markdownText(text)}` : `- **${markdownText(text)}**`,
      ),
    );
  }
  for (const sites of block.variants.flatMap((variant) => variant.allocationSites))
    lines.push(...allocationSitesMarkdown({ [sites.mode]: sites.result }, sites.variant ? `${sites.variant}: ` : ''));
  return lines.join('\n');
}

/** A result's method as a list; a comparison's as small print under it. */
function method(block: MethodBlock, columns: readonly ModeColumn[]): string {
  const lines = methodLines(block, columns);
  if (block.of === 'result') return lines.map((line) => `- ${markdownText(line)}`).join('\n');
  return `<sub>${lines.map(markdownText).join('<br>\n')}</sub>`;
}

function sections(block: Block, shownColumns: readonly ModeColumn[]): string[] {
  switch (block.kind) {
    case 'title':
      return [
        `## ${markdownText(block.text)}`,
        ...block.meta.map(markdownText),
        ...block.warnings.map((line) => `> [!WARNING]\n> ${markdownText(line)}`),
      ];
    case 'headline':
      return [`### ${markdownText(block.text)}`];
    case 'warnings':
      return block.lines.map((line) => `> [!WARNING]\n> ${markdownText(line)}`);
    case 'paragraph':
      return [spans(block.spans)];
    case 'notes':
      return [block.lines.map((line) => `- ${markdownText(line)}`).join('\n')];
    case 'findings':
      return [
        table(
          block.columns,
          block.rows.map((row) => [...row.cells.map(markdownCell), verdictMark(row)]),
        ).join('\n'),
      ];
    case 'verdicts':
      return [
        [
          `### ${markdownText(block.title)}`,
          '',
          block.intro,
          '',
          ...table(
            block.columns,
            block.rows.map((row) => row.cells.map(markdownCell)),
          ),
        ].join('\n'),
      ];
    case 'case':
      return [caseSection(block)];
    case 'allocation-sites':
      return [
        allocationSitesMarkdown({ [block.mode]: block.result }, block.variant ? `${block.variant}: ` : '')
          .join('\n')
          .trim(),
      ];
    case 'method':
      return [method(block, shownColumns)];
  }
}

/** A document in markdown: its blocks apart by a blank line, within GitHub's limit. */
export function renderMarkdown(blocks: readonly Block[]): string {
  const shownColumns = textColumns(blocks);
  return fitMarkdown(`${blocks.flatMap((block) => sections(block, shownColumns)).join('\n\n')}\n`);
}

/** The catalogue's columns a case table shows in markdown: every one in text. */
function textColumns(blocks: readonly Block[]): ModeColumn[] {
  const first = blocks.find((block): block is CaseBlock => block.kind === 'case');
  return first ? first.columns.filter((column) => !column.picture) : [];
}

/** `run --reporter markdown`: the verdicts first, for a reader who reads no further, then each case. */
export function markdown(result: ResultFile): string {
  return renderMarkdown(resultDocument(result, { target: 'markdown' }));
}

/** A comparison as a pull-request comment (or GitHub's job summary): the answer on the first line, then what changed. */
export function comparisonMarkdown(comparison: Comparison, options: { verbose: boolean }): string {
  return renderMarkdown(comparisonDocument(comparison, { target: 'markdown', verbose: options.verbose }));
}
