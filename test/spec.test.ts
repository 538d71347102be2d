import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundle } from '../scripts/bundle.js';
import { generate } from '../scripts/codegen/generate.js';
import { apis, redoclyBin, root } from '../scripts/codegen/paths.js';
import { resolve } from '../scripts/codegen/spec.js';
import { documentedCases, loadSpec } from './support/specs.js';

const katapult = loadSpec('katapult');
const captain = loadSpec('captain');
const objectPath = captain.paths['/api/v{version}/projects/{projectId}/buckets/{name}/objects/{key}'];
const versionPath = captain.paths['/api/v{version}/projects/{projectId}/buckets/{name}/objects/{key}/version'];
const schemas = captain.components.schemas;
const ref = (spec: any, pointer: string) => pointer.slice(2).split('/').reduce((at: any, key: string) => at[key], spec);
const param = (spec: any, operation: any, name: string) =>
  [...(operation.parameters ?? [])].map((p: any) => (p.$ref ? ref(spec, p.$ref) : p)).find((p: any) => p.name === name);

const temp = mkdtempSync(join(tmpdir(), 'spec-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the committed generated files are fresh', () => {
  it('re-bundles and re-generates to the same bytes', async () => {
    bundle(temp);
    await generate({ specDir: temp });
    for (const api of apis) {
      const modules = readdirSync(join(root, 'generated', api)).map((file) => `${api}/${file}`);
      expect(readdirSync(join(temp, api)).map((file) => `${api}/${file}`).sort(), `generated/${api}/ is stale: run npm run build`).toEqual(modules.sort());
      for (const file of [`${api}.yaml`, `${api}.json`, `${api}.ts`, `${api}.methods.ts`, ...modules]) {
        expect(readFileSync(join(temp, file), 'utf8'), `generated/${file} is stale: run npm run build`).toBe(
          readFileSync(join(root, 'generated', file), 'utf8'),
        );
      }
    }
  });

  it('records each API version in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.openapi.katapult.version).toBe(katapult.info.version);
    expect(pkg.openapi.captain.version).toBe(captain.info.version);
    expect(pkg.openapi.katapult.title).toBe(katapult.info.title);
  });
});

describe('examples', () => {
  // Consumers' tools (Portman, Postman, mock servers) send a parameter's example, and make
  // one up where it has none (`<string>`), which the spec's own rules may refuse.
  it.each(apis)('%s: every parameter of every operation has a named example', (api) => {
    const spec = loadSpec(api);
    const missing: string[] = [];
    for (const item of Object.values<any>(spec.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        if (method === 'parameters') continue;
        for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((node: any) => resolve(spec, node))) {
          if (Object.keys(parameter.examples ?? {}).length === 0) missing.push(`${operation.operationId}: ${parameter.in} parameter ${parameter.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('lint', () => {
  it('reports zero problems, warnings included', () => {
    const run = spawnSync(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), join(root, 'scripts/lint.ts')], { cwd: root, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toContain('lint: 2 APIs, 0 problems.');
    expect(run.status).toBe(0);
  });

  it('fails when a Katapult error loses its code enum or its discriminator mapping', () => {
    const copy = join(temp, 'broken');
    for (const part of ['openapi', 'scripts', 'redocly.yaml']) cpSync(join(root, part), join(copy, part), { recursive: true });
    const schemasDir = join(copy, 'openapi/katapult/components/schemas');
    const networkError = join(schemasDir, 'NetworkError.yaml');
    writeFileSync(networkError, readFileSync(networkError, 'utf8').replace(/\n {4}enum:\n {6}- network_error/, ''));
    const notFound = join(schemasDir, 'BucketNotFoundErrors.yaml');
    writeFileSync(notFound, readFileSync(notFound, 'utf8').replace(/\n {2}mapping:[\s\S]*$/, '\n'));
    const run = spawnSync(process.execPath, [redoclyBin, 'lint', 'katapult', '--format=json'], { cwd: copy, encoding: 'utf8' });
    const rules = JSON.parse(run.stdout).problems.map((problem: { ruleId: string }) => problem.ruleId);
    expect(rules).toContain('storage-apis/error-body-has-code');
    expect(rules).toContain('rule/error-union-has-discriminator-mapping');
    expect(run.status).not.toBe(0);
  });
});

describe('Katapult is stricter than the vendor description, and follows the wire', () => {
  const errors = documentedCases(katapult).filter((c) => c.status >= 400);
  const operations = Object.values<any>(katapult.paths).flatMap((item) => Object.values<any>(item));
  const responses = operations.flatMap((operation) => Object.entries<any>(operation.responses).map(([status, response]) => [status, response.$ref ? ref(katapult, response.$ref) : response] as const));

  it('requires code on every error and pins it to one value', () => {
    const errorSchemas = Object.entries<any>(katapult.components.schemas).filter(([name]) => name.endsWith('Error'));
    expect(errorSchemas).toHaveLength(29);
    for (const [, schema] of errorSchemas) {
      expect(schema.required).toEqual(['code', 'description', 'detail']);
      expect(schema.properties.code.enum).toHaveLength(1);
    }
  });

  it('discriminates every union on code with a mapping naming each member', () => {
    const unions = Object.values<any>(katapult.components.schemas).filter((schema) => schema.oneOf);
    expect(unions.length).toBeGreaterThanOrEqual(12);
    for (const union of unions) {
      expect(union.discriminator.propertyName).toBe('code');
      expect(Object.values(union.discriminator.mapping).sort()).toEqual(union.oneOf.map((member: any) => member.$ref).sort());
      for (const [code, target] of Object.entries<string>(union.discriminator.mapping)) {
        expect(ref(katapult, target).properties.code.enum).toEqual([code]);
      }
    }
  });

  it('wraps every error body in a required error member, as the server does, and says why', () => {
    for (const [status, response] of responses.filter(([status]) => Number(status) >= 400)) {
      const schema = response.content['application/json'].schema;
      expect(schema.required, status).toEqual(['error']);
      expect(Object.keys(schema.properties)).toEqual(['error']);
      expect(ref(katapult, response.headers['X-Api-Schema'].$ref).schema.enum).toEqual(['json-error']);
    }
    for (const c of errors) {
      expect(Object.keys(c.value)).toEqual(['error']);
      expect(c.value.error.code).toBe(c.example);
    }
    expect(katapult.info.description).toContain('Errors and headers as the server sends them');
    expect(katapult.info.description).toMatch(/\{ "error": /);
  });

  it('documents the rate-limit and request-ID headers on every response', () => {
    expect(responses.length).toBe(138);
    for (const [, response] of responses) {
      expect(Object.keys(response.headers)).toEqual(expect.arrayContaining(['X-Ratelimit-Permitted', 'X-Ratelimit-Remaining', 'X-Request-Id']));
    }
  });

  it("adds the framework's errors to every operation", () => {
    const codesOf = (operation: any) =>
      documentedCases({ ...katapult, paths: { x: { op: operation } } }).map((c) => `${c.status} ${c.example}`);
    for (const operation of operations) {
      const codes = codesOf(operation);
      expect(codes).toEqual(expect.arrayContaining(['400 invalid_argument', '400 missing_required_argument', '500 unhandled_exception']));
      expect(codes.includes('400 invalid_json_body')).toBe(operation.requestBody !== undefined);
    }
  });

  it('uses the region uk-lon-1 in every example, never a data centre permalink', () => {
    const regions = JSON.stringify(katapult).match(/"region":\s*"[^"]*"/g) ?? [];
    expect(regions.length).toBeGreaterThan(10);
    for (const region of regions) expect(region).toMatch(/"uk-lon-1"$/);
  });

  it('asks for bearer or the OAuth2 scope each operation needs', () => {
    const reads = ['getAccount', 'getBucket', 'getObject'];
    for (const operation of operations) {
      const scope = reads.includes(operation.operationId) ? 'object_storage:read' : 'object_storage';
      expect(operation.security).toEqual([{ bearerAuth: [] }, { oauth2: [`api.katapult.io/core/v1/${scope}`] }]);
    }
    expect(operations).toHaveLength(16);
    expect(katapult.servers[0].url).toBe('https://api.katapult.io/core/v1');
  });

  it('marks the secrets it returns with x-secret, and the presigned URL as a URI', () => {
    const { schemas: all } = katapult.components;
    expect(all.ObjectStorageAccessKey.properties.s3_secret_access_key['x-secret']).toBe(true);
    expect(all.PresignedUrlResult.properties.url).toMatchObject({ format: 'uri', 'x-secret': true });
    // `format: password` is an unknown format to consumers' validators, and a URL is no password.
    expect(JSON.stringify(katapult)).not.toContain('"password"');
  });

  it('writes "exactly one of" as branches that each describe and require only their own member', () => {
    const lookup = katapult.components.schemas.OrganizationLookup;
    // Members named at the top would be shown by Redoc in every branch, `sub_domain` under "By ID".
    expect(lookup.properties).toBeUndefined();
    expect(lookup.anyOf.map((branch: any) => [Object.keys(branch.properties), branch.required, branch.additionalProperties])).toEqual([
      [['id'], ['id'], false],
      [['sub_domain'], ['sub_domain'], false],
    ]);
  });
});

describe('Captain: each contradiction of the vendor page is settled as the spec says', () => {
  it('states every settlement in the spec description', () => {
    for (const heading of [
      'One path, three operations',
      'Version records, not metadata',
      'Which version DELETE removes',
      'The `version` path parameter',
      "PUT's body",
      'Error bodies',
      'A mandatory filter',
      'A malformed example',
      '"GET All Objects" is a POST',
      'Every body member mandatory',
      'A continuation token that is a key',
    ]) {
      expect(captain.info.description).toContain(heading);
    }
  });

  it('1. the shared path lists versions with GET and deletes one with DELETE', () => {
    expect(Object.keys(objectPath).filter((key) => key !== 'parameters').sort()).toEqual(['delete', 'get']);
    expect(objectPath.get.operationId).toBe('listObjectVersions');
    expect(versionPath.put.operationId).toBe('restoreObjectVersion');
  });

  it('2. a listed version follows the example, not the metadata table', () => {
    expect(Object.keys(schemas.ObjectVersion.properties)).toEqual(['key', 'versionId', 'isLatest', 'isDeleteMarker', 'lastModified', 'size']);
    for (const metadata of ['bucketName', 'isPublic', 'contentType', 'url', 'previewLink', 'metadata']) {
      expect(schemas.ObjectVersion.properties).not.toHaveProperty(metadata);
    }
  });

  it('3. DELETE takes a required versionId query parameter', () => {
    expect(param(captain, objectPath.delete, 'versionId')).toMatchObject({ in: 'query', required: true, schema: { type: 'string', minLength: 1 } });
  });

  it('4. version is the bare number 1, not a UUID', () => {
    const version = param(captain, objectPath, 'version');
    expect(version.schema).toEqual({ type: 'string', enum: ['1'] });
  });

  it("5. PUT returns the envelope with DELETE's boolean result", () => {
    const body = ref(captain, versionPath.put.responses['200'].content['application/json'].schema.anyOf[0].$ref);
    expect(body.allOf[0].$ref).toBe('#/components/schemas/Envelope');
    expect(body.allOf[1].properties.result.type).toEqual(['boolean', 'null']);
  });

  it('6. error statuses carry the envelope with success false', () => {
    const failures = documentedCases(captain).filter((c) => c.status >= 400);
    expect(new Set(failures.map((c) => c.status))).toEqual(new Set([400, 401, 403, 404]));
    for (const c of failures) expect(c.value).toMatchObject({ success: false, errors: expect.any(Array), result: null });
    expect(schemas.Failure.allOf[1].properties.success.enum).toEqual([false]);
  });

  it('every 200 may be a failure sent with status 200', () => {
    for (const item of Object.values<any>(captain.paths)) {
      for (const [method, operation] of Object.entries<any>(item).filter(([key]) => key !== 'parameters')) {
        const { schema } = operation.responses['200'].content['application/json'];
        expect(schema.anyOf.map((branch: any) => branch.$ref), `${method} ${operation.operationId}`).toContain('#/components/schemas/Failure');
      }
    }
  });

  it('models the bucket-name rules and the GUID', () => {
    const bucket = param(captain, objectPath, 'name').schema;
    // One flat string schema, which generators read; its description and its `not`'s say
    // the rules in plain words, for the client's messages.
    expect(bucket).toMatchObject({ type: 'string', minLength: 3, maxLength: 63 });
    expect(bucket.allOf).toBeUndefined();
    const rules = [(name: string) => new RegExp(bucket.pattern).test(name), (name: string) => !new RegExp(bucket.not.pattern).test(name)];
    expect([bucket.description, bucket.not.description]).toEqual([
      'may hold only lowercase letters, digits, dots and hyphens, and must begin and end with a letter or digit',
      'must not look like an IPv4 address',
    ]);
    expect(['abc', 'my.bucket-1', '192.168.5.4a'].every((name) => rules.every((rule: any) => rule(name)))).toBe(true);
    for (const name of ['-abc', 'abc-', 'ABC', 'a_b', '192.168.5.4']) expect(rules.every((rule: any) => rule(name)), name).toBe(false);
    // A GUID by its pattern alone: `format: uuid` would become zod's `z.uuid()` in generated
    // validators, which refuses GUIDs that are no RFC 4122 UUID (and Captain accepts).
    const projectId = param(captain, objectPath, 'projectId').schema;
    expect(projectId.format).toBeUndefined();
    expect(new RegExp(projectId.pattern).test('F5FAA2E3-316B-0DD0-0F4D-AB41F6F71BD6')).toBe(true);
  });

  it('pages with S3-style markers', () => {
    expect(objectPath.get.parameters.map((p: any) => ref(captain, p.$ref).name)).toEqual(['maxKeys', 'keyMarker', 'versionIdMarker']);
    expect(schemas.ObjectVersionList.allOf[1].required).toEqual(['result', 'resultInfo']);
    expect(captain.servers[0].variables.baseUrl.default).toMatch(/\.invalid$/);
    expect(captain.security).toEqual([{ bearerAuth: [] }, { apiKeyAuth: [] }]);
  });
});

describe('the docs code samples', () => {
  it('give every operation a client and a curl sample, in a copy: the shipped bundles carry no x- extension but x-secret', async () => {
    const { withCodeSamples } = await import('../scripts/docs-samples.js');
    for (const [api, spec] of [['katapult', katapult], ['captain', captain]] as const) {
      // The one extension the bundles carry is `x-secret` (see openapi/README.md).
      expect(JSON.stringify(spec).replaceAll('"x-secret":', '')).not.toMatch(/"x-[\w-]+":/);
      const documented = withCodeSamples(spec, api);
      for (const [path, item] of Object.entries<any>(documented.paths)) {
        for (const [method, operation] of Object.entries<any>(item).filter(([key]) => key !== 'parameters')) {
          const [client, curl] = operation['x-codeSamples'];
          expect(client.source).toContain(`${api}.${operation.operationId}(`);
          const shown = path.replace(/\{[^}]+\}/g, '[^/]+').replace('v[^/]+', 'v1');
          expect(curl.source).toMatch(new RegExp(`^curl (--get|-X ${method.toUpperCase()}) .*${shown}`));
        }
      }
    }
  });
});

describe('the bundles', () => {
  it('are the same document in YAML and JSON, with no external references', () => {
    for (const api of apis) {
      const json = readFileSync(join(root, 'generated', `${api}.json`), 'utf8');
      expect(json).not.toMatch(/"\$ref": "(?!#)/);
      const fromYaml = execFileSync(process.execPath, ['-e', `import('yaml').then(({ parse }) => process.stdout.write(JSON.stringify(parse(require('fs').readFileSync('generated/${api}.yaml', 'utf8')))))`], { cwd: root, encoding: 'utf8' });
      expect(JSON.parse(fromYaml)).toEqual(JSON.parse(json));
    }
  });

  it('give every documented response at least one named example', () => {
    for (const spec of [katapult, captain]) {
      for (const item of Object.values<any>(spec.paths)) {
        for (const [method, operation] of Object.entries<any>(item)) {
          if (method === 'parameters') continue;
          for (const [status, response] of Object.entries<any>(operation.responses)) {
            const examples = (response.$ref ? ref(spec, response.$ref) : response).content['application/json'].examples;
            expect(Object.keys(examples).length, `${operation.operationId} ${status}`).toBeGreaterThan(0);
          }
        }
      }
    }
  });
});
