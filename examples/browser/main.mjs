// In a browser, bundled: `npx esbuild examples/browser/main.mjs --bundle --format=esm
// --outfile=examples/browser/main.js`, then open index.html. Keep real tokens out of
// browsers: a token in a page is a token anyone can read. Point a browser app at your own
// server, or use a short-lived, narrowly scoped credential.
import { createCaptainClient } from 'object-storage-openapi';

const params = new URLSearchParams(location.search);
const captain = createCaptainClient({ baseUrl: params.get('baseUrl') ?? 'https://storage.example.net', auth: { apiKey: params.get('apiKey') ?? 'example-key' } });
const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const result = await captain.listObjects({ projectId, bucket: 'holiday-photos', key: 'photos/' });
document.querySelector('#out').textContent = result.ok
  ? result.data.result.objectListModel.map((object) => object.key).join('\n')
  : result.error.message;
