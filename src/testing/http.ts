/** A JSON response with the given headers. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

/** Reads a JSON body; undefined when there is none, `invalid` when it does not parse. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return invalidJson;
  }
}
export const invalidJson = Symbol('invalid JSON');

/** Katapult's query lookups, `bucket[name]=backups`, as nested objects. */
export function bracketQuery(search: URLSearchParams): Record<string, unknown> {
  const query: Record<string, any> = {};
  for (const [name, value] of search) {
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name);
    if (nested) (query[nested[1]!] ??= {})[nested[2]!] = value;
    else query[name] = value;
  }
  return query;
}
