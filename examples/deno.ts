// Deno: `deno run --allow-net --allow-env examples/deno.ts` in a project that has the
// package in node_modules (npm install object-storage-openapi); Deno reads it from there.
import { createCaptainClient } from 'object-storage-openapi';

const captain = createCaptainClient({
  baseUrl: Deno.env.get('CAPTAIN_BASE_URL') ?? 'https://storage.example.net',
  auth: { apiKey: Deno.env.get('CAPTAIN_API_KEY') ?? 'example-key' },
});
const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const result = await captain.listObjectVersions({ projectId, bucket: 'holiday-photos', key: 'photos/2021/beach.jpg' });
if (result.ok) console.log(`${result.data.result.length} versions`);
else {
  console.error(result.error.message);
  Deno.exit(1);
}
