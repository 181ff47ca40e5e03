/** Generated from schema/result.schema.json by scripts/compile-schema.mjs at build time. */
import type { ErrorObject } from 'ajv';

export interface SchemaValidator {
  (data: unknown): boolean;
  /** After a failed call: why, the first failing field first. */
  errors?: ErrorObject[] | null;
}

export const validate: SchemaValidator;
