// The query and the path as the client writes them: the query exactly as openapi-fetch's
// default serializer writes it (lookups in deepObject style, lists repeated), checked
// against openapi-fetch itself; every path value one segment.
import fc from 'fast-check';
import { createQuerySerializer } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { serializePath, serializeQuery } from '../src/core/url.js';

/** The pairs a query holds, as a server reads them after the URL's `?` (an empty pair is
 * no pair; a name may itself start with `?`). */
const pairs = (query: string) => [...new URLSearchParams(`?${query}`)];

describe('serializeQuery', () => {
  const openapiFetch = createQuerySerializer();

  it('writes what openapi-fetch writes, for every shape of query the specs take', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean());
    const name = fc.string({ minLength: 1 }).filter((text) => !/[[\]]/.test(text));
    const value = fc.oneof(scalar, fc.constant(undefined), fc.constant(null), fc.array(scalar, { maxLength: 3 }), fc.dictionary(name, scalar, { maxKeys: 3 }));
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 4 }), (query) => {
        expect(pairs(serializeQuery(query))).toEqual(pairs(openapiFetch(query)));
      }),
      { numRuns: 2000 },
    );
  });

  it('Katapult lookups in bracket style, values encoded; nothing for what is left out', () => {
    expect(serializeQuery({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'a b&c' }, page: 2, per_page: undefined })).toBe(
      'object_storage_cluster[region]=uk-lon-1&bucket[name]=a%20b%26c&page=2',
    );
    expect(serializeQuery(undefined)).toBe('');
  });
});

describe('serializePath', () => {
  it('puts each value in as one percent-encoded segment', () => {
    expect(serializePath('/p/{key}/v', { key: "a/b?c#d%$'" })).toBe("/p/a%2Fb%3Fc%23d%25%24'/v");
  });
});
