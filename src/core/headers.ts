/** Headers the client sets itself from the credential: another source may not. */
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'cookie']);

export type HeadersOption = Readonly<Record<string, string | undefined>> | Headers | readonly (readonly [string, string])[];

/**
 * The extra headers a client or a call asks for, checked: no credential header (the
 * credential has its own option and goes to the API's origin only), and values a header
 * can carry. An undefined value is left out.
 */
export function extraHeaders(init: HeadersOption | undefined, parameter: string): (readonly [string, string])[] | { parameter: string; rule: string } {
  if (init === undefined) return [];
  const entries = init instanceof Headers ? [...init] : Array.isArray(init) ? init : Object.entries(init as Record<string, string | undefined>);
  const checked: (readonly [string, string])[] = [];
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const named = `${parameter}.${name}`;
    if (credentialHeaders.has(name.toLowerCase())) return { parameter: named, rule: 'must not be set here: pass the credential as the token or auth option' };
    try {
      new Headers([[name, value]]);
    } catch {
      return { parameter: named, rule: 'must be a valid header name and value' };
    }
    checked.push([name, value]);
  }
  return checked;
}
