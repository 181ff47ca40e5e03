/** Every renderer draws every kind of block: a line added to a document reaches every reporter. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Block, BlockKind } from '../src/reporters/document/blocks.js';
import { resultDocument } from '../src/reporters/document/result.js';
import { modeColors, renderHtml } from '../src/reporters/html/render.js';
import { renderMarkdown } from '../src/reporters/markdown/render.js';
import { renderTerminal } from '../src/reporters/terminal/render.js';
import type { ResultFile } from '../src/results/result.js';
import { FIXTURES } from './helpers.js';

const result = JSON.parse(readFileSync(join(FIXTURES, 'legacy-result.json'), 'utf8')) as ResultFile;
const [caseBlock] = resultDocument(result, { target: 'markdown' }).filter((block) => block.kind === 'case');
const caseResult = result.scenarios[0]!;
const heap = caseResult.modes.heap!;
const sites = { kind: 'allocation-sites', variant: '', mode: 'heap', result: heap } as const;
const withSites = {
  ...heap,
  allocationSites: {
    samplingIntervalBytes: 512,
    profiledOps: 100,
    sampledBytesPerOp: 1000,
    rankedBy: 'allocated' as const,
    sites: [
      {
        functionName: 'parseHeader',
        url: 'file:///app/src/http.ts',
        line: 40,
        column: 1,
        stack: [],
        share: 0.6,
        bytesPerOp: 600,
      },
    ],
  },
};

/** Every kind of block, each with text found in no other, and where a renderer shows it. */
const EVERY_BLOCK: Record<BlockKind, { block: Block; distinct: string }> = {
  title: {
    block: { kind: 'title', text: 'Title-text', meta: ['meta-line'], warnings: ['title-warning'] },
    distinct: 'Title-text',
  },
  headline: { block: { kind: 'headline', text: 'Headline-text', tone: 'bad' }, distinct: 'Headline-text' },
  warnings: { block: { kind: 'warnings', lines: ['Warning-text'] }, distinct: 'Warning-text' },
  paragraph: {
    block: { kind: 'paragraph', spans: ['Paragraph-text ', { code: '--an-option' }] },
    distinct: '--an-option',
  },
  notes: { block: { kind: 'notes', lines: ['Note-text'], tone: 'warning' }, distinct: 'Note-text' },
  findings: {
    block: {
      kind: 'findings',
      columns: [
        { heading: 'scenario', align: 'left', wrap: true },
        { heading: 'change', align: 'right' },
        { heading: 'verdict', align: 'left' },
      ],
      rows: [
        { cells: ['Finding-case', '+12%'], verdict: 'regressed', gated: true, reason: 'why', verdictText: 'regressed' },
      ],
      keyColumns: 1,
    },
    distinct: 'Finding-case',
  },
  verdicts: {
    block: {
      kind: 'verdicts',
      title: 'Summary',
      intro: 'Verdicts-intro',
      columns: [
        { heading: 'case', align: 'left', wrap: true },
        { heading: 'mode', align: 'left', wrap: true },
        { heading: 'verdict', align: 'left', wrap: true },
      ],
      rows: [{ cells: ['Verdict-case', 'arena', 'faster'], verdict: 'faster' }],
    },
    distinct: 'Verdict-case',
  },
  case: { block: caseBlock!, distinct: 'message-buffering' },
  'allocation-sites': { block: { ...sites, result: withSites }, distinct: 'parseHeader' },
  method: {
    block: { kind: 'method', of: 'comparison', lines: ['Method-text', { key: 'Key-text' }] },
    distinct: 'Key-text',
  },
};

const RENDERERS: Record<string, (blocks: Block[]) => string> = {
  terminal: (blocks) => renderTerminal(blocks, { color: false, width: 100 }),
  markdown: renderMarkdown,
  html: (blocks) => renderHtml(blocks, modeColors([result])).join('\n'),
};

for (const [renderer, render] of Object.entries(RENDERERS)) {
  test(`the ${renderer} renderer draws every kind of block`, () => {
    for (const [kind, { block, distinct }] of Object.entries(EVERY_BLOCK)) {
      assert.ok(render([block]).includes(distinct), `${kind}: ${distinct}`);
    }
  });
}

test('a document with every kind of block shows each in every renderer, in its order', () => {
  const blocks = Object.values(EVERY_BLOCK).map(({ block }) => block);
  for (const [renderer, render] of Object.entries(RENDERERS)) {
    const text = render(blocks);
    const at = Object.values(EVERY_BLOCK).map(({ distinct }) => text.indexOf(distinct));
    assert.ok(
      at.every((index) => index >= 0),
      `${renderer}: ${at}`,
    );
    assert.deepEqual(
      [...at].sort((a, b) => a - b),
      at,
      `${renderer} keeps the document's order`,
    );
  }
});
