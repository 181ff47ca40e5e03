export { defineScenario } from './plan/scenario.js';
export type { Scenario, ModeSetup, Operation, Checksum, Params, ParamValue } from './plan/scenario.js';
export * from './arena/index.js';
