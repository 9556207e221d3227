import { createRequire } from 'node:module';
import type Ajv from 'ajv-draft-04';
import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from 'bson';
import type { JsonSchemaValidator } from 'mingo/types';
import { requestFailed } from './errors';
import { isPlainObject } from './values';

/**
 * `$jsonSchema` for mingo, validated by Ajv with JSON Schema draft 4 (the draft MongoDB implements) plus
 * MongoDB's `bsonType` keyword. Unknown keywords are refused, as MongoDB refuses them. Ajv loads on first use
 * (it adds a tenth of a second to a start).
 */

const INT32 = 2 ** 31;

/** The BSON type names a stored value has, MongoDB's aliases (`number` is any numeric type). */
function bsonTypesOf(value: unknown): readonly string[] {
  if (value === null) return ['null'];
  if (typeof value === 'string') return ['string'];
  if (typeof value === 'boolean') return ['bool'];
  if (typeof value === 'number') {
    // the SDK sends an int32-range integer as $numberInt, anything else as $numberDouble
    return [Number.isInteger(value) && value >= -INT32 && value < INT32 ? 'int' : 'double', 'number'];
  }
  if (Array.isArray(value)) return ['array'];
  if (value instanceof Date) return ['date'];
  if (value instanceof RegExp || value instanceof BSONRegExp) return ['regex'];
  if (value instanceof ObjectId) return ['objectId'];
  if (value instanceof Int32) return ['int', 'number'];
  if (value instanceof Long) return ['long', 'number'];
  if (value instanceof Double) return ['double', 'number'];
  if (value instanceof Decimal128) return ['decimal', 'number'];
  if (value instanceof Binary) return ['binData'];
  if (value instanceof Timestamp) return ['timestamp'];
  if (isPlainObject(value)) return ['object'];
  return [];
}

const BSON_TYPES = new Set([
  'double',
  'int',
  'long',
  'decimal',
  'number',
  'string',
  'object',
  'array',
  'binData',
  'objectId',
  'bool',
  'date',
  'null',
  'regex',
  'timestamp',
]);

let ajv: Ajv | undefined;

function schemaCompiler(): Ajv {
  if (ajv) return ajv;
  const AjvDraft04 = createRequire(import.meta.url)('ajv-draft-04') as typeof Ajv;
  ajv = new AjvDraft04({ strictSchema: true, strictTypes: false, strictTuples: false, strictRequired: false });
  ajv.addKeyword({
    keyword: 'bsonType',
    schemaType: ['string', 'array'],
    errors: false,
    compile: (schema: string | string[]) => {
      const wanted = Array.isArray(schema) ? schema : [schema];
      const unknown = wanted.find((t) => !BSON_TYPES.has(t));
      if (unknown !== undefined) throw new Error(`Unknown type name alias: ${unknown}`);
      return (data: unknown) => bsonTypesOf(data).some((t) => wanted.includes(t));
    },
  });
  return ajv;
}

/** Compiled schemas by their JSON text: a query is compiled per request. */
const compiled = new Map<string, (doc: unknown) => boolean>();
const MAX_COMPILED = 256;

export const jsonSchemaValidator: JsonSchemaValidator = (schema) => {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    try {
      const check = schemaCompiler().compile(schema);
      validate = (doc) => check(doc) === true;
    } catch (error) {
      throw requestFailed(`$jsonSchema: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, validate);
  }
  return validate;
};
