/**
 * A module resolution hook: in a benchmark file, the bare specifiers `tinybench`, `vitest` and
 * `mitata` resolve to arena-bench's stand-ins (tinybench-shim.js, vitest-shim.js, mitata-shim.js).
 * A stand-in's own import of its package resolves to the real one as seen from that benchmark file
 * (its URL rides along in the stand-in's query). Written without `await` so that one function
 * serves module.registerHooks (synchronous, Node 22.15+) and module.register (Node 20).
 */
const STAND_INS: Record<string, string> = {
  tinybench: new URL('./tinybench-shim.js', import.meta.url).href,
  vitest: new URL('./vitest-shim.js', import.meta.url).href,
  mitata: new URL('./mitata-shim.js', import.meta.url).href,
};

interface ResolveContext {
  parentURL?: string;
  [key: string]: unknown;
}
type NextResolve<R> = (specifier: string, context?: ResolveContext) => R;

export function resolve<R>(
  specifier: string,
  context: ResolveContext,
  nextResolve: NextResolve<R>,
): R | { url: string; shortCircuit: true } {
  const standIn = Object.hasOwn(STAND_INS, specifier) ? STAND_INS[specifier]! : undefined;
  if (standIn === undefined) return nextResolve(specifier, context);
  const parent = context.parentURL;
  if (parent?.startsWith(standIn)) {
    const importer = new URL(parent).searchParams.get('from');
    return nextResolve(specifier, { ...context, parentURL: importer ?? parent });
  }
  const url = new URL(standIn);
  if (parent) url.searchParams.set('from', parent);
  return { url: url.href, shortCircuit: true };
}
