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

/** Hosts whose traffic never leaves the machine: `localhost` and its subdomains, the
 * 127.0.0.0/8 block and `::1`. */
export const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';

/**
 * Parses and checks a base URL: absolute http(s), no credentials, query or fragment; and
 * `https:` unless its host is loopback or the caller opts in (`allowHttp`, named by
 * `optIn` in the refusal), since the credential would cross the network in cleartext.
 */
export function parseBaseUrl(baseUrl: unknown, parameter = 'baseUrl', { allowHttp = false, optIn = 'allowHttp: true' }: { allowHttp?: boolean | undefined; optIn?: string } = {}): URL {
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
  if (url.protocol === 'http:' && !allowHttp && !isLoopback(url.hostname)) {
    throw new TypeError(`${parameter} must be https for a host that is not loopback: over http the credential crosses the network in cleartext (${url.host}); pass ${optIn} to send it anyway`);
  }
  return url;
}

export const withoutTrailingSlash = (url: URL): string => url.href.replace(/\/+$/, '');
