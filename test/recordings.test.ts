// Replays the traffic Krystal's Terraform provider recorded against api.katapult.io
// (test/fixtures/recordings/) against this package: each recorded response must fit the
// bundled spec for its status and code, come back through the matching client method as
// the typed member, and the client, given the input the recording implies, must send the
// recorded request. The spec is checked against the server here, not against itself. The
// replay runs through the client's methods and through the standalone functions alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surfaces } from './support/standalone.js';
import { serve } from '../src/testing/serve.js';
import { resolve } from '../scripts/codegen/spec.js';
import { inputOf, label, operationOf, recordings, sortedPairs, type Recording } from './support/recordings.js';
import { judge, loadSpec } from './support/specs.js';
import { identifiers, idShapes, specIdentifiers } from './support/identifiers.js';

const spec = loadSpec('katapult');

type Check = 'spec' | 'client' | 'request';
interface Verdict {
  readonly surface: string;
  readonly recording: Recording;
  readonly operationId: string;
  readonly failures: Partial<Record<Check, string>>;
}

/** A header's text as the value its schema types: `"998"` is the integer 998. */
const typed = (text: string, schema: any) => (schema.type === 'integer' && /^-?\d+$/.test(text) ? Number(text) : text);

/** Does the recorded response fit the spec's response for its status (and, for an error,
 * its code), headers included? */
function specFailure({ response }: Recording, operation: any): string | undefined {
  const documented = resolve(spec, operation.responses[String(response.status)]);
  if (!documented) return `status ${response.status} is not documented`;
  for (const [name, header] of Object.entries<any>(documented.headers ?? {})) {
    const { required, schema } = resolve(spec, header);
    const text = response.headers[name.toLowerCase()];
    if (text === undefined) {
      if (required) return `the required header ${name} is missing`;
      continue;
    }
    if (!judge(spec, schema)(typed(text, schema))) return `the header ${name}: ${text} does not fit its schema`;
  }
  const schema = documented.content['application/json'].schema;
  if (!judge(spec, schema)(response.body)) return `the body does not fit the ${response.status} schema: ${JSON.stringify(response.body).slice(0, 300)}`;
  return undefined;
}

/** What the loopback server saw of one request. */
interface Seen {
  method: string;
  path: string;
  query: [string, string][];
  body: unknown;
}

let current: Recording | undefined;
let seen: Seen | undefined;
let server: Awaited<ReturnType<typeof serve>>;
const verdicts: Verdict[] = [];

beforeAll(async () => {
  server = await serve(async (request) => {
    const url = new URL(request.url);
    const text = await request.text();
    seen = { method: request.method, path: url.pathname, query: [...url.searchParams], body: text === '' ? null : JSON.parse(text) };
    const { status, headers, body } = current!.response;
    return new Response(body === null ? null : JSON.stringify(body), { status, headers });
  }, 0);
  for (const [surfaceName, surface] of Object.entries(surfaces)) {
    const client = surface.katapult({ token: 'replay-token', baseUrl: `${server.url}/core/v1`, retry: false }) as any;
    for (const recording of recordings) {
      const { operationId, operation } = operationOf(recording);
      const failures: Verdict['failures'] = {};
      const problem = specFailure(recording, operation);
      if (problem) failures.spec = problem;
      current = recording;
      seen = undefined;
      const result = await client[operationId](inputOf(recording));
      const { status, headers, body } = recording.response;
      // Deep equality, not a subset: a member the server did not send must not pass.
      const expected =
        status < 300
          ? { ok: true, status, data: body }
          : { ok: false, error: expect.objectContaining({ kind: 'api', status, code: body.error.code, description: body.error.description, detail: body.error.detail }) };
      const meta = { requestId: headers['x-request-id'], rateLimit: { permitted: Number(headers['x-ratelimit-permitted']), remaining: Number(headers['x-ratelimit-remaining']) } };
      try {
        expect(result).toMatchObject({ ...expected, ...meta });
        if (status < 300) expect(result.data).toEqual(body);
        else expect(result.error.detail).toEqual(body.error.detail);
        expect(result.rateLimit).toEqual(meta.rateLimit);
      } catch (mismatch) {
        const how = (mismatch as Error).message.split('\n')[0];
        failures.client = `came back as ${JSON.stringify({ ok: result.ok, error: result.error?.kind, code: result.error?.code, message: result.error?.message }).slice(0, 400)} (${how})`;
      }
      const sent = recording.request;
      // Set by the server's handler during the call: TypeScript cannot see that.
      const received = seen as Seen | undefined;
      if (!received) failures.request = `nothing was sent: ${result.error?.message}`;
      else {
        const want = { method: sent.method, path: `/core/v1${sent.path}`, query: sortedPairs(sent.query), body: sent.body };
        const got = { ...received, query: sortedPairs(received.query) };
        if (JSON.stringify(got) !== JSON.stringify(want)) failures.request = `sent ${JSON.stringify(got)}, recorded ${JSON.stringify(want)}`;
      }
      verdicts.push({ surface: surfaceName, recording, operationId, failures });
    }
  }
  const table: Record<string, Record<string, number>> = {};
  for (const { surface, operationId, failures } of verdicts) {
    const row = (table[`${operationId}, ${surface}`] ??= { recorded: 0, 'fits the spec': 0, 'typed by the client': 0, 'request matches': 0 });
    row.recorded! += 1;
    if (!failures.spec) row['fits the spec']! += 1;
    if (!failures.client) row['typed by the client']! += 1;
    if (!failures.request) row['request matches']! += 1;
  }
  console.log('Recorded Katapult traffic, replayed:');
  console.table(table);
});

afterAll(() => server?.close());

/** The recordings that fail a check: the first ten in full, then how many more. */
function failing(check: Check): string[] {
  const all = verdicts.filter((verdict) => verdict.failures[check]).map((verdict) => `${verdict.operationId} (${verdict.surface}) ${label(verdict.recording)}: ${verdict.failures[check]}`);
  return all.length > 10 ? [...all.slice(0, 10), `... and ${all.length - 10} more`] : all;
}

describe('recorded Katapult traffic', () => {
  it('covers the object-storage operations the provider exercises', () => {
    expect(recordings).toHaveLength(253);
    expect(verdicts).toHaveLength(recordings.length * Object.keys(surfaces).length);
    expect(new Set(verdicts.map((verdict) => verdict.operationId)).size).toBe(13);
  });

  it('fits the bundled spec: every response, for its status and code', () => {
    expect(failing('spec')).toEqual([]);
  });

  it('comes back through the client and the standalone functions as the typed member, with requestId and rateLimit', () => {
    expect(failing('client')).toEqual([]);
  });

  it('is what the client sends, given the input the recording implies', () => {
    expect(failing('request')).toEqual([]);
  });
});

describe('identifiers as the server sends them', () => {
  it('every recorded identifier of each kind has its shape', () => {
    const found = recordings.flatMap((recording) => [
      ...identifiers(recording.response.body),
      ...identifiers(recording.request.body),
      ...recording.request.query.flatMap(([name, value]) => identifiers({ [name.replace(/\[(\w+)\]$/, '')]: { [/\[(\w+)\]$/.exec(name)?.[1] ?? name]: value } })),
    ]);
    for (const kind of Object.keys(idShapes)) expect(found.filter(([k]) => k === kind).length, kind).toBeGreaterThan(0);
    expect(found.filter(([kind, value]) => !idShapes[kind]!.test(value))).toEqual([]);
  });

  it("the spec's examples give every identifier of those kinds the recorded shape", () => {
    const found = specIdentifiers(spec);
    for (const kind of Object.keys(idShapes)) expect(found.filter(([k]) => k === kind).length, kind).toBeGreaterThan(1);
    expect(found.filter(([kind, value]) => !idShapes[kind]!.test(value))).toEqual([]);
  });
});
