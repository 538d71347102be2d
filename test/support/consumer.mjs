// Run inside a temp project that installed the packed tarball: loads the specs the way
// the README shows and makes one call through the installed client. Prints JSON.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import spec from 'object-storage-openapi/openapi/katapult.json' with { type: 'json' };
import { createCaptainClient, createKatapultClient } from 'object-storage-openapi';
import * as katapultTypes from 'object-storage-openapi/types/katapult';

const yamlUrl = import.meta.resolve('object-storage-openapi/openapi/captain.yaml');
const yaml = readFileSync(new URL(yamlUrl), 'utf8');

const sent = [];
const katapult = createKatapultClient({
  token: 'secret-token',
  fetch: async (request) => {
    sent.push({ method: request.method, url: request.url, authorization: request.headers.get('authorization'), body: await request.text() });
    return new Response(JSON.stringify({ success: true }), { headers: { 'content-type': 'application/json' } });
  },
});
const revoked = await katapult.revokePresignedUrls({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } });

console.log(
  JSON.stringify({
    spec,
    yaml,
    yamlPath: fileURLToPath(yamlUrl),
    clientPath: fileURLToPath(import.meta.resolve('object-storage-openapi')),
    revoked: { ok: revoked.ok, data: revoked.ok ? revoked.data : undefined },
    sent,
    createCaptainClient: typeof createCaptainClient,
    typesModuleExports: Object.keys(katapultTypes),
  }),
);
