/** The arena library's public exports: Arena, ArenaPool, record layouts, the text encoders, the errors. */
export type { ArenaStats, Records, TypedArrayConstructorLike } from './arena.js';
export { Arena } from './arena.js';
export { ArenaError, ArenaExhaustedError, ArenaFreedError, StaleHandleError } from './errors.js';
export type { FieldSpec, FieldType, FieldValue, Layout } from './layout.js';
export { defineLayout, fieldByteLengths } from './layout.js';
export type { ArenaOptions } from './options.js';
export { DEFAULT_INITIAL_BYTES, DEFAULT_MAX_BYTES, MAX_ARENA_BYTES } from './options.js';
export type { ArenaPoolOptions, ArenaPoolStats } from './pool.js';
export { ArenaPool } from './pool.js';
export { decimalLength, encodeDecimal, encodeUtf8, utf8ByteLength } from './text.js';
