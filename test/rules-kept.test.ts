// No rule lost: the specs were rewritten for other teams' tools (flat string schemas for
// Captain's names and GUIDs, "exactly one of id or sub_domain" as a union, secrets marked
// with `x-secret`). Here the request validators compiled from the last released bundles
// (openapi/baseline/) and from today's are given the same inputs, valid ones from the
// spec's examples and each changed in many ways, and must agree on every one. (The bodies
// come from the baseline's examples, so that a member added since does not count as a
// lost rule.)
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue, exampleRequests, places, setAt } from '../scripts/accepted-inputs.js';
import { requestValidators } from '../scripts/codegen/requests.js';
import { loadSpec } from './support/specs.js';

type Json = any;
const apis = ['katapult', 'captain'] as const;
const baseline = (api: string): Json => JSON.parse(readFileSync(new URL(`../openapi/baseline/${api}.json`, import.meta.url), 'utf8'));
// The requests, the places in them and the catalogue of values the rules turn on are the
// breaking-change gate's (scripts/accepted-inputs.ts).
const guid = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';

const compiled = Object.fromEntries(apis.map((api) => [api, { before: requestValidators(baseline(api)), after: requestValidators(loadSpec(api)) }]));

describe('every rule the validators enforced in the last release is still enforced', () => {
  for (const api of apis) {
    const { before, after } = compiled[api]!;
    // The operations of the last release; one added since has no rules to keep.
    const requests = Object.fromEntries(Object.entries(exampleRequests(loadSpec(api), baseline(api))).filter(([id]) => id in before));

    it(`${api}: every operation of the last release is still there, accepting its examples`, () => {
      expect(Object.keys(after)).toEqual(expect.arrayContaining(Object.keys(before)));
      expect(Object.keys(requests).sort()).toEqual(Object.keys(before).sort());
      for (const [id, request] of Object.entries(requests)) {
        expect(after[id]!(request), id).toBe(true);
        expect(before[id]!(request), id).toBe(true);
      }
    });

    it(`${api}: both versions refuse and accept the same inputs, at every place of every request`, () => {
      let refused = 0;
      let tried = 0;
      for (const [id, request] of Object.entries(requests)) {
        for (const place of places(request).filter((path) => path.length > 0)) {
          for (const value of catalogue) {
            const input = setAt(request, place, value);
            const verdict = before[id]!(input);
            expect(after[id]!(input), `${id} with ${place.join('.')} = ${JSON.stringify(value)}`).toBe(verdict);
            tried += 1;
            if (!verdict) refused += 1;
          }
        }
      }
      // The catalogue does reach the rules: most of its values break one.
      expect(refused).toBeGreaterThan(tried / 2);
    });

    it(`${api}: and agree on random strings, case changes and lengths anywhere`, () => {
      const strings = fc.oneof(
        fc.string({ unit: fc.constantFrom(...'abcXYZ019.-_/ '.split('')), maxLength: 70 }),
        fc.tuple(fc.nat(999), fc.nat(999), fc.nat(999), fc.nat(999)).map((parts) => parts.join('.')),
        fc.uuid().map((id) => (id.length % 2 ? id.toUpperCase() : id)),
      );
      const cases = Object.entries(requests).flatMap(([id, request]) => places(request).filter((path) => path.length > 0).map((place) => [id, request, place] as const));
      fc.assert(
        fc.property(fc.constantFrom(...cases), strings, ([id, request, place], value) => {
          const input = setAt(request, [...place], value);
          expect(after[id]!(input)).toBe(before[id]!(input));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('the rules that moved refuse what they refused before', () => {
    const { before, after } = compiled.captain!;
    const request = exampleRequests(loadSpec('captain')).listObjectVersions!;
    const refusedBoth = (change: Json) => {
      const input = { ...request, path: { ...request.path, ...change } };
      return [before.listObjectVersions!(input), after.listObjectVersions!(input)];
    };
    // The bucket name: length, characters, first and last character, IPv4 shape.
    for (const name of ['ab', 'a'.repeat(64), 'Photos', 'a_b', '-abc', 'abc-', '192.168.5.4']) expect(refusedBoth({ name }), name).toEqual([false, false]);
    // The project's GUID, in either letter case.
    for (const projectId of ['', 'not-a-guid', `../${guid}`]) expect(refusedBoth({ projectId }), projectId).toEqual([false, false]);
    expect(refusedBoth({ projectId: guid.toUpperCase() })).toEqual([true, true]);
    // The organization lookup: exactly one of id or sub_domain.
    const katapult = compiled.katapult!;
    const account = exampleRequests(loadSpec('katapult')).getAccount!;
    for (const organization of [{}, { id: 'org_1', sub_domain: 'acme' }, { id: '' }, { sub_domain: 'acme', x: 1 }]) {
      const input = { ...account, query: { ...account.query, organization } };
      expect([katapult.before.getAccount!(input), katapult.after.getAccount!(input)], JSON.stringify(organization)).toEqual([false, false]);
    }
  });
});

describe('the secrets the client keeps out of errors and logs are the same members', () => {
  /** `[schema name, member]` for each member marked as a secret, by the mark of its version. */
  const marked = (spec: Json, isSecret: (schema: Json) => boolean) =>
    Object.entries<Json>(spec.components.schemas).flatMap(([name, schema]) =>
      Object.entries<Json>(schema.properties ?? {}).filter(([, member]) => isSecret(member)).map(([member]) => `${name}.${member}`),
    );

  it('were marked `format: password` and are now marked `x-secret: true`', () => {
    const before = marked(baseline('katapult'), (schema) => schema.format === 'password');
    expect(before).toEqual(['ObjectStorageAccessKey.s3_secret_access_key', 'PresignedUrlResult.url']);
    expect(marked(loadSpec('katapult'), (schema) => schema['x-secret'] === true)).toEqual(before);
    expect(marked(loadSpec('captain'), (schema) => schema['x-secret'] === true)).toEqual(marked(baseline('captain'), (schema) => schema.format === 'password'));
  });
});
