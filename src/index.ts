export * from './arena/index.js';
export type { Checksum, ModeSetup, Operation, Params, ParamValue, Scenario } from './plan/scenario.js';
export { defineScenario } from './plan/scenario.js';
