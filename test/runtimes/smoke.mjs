// The runtime smoke: the package's main paths, on whatever runtime imports this. Each check
// is true when the client behaved as documented against the smoke server.
import { createKatapultClient, isKatapultError } from 'object-storage-openapi';

export async function smoke(baseUrl, run) {
  const katapult = createKatapultClient({ token: 'smoke-token', baseUrl, retry: { baseDelay: 5, maxDelay: 50 }, headers: { 'X-Smoke-Run': run } });
  const lookup = (name) => ({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name } });
  const checks = {};

  const got = await katapult.getBucket(lookup('backups'));
  checks.operation = got.ok && got.data.object_storage_bucket.name === 'backups' && typeof got.requestId === 'string';

  const missing = await katapult.getBucket(lookup('missing'));
  checks.documentedError = !missing.ok && isKatapultError(missing.error, 'object_storage_bucket_not_found') && missing.error.status === 404;

  const flaky = await katapult.getBucket(lookup('flaky'));
  checks.retry = flaky.ok && flaky.data.object_storage_bucket.name === 'flaky';

  const controller = new AbortController();
  setTimeout(() => controller.abort('enough'), 100);
  const slow = await katapult.getBucket(lookup('slow'), { signal: controller.signal });
  checks.abort = !slow.ok && slow.error.kind === 'aborted';

  const keys = [];
  for await (const key of katapult.listAllAccessKeys({ organization: { sub_domain: 'acme' }, per_page: 2 })) keys.push(key.name);
  checks.paging = keys.join(',') === 'key 0,key 1,key 2,key 3,key 4';
  return checks;
}
