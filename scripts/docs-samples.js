// Code samples for the docs: every operation gets one with this package's client and one
// with curl, as `x-codeSamples`, which Redoc shows beside the operation. They are added to
// a copy of the bundle at docs build time only: the shipped specs carry no `x-codeSamples`
// (their one extension is `x-secret`).
import { resolve } from './codegen/spec.js';

/** Values for Katapult's GET lookups, which the spec gives no example of. */
const katapultLookups = {
  organization: { sub_domain: 'acme' },
  object_storage_cluster: { region: 'uk-lon-1' },
  bucket: { name: 'backups' },
  access_key: { id: 'objkey_Q7mX2pLr9VtK4bNc' },
  path: 'db/latest.sql.gz',
  page: 1,
  per_page: 20,
};

const methods = ['get', 'put', 'post', 'patch', 'delete'];
const js = (value) => JSON.stringify(value, null, 2).replace(/"([a-z_][\w]*)":/gi, '$1:').replace(/"/g, "'");
const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

const firstExample = (holder) => holder?.example ?? Object.values(holder?.examples ?? {})[0]?.value;

/** The query string of a Katapult GET, brackets and all. */
function bracketQuery(query) {
  return Object.entries(query).flatMap(([name, value]) =>
    typeof value === 'object' ? Object.entries(value).map(([key, item]) => `${name}[${key}]=${encodeURIComponent(item)}`) : [`${name}=${encodeURIComponent(value)}`],
  );
}

function katapultSamples(doc, path, method, operation) {
  const id = operation.operationId;
  const url = `https://api.katapult.io/core/v1${path}`;
  const auth = `-H "Authorization: Bearer $KATAPULT_API_TOKEN"`;
  if (method === 'get') {
    const query = Object.fromEntries((operation.parameters ?? []).map((parameter) => resolve(doc, parameter).name).filter((name) => name in katapultLookups).map((name) => [name, katapultLookups[name]]));
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

function captainSamples(doc, path, method, operation, item) {
  const id = operation.operationId;
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolve(doc, parameter));
  const values = Object.fromEntries(parameters.map((parameter) => [parameter.name, firstExample(parameter)]).filter(([, value]) => value !== undefined));
  const body = operation.requestBody ? firstExample(operation.requestBody.content['application/json']) : undefined;
  const input = {};
  for (const parameter of parameters) {
    if (parameter.name === 'version' || values[parameter.name] === undefined) continue;
    input[parameter.name === 'name' ? 'bucket' : parameter.name] = values[parameter.name];
  }
  Object.assign(input, body);
  const real = path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(values[name] ?? name));
  const query = parameters.filter((parameter) => parameter.in === 'query' && values[parameter.name] !== undefined);
  const url = `$CAPTAIN_BASE_URL${real}${query.length ? `?${query.map((parameter) => `${parameter.name}=${encodeURIComponent(values[parameter.name])}`).join('&')}` : ''}`;
  return {
    client: `const result = await captain.${id}(${js(input)});`,
    curl: `curl -X ${method.toUpperCase()} "${url}" \\\n  -H "x-api-key: $CAPTAIN_API_KEY"${body ? ` \\\n  -H 'Content-Type: application/json' \\\n  -d ${shellQuote(JSON.stringify(body))}` : ''}`,
  };
}

const setUp = {
  katapult: "import { createKatapultClient } from 'object-storage-openapi';\n\nconst katapult = createKatapultClient({\n  token: process.env.KATAPULT_API_TOKEN!,\n});\n",
  captain:
    "import { createCaptainClient } from 'object-storage-openapi';\n\nconst captain = createCaptainClient({\n  baseUrl: process.env.CAPTAIN_BASE_URL!,\n  auth: { apiKey: process.env.CAPTAIN_API_KEY! },\n});\n",
};
const handling = `// Errors are values: switch on result.error.kind for more.\nif (result.ok) console.log(result.data);\nelse console.error(result.error.message);`;

/** A copy of a bundled spec with a client and a curl sample on every operation. */
export function withCodeSamples(doc, api) {
  const copy = structuredClone(doc);
  for (const [path, item] of Object.entries(copy.paths)) {
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
