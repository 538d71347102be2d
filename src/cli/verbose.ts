// --verbose: a line for each request and each response on stderr, as `curl -v` would give
// them, with every credential and secret redacted.

/** Headers whose values are credentials: never printed. */
const credentialHeaders = new Set(['authorization', 'x-api-key', 'cookie', 'proxy-authorization']);
/** Query parameters whose values could be secrets. */
const secretQuery = /token|secret|signature|password|credential|api[-_]?key|sig$/i;

/** A URL as printed: query values that could be secrets replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) if (secretQuery.test(name)) parsed.searchParams.set(name, '[redacted]');
  if (parsed.username || parsed.password) parsed.username = parsed.password = '[redacted]';
  // Brackets stay readable: `bucket[name]=backups`, not `bucket%5Bname%5D=backups`.
  return decodeURI(parsed.href).replaceAll('%5B', '[').replaceAll('%5D', ']');
}

/** A request's header as printed: a credential's scheme stays, its value does not. */
function headerLine(name: string, value: string): string {
  if (!credentialHeaders.has(name.toLowerCase())) return `${name}: ${value}`;
  const scheme = /^(Bearer|Basic|Token)\s/i.exec(value)?.[1];
  return `${name}: ${scheme ? `${scheme} ` : ''}[redacted]`;
}

/** A JSON body's lookup, as a query would say it: `bucket[name]=logs`; secret-named
 * members redacted, long values and long lists cut short. */
export function lookupOf(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parts: string[] = [];
  const visit = (value: unknown, name: string) => {
    if (typeof value === 'object' && value !== null) for (const [member, item] of Object.entries(value)) visit(item, name ? `${name}[${member}]` : member);
    else if (value !== undefined) parts.push(`${name}=${secretQuery.test(name) ? '[redacted]' : String(value).slice(0, 40)}`);
  };
  visit(parsed, '');
  const text = parts.join(' ');
  return text === '' ? undefined : text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** A fetch that logs what it sends and what comes back. `attempt` counts each request by
 * method, URL and body (Katapult's writes all POST to one URL, with the lookup in the
 * body), so a retry of the same request shows as attempt 2; each line names the request's
 * lookup, so a job's lines tell their items apart. */
export function verboseFetch(log: (line: string) => void, fetchImpl: (request: Request) => Promise<Response> = (request) => fetch(request)) {
  const attempts = new Map<string, number>();
  return async (request: Request): Promise<Response> => {
    const body = request.body === null ? '' : await request.clone().text();
    const key = `${request.method} ${request.url} ${body}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const url = new URL(request.url);
    const query = url.search === '' ? undefined : decodeURIComponent(new URL(redactUrl(request.url)).search.slice(1)).replaceAll('&', ' ');
    const lookup = body === '' ? query : lookupOf(body);
    const said = lookup && body !== '' ? `${lookup}, ` : '';
    const where = `${request.method} ${url.pathname}${lookup ? ` ${lookup}` : ''}, attempt ${attempt}`;
    log(`> ${request.method} ${redactUrl(request.url)} (${said}attempt ${attempt})`);
    for (const [name, value] of request.headers) log(`> ${headerLine(name, value)}`);
    const started = performance.now();
    try {
      const response = await fetchImpl(request);
      const ms = Math.round(performance.now() - started);
      const requestId = response.headers.get('x-request-id');
      log(`< ${response.status} ${response.statusText || ''}`.trimEnd() + ` in ${ms} ms${requestId ? `, request ID ${requestId}` : ''} (${where})`);
      return response;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      log(`< no response after ${ms} ms: ${error instanceof Error ? error.message : String(error)} (${where})`);
      throw error;
    }
  };
}
