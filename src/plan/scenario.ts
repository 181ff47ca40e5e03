/** A parameter value a scenario accepts and `--param name=value` can override. */
export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

/** What an operation returns: compared across modes to prove they did the same work. */
export type Checksum = number | bigint | string;

/** The timed operation. It may return a Promise; async scenarios are awaited. */
export type Operation = () => Checksum | Promise<Checksum>;

/** Untimed setup for one mode: receives the effective parameters, returns the operation. */
export type ModeSetup<P extends Params = Params> = (params: P) => Operation | Promise<Operation>;

/**
 * A paired scenario: the same work done in several modes. `heap` is the baseline mode;
 * every other mode is compared against it.
 */
export interface Scenario<P extends Params = Params> {
  name: string;
  /** What real code it models and which GC signal it stresses. */
  description: string;
  /** Default parameters; `--param` overrides them by name. */
  params?: P;
  /**
   * The shortest measured time per run that gives this scenario a stable figure: its runs are timed
   * for at least this long whatever `--time` says (not under `--quick`). For scenarios whose
   * throughput depends on how many major GCs a run happens to hold.
   */
  minTimeMs?: number;
  modes: { heap: ModeSetup<P> } & Record<string, ModeSetup<P>>;
}

/** Identity helper that gives a scenario object its types; plain objects work too. */
export function defineScenario<P extends Params>(scenario: Scenario<P>): Scenario<P> {
  return scenario;
}
