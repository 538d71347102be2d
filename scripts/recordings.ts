// Converts the object-storage cassettes of Krystal's Terraform provider
// (github.com/krystal/terraform-provider-katapult, internal/v6provider/testdata/, MIT)
// into test/fixtures/recordings/katapult.json: the traffic the provider's acceptance
// tests recorded against api.katapult.io, one entry per object-storage call. Run once,
// by hand, when the provider records new cassettes; the output is committed and the
// replay test (test/recordings.test.ts) reads it.
//
//   git clone https://github.com/krystal/terraform-provider-katapult
//   npx tsx scripts/recordings.ts terraform-provider-katapult
//
// Kept: method, path, query (decoded pairs), JSON request body, status, the response
// headers a client reads, and the JSON response body. Scrubbed: every request header
// (Authorization among them), S3 secrets and access key IDs, and any URL signature.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { root } from './codegen/paths.js';

/** A go-vcr cassette, as far as it is read here. */
interface Cassette {
  readonly interactions: readonly {
    readonly request: { readonly url: string; readonly method: string; readonly body?: string };
    readonly response: { readonly code: number; readonly headers?: Record<string, readonly string[]>; readonly body?: string };
  }[];
}

/** One recorded call, as test/fixtures/recordings/katapult.json holds it. */
interface Interaction {
  readonly cassette: string;
  readonly index: number;
  readonly request: { readonly method: string; readonly path: string; readonly query: [string, string][]; readonly body: unknown };
  readonly response: { readonly status: number; readonly headers: Record<string, string>; readonly body: unknown };
}

const checkout = process.argv[2];
if (!checkout) {
  console.error('Usage: npx tsx scripts/recordings.ts <clone of krystal/terraform-provider-katapult>');
  process.exit(1);
}
const gitDir = existsSync(join(checkout, '.git')) ? join(checkout, '.git') : checkout;
const git = (...args: string[]) => execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

const commit = git('rev-parse', 'HEAD').trim();
const testdata = 'internal/v6provider/testdata/';
const cassettes = git('ls-tree', '-r', '--name-only', 'HEAD', testdata)
  .split('\n')
  .filter((path) => /\/ObjectStorage[^/]*(\/[^/]+)?\.cassette\.yaml$/.test(path))
  .sort();

const base = 'https://api.katapult.io/core/v1';
/** Object storage lives under these paths; the cassettes also hold trash-object calls. */
const objectStorage = /^\/(object_storage\/|organizations\/organization\/object_storage\/)/;
const keptHeaders = ['content-type', 'x-api-schema', 'x-ratelimit-permitted', 'x-ratelimit-remaining', 'x-request-id'];

/** A stable stand-in for an identifier that is half of a credential: same shape, same
 * value wherever the original repeats, nothing of the original. */
const standIn = (value: string) => createHash('sha256').update(`recordings:${value}`).digest('hex').slice(0, value.length);

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, member]): [string, unknown] => {
      if (name === 's3_secret_access_key' && typeof member === 'string') return [name, 'redacted'];
      if (name === 's3_access_key_id' && typeof member === 'string') return [name, standIn(member)];
      if (name === 'url' && typeof member === 'string' && /[?&]X-Amz-Signature=/i.test(member)) return [name, member.replace(/(X-Amz-(Signature|Credential|Security-Token)=)[^&]*/gi, '$1redacted')];
      if (/token|secret|password/i.test(name) && typeof member === 'string') return [name, 'redacted'];
      return [name, scrub(member)];
    }),
  );
}

const json = (text: string | undefined): unknown => (text === '' || text === undefined ? null : JSON.parse(text));

const interactions: Interaction[] = [];
for (const path of cassettes) {
  const cassette = parse(git('show', `HEAD:${path}`)) as Cassette;
  const name = path.slice(testdata.length).replace(/\.cassette\.yaml$/, '');
  cassette.interactions.forEach(({ request, response }, index) => {
    const url = new URL(request.url);
    if (!url.href.startsWith(base)) throw new Error(`${name} #${index}: unexpected origin ${url.origin}`);
    const apiPath = url.pathname.slice(new URL(base).pathname.length);
    if (!objectStorage.test(apiPath)) return;
    const headers: Record<string, string> = {};
    for (const [header, values] of Object.entries(response.headers ?? {})) {
      if (keptHeaders.includes(header.toLowerCase())) headers[header.toLowerCase()] = values.join(', ');
    }
    interactions.push({
      cassette: name,
      index,
      request: { method: request.method, path: apiPath, query: [...url.searchParams], body: scrub(json(request.body)) },
      response: { status: response.code, headers, body: scrub(json(response.body)) },
    });
  });
}

const fixture = {
  source: {
    repository: 'https://github.com/krystal/terraform-provider-katapult',
    commit,
    files: `${testdata}ObjectStorage*.cassette.yaml`,
    license: 'MIT, Copyright (c) 2021 Krystal Hosting Ltd.; see LICENSE beside this file',
    converted: 'by scripts/recordings.ts; request headers dropped, secrets and access key IDs replaced',
  },
  interactions,
};
const out = join(root, 'test', 'fixtures', 'recordings', 'katapult.json');
// One interaction a line: compact, and a re-recording diffs call by call.
const lines = interactions.map((interaction) => JSON.stringify(interaction)).join(',\n');
writeFileSync(out, `{"source":${JSON.stringify(fixture.source, null, 1)},\n"interactions":[\n${lines}\n]}\n`);
console.log(`${interactions.length} object-storage interactions from ${cassettes.length} cassettes (commit ${commit.slice(0, 12)}) written to test/fixtures/recordings/katapult.json`);
