// Bun runs TypeScript as it is: `bun examples/bun.ts`, with CAPTAIN_BASE_URL and
// CAPTAIN_API_KEY set.
import { createCaptainClient } from 'object-storage-openapi';

const captain = createCaptainClient({
  baseUrl: process.env.CAPTAIN_BASE_URL ?? 'https://storage.example.net',
  auth: { apiKey: process.env.CAPTAIN_API_KEY ?? 'example-key' },
});
const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const buckets = await captain.listBuckets({ projectId });
if (buckets.ok) console.log(`buckets: ${buckets.data.result.map((bucket) => bucket.name).join(', ')}`);
else {
  console.error(buckets.error.message);
  process.exitCode = 1;
}
