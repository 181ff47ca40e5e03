/**
 * What a report says, as typed blocks: a result and a comparison are turned into these once
 * (document/result.ts, document/comparison.ts), and the terminal, markdown and HTML renderers only
 * draw them. A new line of output is a block, or a line in one, added in one place.
 */
import type { Verdict } from '../../compare/model.js';
import type { CaseResult, ModeResult } from '../../results/result.js';
import type { ModeColumn } from './columns.js';

/** How a line reads: its colour on a terminal, its class on the page. */
export type Tone = 'plain' | 'good' | 'bad' | 'warning';

/** Words, or an option or a name set as code (`--verbose`). */
export type Span = string | { code: string };

/** The document's name and where its figures come from: the page's header, the markdown's heading. */
export interface TitleBlock {
  kind: 'title';
  text: string;
  /** Lines under the title: the environment, the files. */
  meta: string[];
  /** Said under the title, in the warning's colour (an incomplete file). */
  warnings: string[];
}

/** The one-line answer of a comparison: what a reviewer reads first. */
export interface HeadlineBlock {
  kind: 'headline';
  text: string;
  tone: Tone;
}

/** What stops the figures from meaning what they usually do; each warning stands apart. */
export interface WarningsBlock {
  kind: 'warnings';
  lines: string[];
}

export interface ParagraphBlock {
  kind: 'paragraph';
  spans: Span[];
}

/** Lines that belong together (the notes on allocation regressions, on what was not compared). */
export interface NotesBlock {
  kind: 'notes';
  lines: string[];
  tone: Tone;
}

/** A finding's cells, and its verdict as each renderer marks it. */
export interface FindingRow {
  /** Every column's text but the verdict's. */
  cells: string[];
  verdict: Verdict;
  gated: boolean;
  /** Why the verdict, in a sentence (the page's tooltip). */
  reason: string;
  /** "regressed (not gating)" for a regression outside the gate, else the verdict. */
  verdictText: string;
}

export interface TableColumn {
  heading: string;
  align: 'left' | 'right';
  /** Cells may wrap onto more lines (names and words, not figures). */
  wrap?: boolean;
}

/** The comparison's findings: per case, mode and metric, the change and a verdict (the last column). */
export interface FindingsBlock {
  kind: 'findings';
  columns: TableColumn[];
  rows: FindingRow[];
  /** The leading columns that name a row (pair, case, mode): a line of their own when the table is too wide. */
  keyColumns: number;
}

/** A run's answer for a mode against its case's baseline: from where the interval of the ops/s ratio lies. */
export type VerdictWord = 'faster' | 'slower' | 'no measurable difference' | 'failed';

/** One row of the verdicts: a case, a mode against its baseline, and the answer. */
export interface VerdictsRow {
  cells: string[];
  verdict: VerdictWord;
}

/** The answer a run of several cases ends with (or opens with): one row per mode set against a baseline. */
export interface VerdictsBlock {
  kind: 'verdicts';
  title: string;
  intro: string;
  columns: TableColumn[];
  rows: VerdictsRow[];
}

/** A mode's figures, drawn in the columns of the catalogue. */
export interface FiguresRow {
  mode: string;
  result: ModeResult;
}

/** One variant of a case (a V8 flag set, a runtime): its modes, allocation sites, and the same case in a baseline file. */
export interface CaseVariant {
  /** "node v22.1.0 · --max-semi-space-size=64"; "" when the case has one variant. */
  label: string;
  caseResult: CaseResult;
  baseline: CaseResult | undefined;
  modes: FiguresRow[];
  allocationSites: AllocationSitesBlock[];
}

/** A line under a case's figures: a failure, a mode against its baseline, or a warning. */
export interface Outcome {
  kind: 'failure' | 'comparison' | 'warning';
  text: string;
  tone: Tone;
}

/** A mode's heaviest allocation sites, as the result file holds them (each renderer lays them out its own way). */
export interface AllocationSitesBlock {
  kind: 'allocation-sites';
  /** The variant the mode belongs to, "" when its case has one. */
  variant: string;
  mode: string;
  result: ModeResult;
}

/** One scenario at one parameter set, its variants side by side: its figures, outcomes and allocation sites. */
export interface CaseBlock {
  kind: 'case';
  /** "message-buffering  messages=1000 retain=0". */
  title: string;
  /** The scenario's name alone, and what the page says under it: parameters, source, its own run time. */
  name: string;
  meta: string[];
  /** The catalogue's columns of figures, and the page's second table's: the detail the other reporters leave out. */
  columns: readonly ModeColumn[];
  detailColumns: readonly ModeColumn[];
  variants: CaseVariant[];
  outcomes: Outcome[];
}

/**
 * How the figures were measured, or how the verdicts were reached. `key` stands for the legend of
 * the columns a renderer shows (catalogue's `legend`), followed by its text.
 */
export interface MethodBlock {
  kind: 'method';
  /** Whose method: a result's (the page's footer, a markdown list) or a comparison's (small print). */
  of: 'result' | 'comparison';
  lines: (string | { key: string })[];
}

export type Block =
  | TitleBlock
  | HeadlineBlock
  | WarningsBlock
  | ParagraphBlock
  | NotesBlock
  | FindingsBlock
  | VerdictsBlock
  | CaseBlock
  | AllocationSitesBlock
  | MethodBlock;

export type BlockKind = Block['kind'];

/** The plain text of spans, code as it is typed. */
export function spanText(spans: readonly Span[]): string {
  return spans.map((span) => (typeof span === 'string' ? span : span.code)).join('');
}

/** A method block's lines as text: a key line led by the legends of the columns a renderer shows. */
export function methodLines(block: MethodBlock, shownColumns: readonly ModeColumn[]): string[] {
  return block.lines.map((line) =>
    typeof line === 'string'
      ? line
      : [...shownColumns.flatMap((column) => (column.legend ? [column.legend] : [])), line.key].join(' '),
  );
}
