/** Path parameters go in as one percent-encoded segment each, so no value can add a
 * segment, a query or a fragment. Unlike openapi-fetch's default serializer, this does
 * not pass values through `String.replace` patterns, where `$'` or `$$` would rewrite
 * the path. */
export function serializePath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new TypeError(`path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}

/** A query as openapi-fetch writes one by default: an object member in deepObject style
 * (`bucket[name]=backups`), a list as the member repeated, each value percent-encoded;
 * a value left undefined or null is left out. */
export function serializeQuery(query: Record<string, unknown> | undefined): string {
  const pairs: string[] = [];
  const add = (name: string, value: unknown) => value !== undefined && value !== null && pairs.push(`${name}=${encodeURIComponent(String(value))}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (Array.isArray(value)) for (const item of value) add(name, item);
    else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) add(`${name}[${key}]`, item);
    else add(name, value);
  }
  return pairs.join('&');
}

/** Parses and checks a base URL: absolute http(s), no credentials, query or fragment. */
export function parseBaseUrl(baseUrl: unknown, parameter = 'baseUrl'): URL {
  let url: URL | undefined;
  try {
    url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new TypeError(`${parameter} must be an absolute http(s) URL`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError(`${parameter} must not hold credentials, a query or a fragment`);
  }
  return url;
}

export const withoutTrailingSlash = (url: URL): string => url.href.replace(/\/+$/, '');
