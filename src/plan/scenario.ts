/** A parameter value a scenario accepts and `--param name=value` can override. */
export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;
/** A scenario's default parameters: a list of values is swept, as `--param name=a,b` sweeps it. */
export type ParamDefaults = Record<string, ParamValue | readonly ParamValue[]>;

/** What an operation returns: compared across modes to prove they did the same work. */
export type Checksum = number | bigint | string;

/** The timed operation. It may return a Promise; async scenarios are awaited. */
export type Operation = () => Checksum | Promise<Checksum>;

/**
 * An operation with hooks around every call, as benchmark libraries run them (tinybench's
 * `beforeEach`, mitata's computed arguments): the hooks run outside the timing and outside the
 * allocation count, and `afterAll` once after the last operation.
 */
export interface HookedOperation {
  operation: Operation;
  beforeEach?: () => unknown;
  afterEach?: () => unknown;
  afterAll?: () => unknown;
}

/** Untimed setup for one mode: receives the effective parameters, returns the operation. */
export type ModeSetup<P extends Params = Params> = (
  params: P,
) => Operation | HookedOperation | Promise<Operation | HookedOperation>;

/**
 * A paired scenario: the same work done in several modes (or one, measured alone). One of them is
 * the baseline (`heap` unless the scenario names another); every other mode is compared against it.
 */
export interface Scenario<P extends Params = Params> {
  name: string;
  /** What real code it models and which GC signal it stresses; `arena-bench list` shows it. */
  description?: string;
  /** The mode every other mode is compared with: by default `heap` when there is one, else the first mode. */
  baseline?: string;
  /** Default parameters; a list of values is swept; `--param` overrides them by name. */
  params?: { [K in keyof P]: P[K] | readonly P[K][] };
  /**
   * The shortest measured time per run that gives this scenario a stable figure: its runs are timed
   * for at least this long whatever `--time` says (not under `--quick`). For scenarios whose
   * throughput depends on how many major GCs a run happens to hold.
   */
  minTimeMs?: number;
  modes: Record<string, ModeSetup<P>>;
}

/** The baseline a scenario declares: its own `baseline`, else `heap` when it has that mode, else its first mode. */
export function declaredBaseline(scenario: Pick<Scenario, 'baseline' | 'modes'>): string {
  const modes = Object.keys(scenario.modes);
  return scenario.baseline ?? (modes.includes('heap') ? 'heap' : modes[0]!);
}

/** Identity helper that gives a scenario object its types; plain objects work too. */
export function defineScenario<P extends Params>(scenario: Scenario<P>): Scenario<P> {
  return scenario;
}
