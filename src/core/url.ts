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
