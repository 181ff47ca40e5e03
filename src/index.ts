/** The library's public exports: defineScenario, the scenario types, the arena. */
export * from './arena/index.js';
export type {
  Checksum,
  HookedOperation,
  ModeSetup,
  Operation,
  ParamDefaults,
  Params,
  ParamValue,
  Scenario,
} from './plan/scenario.js';
export { defineScenario } from './plan/scenario.js';
