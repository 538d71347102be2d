// Code samples for the docs: every operation gets one with this package's client and one
// with curl, as `x-codeSamples`, which Redoc shows beside the operation. They are added to
// a copy of the bundle at docs build time only: the shipped specs carry no `x-codeSamples`
// (their one extension is `x-secret`).
import type { Api } from './codegen/paths.js';
import { resolve, type Json, type Parameter } from './codegen/spec.js';

/** What holds a value's examples in a spec: a parameter or a media type. */
interface ExampleHolder {
  readonly example?: unknown;
  readonly examples?: Record<string, { readonly value?: unknown }>;
}

/** An operation's two samples: the call with this client, and curl. */
interface Samples {
  readonly client: string;
  readonly curl: string;
}

/** Values for Katapult's GET lookups, which the spec gives no example of. */
const katapultLookups: Record<string, unknown> = {
  organization: { sub_domain: 'acme' },
  object_storage_cluster: { region: 'uk-lon-1' },
  bucket: { name: 'backups' },
  access_key: { id: 'objkey_Q7mX2pLr9VtK4bNc' },
  path: 'db/latest.sql.gz',
  page: 1,
  per_page: 20,
};

const methods = ['get', 'put', 'post', 'patch', 'delete'];
const js = (value: unknown) => JSON.stringify(value, null, 2).replace(/"([a-z_][\w]*)":/gi, '$1:').replace(/"/g, "'");
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

const firstExample = (holder: ExampleHolder | undefined): unknown => holder?.example ?? Object.values(holder?.examples ?? {})[0]?.value;

/** The query string of a Katapult GET, brackets and all. */
function bracketQuery(query: Record<string, unknown>): string[] {
  return Object.entries(query).flatMap(([name, value]) =>
    typeof value === 'object' ? Object.entries(value as object).map(([key, item]) => `${name}[${key}]=${encodeURIComponent(String(item))}`) : [`${name}=${encodeURIComponent(String(value))}`],
  );
}

function katapultSamples(doc: Json, path: string, method: string, operation: Json): Samples {
  const id = operation.operationId;
  const url = `https://api.katapult.io/core/v1${path}`;
  const auth = `-H "Authorization: Bearer $KATAPULT_API_TOKEN"`;
  if (method === 'get') {
    const parameters: unknown[] = operation.parameters ?? [];
    const query: Record<string, unknown> = Object.fromEntries(parameters.map((parameter): string => resolve(doc, parameter).name).filter((name) => name in katapultLookups).map((name) => [name, katapultLookups[name]]));
    return {
      client: `const result = await katapult.${id}(${js(query)});`,
      curl: `curl --get ${shellQuote(url)} \\\n  ${auth} \\\n${bracketQuery(query).map((pair) => `  --data-urlencode ${shellQuote(pair)}`).join(' \\\n')}`,
    };
  }
  const body = firstExample(operation.requestBody.content['application/json']) ?? {};
  return {
    client: `const result = await katapult.${id}(${js(body)});`,
    curl: `curl -X ${method.toUpperCase()} ${shellQuote(url)} \\\n  ${auth} \\\n  -H 'Content-Type: application/json' \\\n  -d ${shellQuote(JSON.stringify(body))}`,
  };
}

function captainSamples(doc: Json, path: string, method: string, operation: Json, item: Json): Samples {
  const id = operation.operationId;
  const parameters: (Parameter & ExampleHolder)[] = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolve(doc, parameter));
  const values: Record<string, unknown> = Object.fromEntries(parameters.map((parameter) => [parameter.name, firstExample(parameter)]).filter(([, value]) => value !== undefined));
  const body = operation.requestBody ? firstExample(operation.requestBody.content['application/json']) : undefined;
  const input: Record<string, unknown> = {};
  for (const parameter of parameters) {
    if (parameter.name === 'version' || values[parameter.name] === undefined) continue;
    input[parameter.name === 'name' ? 'bucket' : parameter.name] = values[parameter.name];
  }
  Object.assign(input, body);
  const real = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name] ?? name)));
  const query = parameters.filter((parameter) => parameter.in === 'query' && values[parameter.name] !== undefined);
  const url = `$CAPTAIN_BASE_URL${real}${query.length ? `?${query.map((parameter) => `${parameter.name}=${encodeURIComponent(String(values[parameter.name]))}`).join('&')}` : ''}`;
  return {
    client: `const result = await captain.${id}(${js(input)});`,
    curl: `curl -X ${method.toUpperCase()} "${url}" \\\n  -H "x-api-key: $CAPTAIN_API_KEY"${body ? ` \\\n  -H 'Content-Type: application/json' \\\n  -d ${shellQuote(JSON.stringify(body))}` : ''}`,
  };
}

const setUp: Record<Api, string> = {
  katapult: "import { createKatapultClient } from 'object-storage-openapi';\n\nconst katapult = createKatapultClient({\n  token: process.env.KATAPULT_API_TOKEN!,\n});\n",
  captain:
    "import { createCaptainClient } from 'object-storage-openapi';\n\nconst captain = createCaptainClient({\n  baseUrl: process.env.CAPTAIN_BASE_URL!,\n  auth: { apiKey: process.env.CAPTAIN_API_KEY! },\n});\n",
};
const handling = `// Errors are values: switch on result.error.kind for more.\nif (result.ok) console.log(result.data);\nelse console.error(result.error.message);`;

/** A copy of a bundled spec with a client and a curl sample on every operation. */
export function withCodeSamples(doc: Json, api: Api): Json {
  const copy = structuredClone(doc);
  for (const [path, item] of Object.entries<Json>(copy.paths)) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      const { client, curl } = api === 'katapult' ? katapultSamples(copy, path, method, operation) : captainSamples(copy, path, method, operation, item);
      operation['x-codeSamples'] = [
        { lang: 'JavaScript', label: 'TypeScript client', source: `${setUp[api]}\n${client}\n${handling}\n` },
        { lang: 'curl', label: 'curl', source: `${curl}\n` },
      ];
    }
  }
  return copy;
}
