#!/usr/bin/env node
// Compiles schema/result.schema.json into a standalone validator module in dist/, run by
// `npm run build`: compiling the schema with ajv takes far longer than loading the compiled code,
// and every command that reads a result file would pay that at start-up.
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';

const repository = new URL('../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schema/result.schema.json', repository), 'utf8'));
// strict: the schema itself is checked, and NaN or Infinity (1e999 in JSON) are not numbers.
const ajv = addFormats.default(new Ajv2020({ strict: true, allowUnionTypes: true, code: { source: true, esm: true } }));
const code = standaloneCode.default(ajv, ajv.compile(schema));
// The generated module loads the format checkers with require(), which an ES module lacks.
const prelude = 'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n';
writeFileSync(new URL('dist/src/results/result-schema-validator.js', repository), prelude + code);
