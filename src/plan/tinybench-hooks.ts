/**
 * A module resolution hook: in a scenario file, the bare specifier `tinybench` resolves to
 * tinybench-shim.js, whose own `tinybench` import resolves to the real package as seen from that
 * scenario file (its URL rides along in the shim's query). Written without `await` so that one
 * function serves module.registerHooks (synchronous, Node 22.15+) and module.register (Node 20).
 */
const SHIM_URL = new URL('./tinybench-shim.js', import.meta.url).href;

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
  if (specifier !== 'tinybench') return nextResolve(specifier, context);
  const parent = context.parentURL;
  if (parent?.startsWith(SHIM_URL)) {
    const importer = new URL(parent).searchParams.get('from');
    return nextResolve(specifier, { ...context, parentURL: importer ?? parent });
  }
  const shim = new URL(SHIM_URL);
  if (parent) shim.searchParams.set('from', parent);
  return { url: shim.href, shortCircuit: true };
}
