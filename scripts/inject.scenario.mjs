// The built-in suite, re-exported with an optional, honest regression injected into one scenario's
// mode, for scripts/measure-rates.mjs. Every session of a measurement runs this file, so the clean
// and the injected sessions take the same code path; only the environment variables differ.
//
//   ARENA_BENCH_SCENARIOS=a,b            only these built-in scenarios (default: all)
//   ARENA_BENCH_INJECT=name:mode:slowdown:0.15
//       the mode does 1/(1 − 0.15) − 1 = 17.6% more of its own work per operation (its operation
//       runs once more every 5.67 calls), so its ops/s drops by 15%; it also allocates that much more
//   ARENA_BENCH_INJECT=name:mode:allocate:14600
//       each operation also allocates (and keeps reachable) an array of about 14600 bytes
//   ARENA_BENCH_INJECT=a:heap:slowdown:0.15,b:heap:allocate:14600
//       both, in two different scenarios
//   inject.txt beside this file, holding the same text: the injection of this tree only, for
//   `run --against` (both trees run under one environment)
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const directory = new URL('../dist/scenarios/', import.meta.url);
const only = process.env.ARENA_BENCH_SCENARIOS?.split(',').filter(Boolean);
const injectionFile = new URL('./inject.txt', import.meta.url);
const injections = (
  process.env.ARENA_BENCH_INJECT ?? (existsSync(injectionFile) ? readFileSync(injectionFile, 'utf8').trim() : '')
)
  .split(',')
  .filter(Boolean)
  .map((text) => {
    const [name, mode, kind, amount] = text.split(':');
    return { name, mode, kind, amount: Number(amount) };
  });

const scenarios = [];
for (const file of readdirSync(directory)
  .filter((name) => name.endsWith('.js'))
  .sort()) {
  const exported = (await import(new URL(file, directory).href)).default;
  scenarios.push(...(Array.isArray(exported) ? exported : [exported]));
}

/** What the injected allocation writes to, so escape analysis cannot remove it. */
const sink = [];

function inject(setup, { kind, amount }) {
  return async (params) => {
    const operation = await setup(params);
    if (kind === 'slowdown') {
      const extra = 1 / (1 - amount) - 1;
      let owed = 0;
      return () => {
        // The first calls (checksum verification) run unchanged; then, on average, `extra` more calls per operation.
        owed += extra;
        if (owed >= 1) {
          owed -= 1;
          operation();
        }
        return operation();
      };
    }
    if (kind === 'allocate') {
      // A packed array of small integers: 8 bytes an element plus headers on a 64-bit Node without pointer compression.
      const elements = Math.max(1, Math.round((amount - 48) / 8));
      return () => {
        sink[0] = new Array(elements).fill(0);
        return operation();
      };
    }
    throw new Error(`ARENA_BENCH_INJECT: unknown kind "${kind}" (slowdown or allocate)`);
  };
}

export default scenarios
  .filter((scenario) => !only || only.includes(scenario.name))
  .map((scenario) => {
    const modes = { ...scenario.modes };
    for (const injection of injections.filter((injection) => injection.name === scenario.name)) {
      modes[injection.mode] = inject(modes[injection.mode], injection);
    }
    return { ...scenario, modes };
  });
