// CommonJS on Node 20.19+ and 22+: require() loads the ESM package (require(esm)).
// `node examples/commonjs.cjs`, with the same environment as esm.mjs.
const { createKatapultClient } = require('object-storage-openapi');

const katapult = createKatapultClient({
  token: process.env.KATAPULT_API_TOKEN ?? 'example-token',
  ...(process.env.KATAPULT_BASE_URL ? { baseUrl: process.env.KATAPULT_BASE_URL } : {}),
});
katapult.revokePresignedUrls({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } }).then((result) => {
  if (result.ok) console.log(`revoked: ${result.data.success}`);
  else {
    console.error(result.error.message);
    process.exitCode = 1;
  }
});
