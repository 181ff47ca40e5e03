export { defineScenario } from './scenario.js';
export type { Scenario, ModeSetup, Operation, Checksum, Params, ParamValue } from './scenario.js';
export * from './arena/index.js';
