/** Everything a contract test saw come back from Prism. */
export interface Seen {
  readonly status: number;
  readonly violations: string | null;
}

/**
 * A fetch that asks Prism for one documented case (`Prefer: code=…, example=…`) and
 * records each response's status and `sl-violations` header, Prism's report of a
 * request that breaks the spec.
 */
export function preferring(status: number, example: string, seen: Seen[]) {
  return async (request: Request): Promise<Response> => {
    request.headers.set('Prefer', `code=${status}, example=${example}`);
    const response = await fetch(request);
    seen.push({ status: response.status, violations: response.headers.get('sl-violations') });
    return response;
  };
}
