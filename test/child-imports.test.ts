/** The child's import rule (docs/architecture.md, "The rule for the child"), and measure/ apart from results/, read from the sources. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = join(ROOT, 'src');

/** The relative imports of one module (`import … from`, `export … from`, `import(…)`), as paths under src/. */
function importsOf(file: string, source: string): string[] {
  const specifiers = [
    ...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)|^\s*import\s+'([^']+)'/gm),
  ].map((match) => match[1] ?? match[2] ?? match[3]!);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(SRC, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))));
}

/** Every module reachable from `entry` (a path under src/), each with the module that first imported it. */
function reachable(entry: string): Map<string, string | undefined> {
  const seen = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  while (queue.length > 0) {
    const module = queue.shift()!;
    const file = join(SRC, module);
    for (const imported of importsOf(file, readFileSync(file, 'utf8'))) {
      if (seen.has(imported)) continue;
      seen.set(imported, module);
      queue.push(imported);
    }
  }
  return seen;
}

/** What the child may import: its own folder, the job messages, the scenario and its loader (benchmark files of other tools included), statistics, the errors. */
const ALLOWED = [
  /^measure\/child\//,
  /^measure\/job\.ts$/,
  /^plan\/scenario\.ts$/,
  /^plan\/loader\.ts$/,
  /^plan\/(tinybench|vitest|mitata)(-registry)?\.ts$/,
  /^plan\/stand-in(s|-hooks)\.ts$/,
  /^stats\//,
  /^errors\.ts$/,
];

test('importsOf reads from-imports, side-effect imports and dynamic imports, relative ones only', () => {
  const source =
    "import { a } from './a.js';\nexport { b } from '../b.js';\nimport 'node:fs';\nimport './c.js';\nconst d = await import('./d.js');\nimport type { E } from 'commander';\n";
  assert.deepEqual(importsOf(join(SRC, 'plan', 'x.ts'), source), ['plan/a.ts', 'b.ts', 'plan/c.ts', 'plan/d.ts']);
});

test('every module the child process loads stays inside the allowed set', () => {
  const modules = reachable('measure/child/worker.ts');
  const outside = [...modules]
    .filter(([module]) => !ALLOWED.some((pattern) => pattern.test(module)))
    .map(([module, by]) => `${module} (imported by ${by})`);
  assert.deepEqual(outside, []);
  // The walk found the child's own modules, so an empty answer above is not a parser that reads nothing.
  assert.ok(modules.has('measure/child/timing.ts') && modules.has('plan/loader.ts') && modules.has('stats/order.ts'));
});

test('measure/ hands back what it measured and imports nothing from results/, which builds the entries from it', () => {
  const measuring = readdirSync(join(SRC, 'measure'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join('measure', file));
  const intoResults = measuring.flatMap((module) =>
    importsOf(join(SRC, module), readFileSync(join(SRC, module), 'utf8'))
      .filter((imported) => imported.startsWith('results/'))
      .map((imported) => `${module} imports ${imported}`),
  );
  assert.deepEqual(intoResults, []);
  assert.ok(measuring.includes('measure/execute.ts') && measuring.includes(join('measure', 'child', 'worker.ts')));
});
