// ESM on Node: `node examples/esm.mjs`, with KATAPULT_API_TOKEN set (and, to try it on the
// mock from `npm run mock`, KATAPULT_BASE_URL=http://127.0.0.1:4010).
import { createKatapultClient } from 'object-storage-openapi';

const katapult = createKatapultClient({
  token: process.env.KATAPULT_API_TOKEN ?? 'example-token',
  ...(process.env.KATAPULT_BASE_URL ? { baseUrl: process.env.KATAPULT_BASE_URL } : {}),
});
const result = await katapult.getBucket({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } });
if (result.ok) console.log(`bucket ${result.data.object_storage_bucket.name}: ${result.data.object_storage_bucket.object_count} objects`);
else {
  console.error(result.error.message);
  process.exitCode = 1;
}
