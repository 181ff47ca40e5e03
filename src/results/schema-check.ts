/**
 * A result file checked against schema/result.schema.json (compiled at build time), and the first
 * field that does not match put in words a user can act on.
 */
import type { ErrorObject } from 'ajv';
import { validate } from './result-schema-validator.js';

/** "/scenarios/0/modes/heap/runs" → "scenarios[0].modes.heap.runs". */
function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (inner, part) =>
        inner !== null && typeof inner === 'object'
          ? (inner as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
          : undefined,
      data,
    );
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} (too large for a number)`;
  return typeof value === 'string'
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
    : String(value);
}

/** "number" → "a number", "integer" → "an integer"; null stays null. */
function typeName(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** One schema complaint as "<field> is <what it is>, expected <what the schema wants>". */
function describeError(error: ErrorObject, data: unknown): string {
  const field = fieldPath(error.instancePath) || 'the file';
  const is = `${field} is ${describeValue(valueAt(data, error.instancePath))}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${field === 'the file' ? '' : `${field}.`}${String(params.missingProperty)} is missing`;
    case 'type':
      return `${is}, expected ${String(params.type).split(',').map(typeName).join(' or ')}`;
    case 'enum':
      return `${is}, expected one of ${(params.allowedValues as unknown[]).map((allowed) => JSON.stringify(allowed)).join(', ')}`;
    case 'const':
      return `${is}, expected ${JSON.stringify(params.allowedValue)}`;
    case 'minItems':
      return `${is}, expected at least ${String(params.limit)} item(s)`;
    case 'maxItems':
      return `${is}, expected at most ${String(params.limit)} item(s)`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${is}, expected a number ${String(params.comparison)} ${String(params.limit)}`;
    case 'format':
      return `${is}, expected a ${String(params.format)} string`;
    default:
      return `${is}, which ${error.message ?? 'does not match the schema'}`;
  }
}

/** What is wrong with `data` as a result file, the first failing field; undefined when nothing is. */
export function schemaProblem(data: unknown): string | undefined {
  if (validate(data)) return undefined;
  // An if/then failure follows the complaint that explains it.
  const first = validate.errors?.find((error) => error.keyword !== 'if');
  return first ? describeError(first, data) : 'it does not match schema/result.schema.json';
}
