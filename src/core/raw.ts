import createClient, { type Client } from 'openapi-fetch';
import { authorize, fetchOf, type TransportOptions } from './transport.js';
import { serializePath, withoutTrailingSlash } from './url.js';

/** The underlying openapi-fetch client of a full client, with auth: for anything the
 * methods do not cover. Its requests go to the API's origin only, like the methods'. */
export function rawClient<Paths extends {}>(options: TransportOptions): Client<Paths> {
  const base = withoutTrailingSlash(options.baseUrl);
  // Its path serializer keeps every value one segment; redirects are not followed, so no
  // credential is ever replayed to another origin.
  const raw = createClient<Paths>({ baseUrl: base, fetch: fetchOf(options), pathSerializer: serializePath, redirect: 'manual' });
  raw.use({
    async onRequest({ request, schemaPath, params }) {
      await authorize(request, base + serializePath(schemaPath, params.path), options.auth);
      return request;
    },
  });
  return raw;
}
