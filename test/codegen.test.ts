// The code generator, on its own: it checks every row of the table against the spec and
// says which row is wrong and why; it derives what the surfaces read (effect, placement,
// flags, paging, lookups) from the spec and the row; and the rule words it writes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../scripts/codegen/generate.js';
import { apiModel } from '../scripts/codegen/model.js';
import { root } from '../scripts/codegen/paths.js';
import { ruleWords } from '../scripts/codegen/rule-words.js';
import type { ApiSource, OperationSource } from '../scripts/codegen/source.js';

const doc = (api: string) => JSON.parse(readFileSync(`${root}generated/${api}.json`, 'utf8'));
const katapult = { doc: doc('katapult'), table: await loadTable('katapult') };
const captain = { doc: doc('captain'), table: await loadTable('captain') };

/** The Katapult table with one row changed (or removed, with undefined). */
const changed = (id: string, row: OperationSource | undefined): ApiSource => {
  const operations: Record<string, OperationSource> = { ...katapult.table.operations };
  if (row) operations[id] = row;
  else delete operations[id];
  return { ...katapult.table, operations };
};
const fails = (source: ApiSource) => expect(() => apiModel(katapult.doc, source));

describe('the table is checked against the spec, row by row', () => {
  it('the tables as they are pass', () => {
    expect(apiModel(katapult.doc, katapult.table).operations).toHaveLength(Object.keys(katapult.table.operations).length);
    expect(apiModel(captain.doc, captain.table).operations).toHaveLength(Object.keys(captain.table.operations).length);
  });

  it('a row for an operation the spec does not have, and an operation without a row', () => {
    fails(changed('getBuckit', { effect: 'read', example: '' })).toThrow('openapi/katapult/operations.ts, getBuckit: the spec has no operation with this operationId');
    fails(changed('getBucket', undefined)).toThrow('getBucket: the spec has this operation, the table has no row for it: add one');
  });

  it('an effect or idempotency the method does not say needs a reason; one it does say needs none', () => {
    fails(changed('getBucket', { effect: 'delete', plan: { read: 'getBucket', keys: ['bucket'], action: 'x' }, example: '' })).toThrow('getBucket: a GET that is delete, not read, idempotent: say why, in because');
    fails(changed('createBucket', { effect: 'create', idempotent: true, example: '' })).toThrow('createBucket: a POST that is idempotent: say why');
    fails(changed('getBucket', { effect: 'read', because: 'it reads', example: '' })).toThrow('because explains nothing the method does not say');
  });

  it('what a person confirms has a plan, which reads a read of the same inputs', () => {
    fails(changed('deleteBucket', { effect: 'delete', example: '' })).toThrow('deleteBucket: delete is confirmed by a person first: give the plan');
    fails(changed('getBucket', { effect: 'read', plan: { read: 'getBucket', keys: [], action: 'x' }, example: '' })).toThrow('only an operation that overwrites or deletes has a plan');
    const plan = (read: string, keys: string[]) => changed('deleteBucket', { effect: 'delete', plan: { read, keys, action: 'delete the bucket' }, example: '' });
    fails(plan('deleteAccessKey', ['bucket'])).toThrow('deleteBucket: plan: reads deleteAccessKey, which is no read');
    fails(plan('getBuckets', ['bucket'])).toThrow('reads getBuckets, which the spec does not have');
    fails(plan('getAccessKey', ['bucket'])).toThrow('plan: bucket is not an input of getAccessKey');
    fails(plan('getBucket', ['access_key'])).toThrow('plan: access_key is not an input of deleteBucket');
  });

  it('paging names members the answer and the input have', () => {
    const paging = (items: string, pagination = 'pagination') =>
      changed('listAccessKeys', { effect: 'read', paging: { kind: 'pagination', items, pagination, page: 'page', size: 'per_page', narrow: 'x' }, example: '' });
    fails(paging('access_keys')).toThrow('listAccessKeys: paging: access_keys is not a list in the answer');
    fails(paging('object_storage_access_keys', 'object_storage_access_keys')).toThrow('object_storage_access_keys has no current_page: it is not a Pagination');
    fails(changed('listAccessKeys', { effect: 'read', paging: { kind: 'pagination', items: 'object_storage_access_keys', pagination: 'pagination', page: 'pages', size: 'per_page', narrow: 'x' }, example: '' })).toThrow(
      'listAccessKeys: paging: pages is not an input of listAccessKeys',
    );
  });
});

describe('what the model derives', () => {
  const model = apiModel(katapult.doc, katapult.table);
  const captainModel = apiModel(captain.doc, captain.table);
  const operation = (id: string) => [...model.operations, ...captainModel.operations].find((each) => each.id === id)!;

  it('a person confirms exactly what overwrites or deletes', () => {
    for (const each of [...model.operations, ...captainModel.operations]) expect(each.confirm, each.id).toBe(each.effect === 'overwrite' || each.effect === 'delete');
  });

  it("places a mirrored input whole, and a flat one member by member under the spec's names", () => {
    expect(operation('getBucket').placement).toBe('query');
    expect(operation('deleteBucket').placement).toBe('body');
    expect(operation('listObjectVersions').placement).toEqual({
      projectId: ['path', 'projectId'],
      bucket: ['path', 'name'],
      key: ['path', 'key'],
      maxKeys: ['query', 'maxKeys'],
      keyMarker: ['query', 'keyMarker'],
      versionIdMarker: ['query', 'versionIdMarker'],
    });
    expect(operation('listObjectVersions').fixed).toEqual({ version: '1' });
  });

  it("gives a command the API's flags for the members its input has, typed by their schemas", () => {
    const flags = (id: string) => operation(id).flags.map((flag) => `${flag.flag}:${flag.type}`);
    expect(flags('getBucket')).toEqual(['--region <region>:string', '--bucket <name>:string']);
    expect(flags('listAccessKeys')).toEqual(['--org <sub_domain>:string', '--org-id <id>:string', '--page <n>:integer', '--per-page <n>:integer']);
    // A presigned URL's properties take an expiry and no label; a bucket's a label and no expiry.
    expect(flags('createPresignedUrl')).toContain('--expiry <seconds>:integer');
    expect(flags('createPresignedUrl')).not.toContain('--label <label>:string');
    expect(flags('createBucket')).toContain('--label <label>:string');
    expect(flags('createBucket')).not.toContain('--expiry <seconds>:integer');
    expect(operation('listObjects').flags.find((flag) => flag.flag.startsWith('--key '))?.help).toBe('the folder key, such as photos/2021/');
  });

  it("finds Katapult's lookups by their argument sets", () => {
    expect(operation('getAccount').lookups).toEqual({
      organization: { set: 'OrganizationLookup', keys: ['id', 'sub_domain'] },
      object_storage_cluster: { set: 'ObjectStorageClusterLookup', keys: ['region'] },
    });
    expect(operation('listObjects').lookups).toEqual({});
  });

  it('names commands and tools after the operationId', () => {
    expect([operation('generateAccessKeyCredentials').command, operation('generateAccessKeyCredentials').tool]).toEqual(['generate-access-key-credentials', 'katapult_generate_access_key_credentials']);
  });
});

describe('rule words', () => {
  it.each([
    [{ type: 'string', minLength: 3, maxLength: 63 }, 'minLength', 'must be 3 to 63 characters long'],
    [{ type: 'string', minLength: 1 }, 'minLength', 'must not be empty'],
    [{ type: 'integer', minimum: 1, maximum: 10 }, 'maximum', 'must be an integer from 1 to 10'],
    [{ type: 'string', pattern: '^a$', description: 'must start and end with a' }, 'pattern', 'must start and end with a'],
    [{ type: 'string', pattern: '^a$' }, 'pattern', 'must match /^a$/'],
    [{ type: ['string', 'null'] }, 'type', 'must be a string or null'],
    [{ anyOf: [{ type: 'object', required: ['id'], properties: { id: {} }, additionalProperties: false }, { type: 'object', required: ['sub_domain'], properties: { sub_domain: {} }, additionalProperties: false }] }, 'anyOf', 'must hold exactly one of id or sub_domain'],
  ])('%j: %s', (schema, keyword, words) => {
    expect(ruleWords(schema)[`#/${keyword}`]).toBe(words);
  });

  it('keys each rule by its schema path, through members, unions and items', () => {
    const words = ruleWords({ properties: { a: { anyOf: [{ items: { type: 'string' } }] } } });
    expect(Object.keys(words)).toEqual(['#/properties/a/anyOf/0/items/type']);
  });
});
