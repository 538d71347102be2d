// Runs the smoke in workerd (the Cloudflare Workers runtime): GET /?base=<url>&run=<name>.
import { smoke } from './smoke.mjs';

export default {
  async fetch(request) {
    const url = new URL(request.url);
    return Response.json(await smoke(url.searchParams.get('base'), url.searchParams.get('run')));
  },
};
