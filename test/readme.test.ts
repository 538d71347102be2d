// The README and the guides (docs/*.md) are for users: the README opens with the install
// and stays short, and everything the docs show still works. Every TypeScript block
// compiles on its own against the built package under strict settings, every JavaScript
// block runs, every JSON block parses; every command line names commands, flags and
// scripts that exist; every relative link reaches a file and every anchor a heading; and
// the figures quoted from the code are the code's.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Command, Option } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { anchors } from '../scripts/docs-guides.js';
import { binOf, root, run, runNode } from './support/exec.js';

// ---- The documents and their blocks ----

const guideFiles = readdirSync(join(root, 'docs'))
  .filter((file) => file.endsWith('.md'))
  .map((file) => `docs/${file}`);
/** The documents whose code and links are checked: the README, the guides, and the
 * contributors' pages that link into them. */
const documents = ['README.md', ...guideFiles, 'CONTRIBUTING.md', 'openapi/README.md'];
const text = (doc: string) => readFileSync(join(root, doc), 'utf8');

interface Block {
  readonly doc: string;
  /** The line of the opening fence, from 1. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
}

function blocksOf(doc: string): Block[] {
  const source = text(doc);
  return [...source.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    doc,
    line: source.slice(0, match.index).split('\n').length,
    lang: match[1]!,
    code: match[2]!,
  }));
}

const blocks = documents.flatMap(blocksOf);
const where = ({ doc, line }: Block) => `${doc}:${line}`;
/** A file name that says where a block came from: `docs-client-md-L42`. */
const fileOf = ({ doc, line }: Block) => `${doc.replace(/[^\w]+/g, '-')}-L${line}`;

const readme = text('README.md');
const section = (doc: string, heading: string): string => {
  const source = text(doc);
  const start = source.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`${doc} has no "${heading}"`);
  const end = source.indexOf('\n## ', start + 1);
  return source.slice(start + 1, end < 0 ? undefined : end);
};
/** The rows of the first table in `markdown`, as cells, without the header. */
const tableRows = (markdown: string): string[][] =>
  markdown
    .slice(markdown.indexOf('\n|') + 1)
    .split('\n\n')[0]!
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((row) => row.replace(/^\| | \|$/g, '').split(' | '));
const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

// Inside the package, so `object-storage-openapi` resolves to itself through its exports.
const dir = join(root, '.readme-check');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README', () => {
  it('opens with what the package is, then npm install', () => {
    expect(readme.split('\n')[0]).toBe('# object-storage-openapi');
    const first = blocksOf('README.md')[0]!;
    expect(first).toMatchObject({ lang: 'sh', code: 'npm install object-storage-openapi\n' });
    // One paragraph before it: what the package is.
    const before = readme.slice(readme.indexOf('\n') + 1, readme.indexOf('```sh')).trim();
    expect(before.split('\n\n').filter((part) => !part.startsWith('#'))).toHaveLength(1);
  });

  it('is at most 300 lines, and sends the rest to the guides', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(300);
    const listed = [...section('README.md', '## Guides').matchAll(/\]\((docs\/[\w-]+\.md)\)/g)].map(([, file]) => file);
    // Every guide but those the MCP guide links for itself (its token table).
    expect(listed.sort()).toEqual(guideFiles.filter((file) => file !== 'docs/mcp-tokens.md').sort());
  });

  it('shows the base URL in the first call, and the optional resultInfo where a loop reads it', () => {
    const first = section('README.md', '## A first call');
    expect(first).toContain("baseUrl: 'https://api.katapult.io/core/v1'");
    expect(first).toContain('resultInfo?.hasNextPage');
    expect(first).toContain('TS18049');
  });
});

describe('code blocks', () => {
  it('every TypeScript block compiles on its own', async () => {
    const typescript = blocks.filter(({ lang }) => lang === 'ts');
    expect(typescript.length).toBeGreaterThanOrEqual(15);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const files = typescript.map((block) => {
      const file = `${fileOf(block)}.ts`;
      writeFileSync(join(dir, file), block.code.includes('import') ? block.code : `export {};\n${block.code}`);
      return file;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: ['node'],
          typeRoots: [join(root, 'node_modules/@types')],
          skipLibCheck: true,
          noEmit: true,
        },
        files,
      }),
    );
    const ran = await runNode(binOf('typescript', 'tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: dir });
    expect(ran.stdout + ran.stderr, 'the file names say where each block is: docs-client-md-L42 is docs/client.md, line 42').toBe('');
    expect(ran.code).toBe(0);
  }, 90_000);

  it('every JavaScript block runs, as CommonJS where it requires', async () => {
    const javascript = blocks.filter(({ lang }) => lang === 'js');
    expect(javascript.length).toBeGreaterThanOrEqual(2);
    mkdirSync(dir, { recursive: true });
    for (const block of javascript) {
      const file = join(dir, `${fileOf(block)}.${block.code.includes('require(') ? 'cjs' : 'mjs'}`);
      writeFileSync(file, block.code);
      const ran = await runNode(file, [], { cwd: dir });
      // Node 20 may warn that JSON modules and require(esm) are experimental: no failure.
      expect(ran.code, `${where(block)}\n${ran.stderr}`).toBe(0);
    }
  }, 30_000);

  it('every JSON block parses, and an MCP client configuration runs a command that exists', async () => {
    const { program } = await import('../src/cli/program.js');
    const json = blocks.filter(({ lang }) => lang === 'json');
    expect(json.length).toBeGreaterThanOrEqual(1);
    for (const block of json) {
      expect(() => JSON.parse(block.code), where(block)).not.toThrow();
      const servers = (JSON.parse(block.code) as { mcpServers?: Record<string, { args?: string[] }> }).mcpServers ?? {};
      for (const { args = [] } of Object.values(servers)) {
        expect(args, where(block)).toContain('object-storage');
        expect(checkCli(program(), args.slice(args.indexOf('object-storage') + 1)), where(block)).toEqual([]);
      }
    }
  });
});

// ---- Command lines ----

const packageJson = JSON.parse(text('package.json')) as {
  version: string;
  scripts: Record<string, string>;
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Every option a command takes, its own and its ancestors', with help and version. */
function optionsOf(command: Command): Option[] {
  const own = [...command.options];
  return command.parent ? [...own, ...optionsOf(command.parent)] : own;
}

/** What is wrong with an `object-storage` command line's words, if anything. */
function checkCli(root: Command, words: readonly string[]): string[] {
  const problems: string[] = [];
  let command = root;
  let helpAsked = false;
  for (let n = 0; n < words.length; n += 1) {
    const word = words[n]!;
    if (word.startsWith('-')) {
      const name = word.split('=')[0]!;
      if (name === '--help' || name === '-h') {
        helpAsked = true;
        continue;
      }
      const option = optionsOf(command).find((each) => each.long === name || each.short === name);
      if (!option) problems.push(`${[...chain(command)].join(' ')} has no flag ${name}`);
      else if ((option.required || option.optional) && !word.includes('=')) n += 1;
      continue;
    }
    if (word === 'help' && command.commands.length > 0) {
      helpAsked = true;
      continue;
    }
    const sub = command.commands.find((each) => each.name() === word);
    if (sub) {
      command = sub;
      continue;
    }
    if (command.commands.length > 0) problems.push(`${[...chain(command)].join(' ')} has no command ${word}`);
    else if (command.registeredArguments.length === 0) problems.push(`${[...chain(command)].join(' ')} takes no argument ${word}`);
  }
  if (command.commands.length > 0 && command !== root && !helpAsked) problems.push(`${[...chain(command)].join(' ')} needs a command`);
  return problems;
}

function* chain(command: Command): Generator<string> {
  if (command.parent) yield* chain(command.parent);
  yield command.name();
}

/** Splits a shell line into words, honouring simple quotes. */
const shellWords = (line: string): string[] => [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(([, single, double, bare]) => single ?? double ?? bare!);

const cliVariables = async () => {
  const { katapultVariables, captainVariables } = await import('../src/cli/environment.js');
  return new Set<string>([...katapultVariables, ...captainVariables]);
};

/** What is wrong with one command of a `sh` block (a pipeline's part), if anything. */
async function checkShellCommand(words: string[], cli: Command): Promise<string[]> {
  const variables = await cliVariables();
  // `NAME=value command …`: before the CLI, a variable it reads; before a tool, its own.
  const assigned: string[] = [];
  while (words[0] && /^[A-Z_]+=/.test(words[0])) assigned.push(words.shift()!.split('=')[0]!);
  const [head, ...rest] = words;
  const isCli = head === 'object-storage' || (head === 'npx' && (rest[0] === 'object-storage' || rest[0] === 'object-storage-openapi'));
  if (isCli) {
    const unknown = assigned.filter((name) => !variables.has(name)).map((name) => `${name} is no variable the CLI reads`);
    return [...unknown, ...checkCli(cli, head === 'npx' ? rest.slice(1) : rest)];
  }
  if (head === 'export') return rest.filter((word) => !variables.has(word.split('=')[0]!)).map((word) => `${word.split('=')[0]} is no variable the CLI reads`);
  // A script of the repository, run as it is.
  if ((head === 'npx' && rest[0] === 'tsx') || head === 'node') {
    const file = head === 'node' ? rest[0] : rest[1];
    return file && existsSync(join(root, file)) ? [] : [`${words.join(' ')}: no file ${file}`];
  }
  if (head === 'npm') {
    const [verb, ...args] = rest;
    if (verb === 'ci' || verb === 'test') return [];
    if (verb === 'run') return args[0] && args[0] in packageJson.scripts ? [] : [`npm run ${args[0]}: no such script`];
    if (verb === 'install') {
      // `--prefix <folder>` installs a tool aside, outside the project: still at its pin.
      const specs = args.filter((arg, n) => !arg.startsWith('--') && args[n - 1] !== '--prefix');
      return specs.flatMap((spec) => {
        if (spec === 'object-storage-openapi') return [];
        const at = spec.lastIndexOf('@');
        const [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
        const pinned = packageJson.peerDependencies[name] ?? packageJson.dependencies[name] ?? packageJson.devDependencies[name];
        return pinned !== undefined && version === pinned ? [] : [`npm install ${spec}: not a dependency at its pinned version (${pinned ?? 'none'})`];
      });
    }
  }
  // The tools a pipeline may pass output through.
  if (head === 'jq' || head === 'head' || head === 'cat') return [];
  return [`${words.join(' ')}: not a command these checks know; add it to the test if it is right`];
}

describe('command lines', () => {
  it('every sh block names commands, flags, variables and scripts that exist', async () => {
    const { program } = await import('../src/cli/program.js');
    const cli = program();
    const shell = blocks.filter(({ lang }) => lang === 'sh');
    expect(shell.length).toBeGreaterThanOrEqual(8);
    const problems: string[] = [];
    for (const block of shell) {
      for (const line of block.code.split('\n')) {
        const command = line.replace(/\s+#.*$/, '').replace(/^\$ /, '').trim();
        if (!command) continue;
        for (const part of command.split(/\s*(?:&&|\||;)\s*/)) {
          for (const problem of await checkShellCommand(shellWords(part), cli)) problems.push(`${where(block)}: ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every `object-storage …` command in the prose exists, with its flags, and the version quoted is the package\'s', async () => {
    const { program } = await import('../src/cli/program.js');
    const cli = program();
    const problems: string[] = [];
    let count = 0;
    for (const doc of documents) {
      for (const [, span] of text(doc).matchAll(/`((?:npx )?object-storage(?:-openapi)? [^`]+)`/g)) {
        const words = shellWords(span!.replace(/^npx /, '')).slice(1);
        if (/^\d+\.\d+\.\d+$/.test(words[0] ?? '')) {
          if (words[0] !== packageJson.version) problems.push(`${doc}: \`${span}\` is not version ${packageJson.version}`);
          continue;
        }
        count += 1;
        for (const problem of checkCli(cli, words)) problems.push(`${doc}: \`${span}\`: ${problem}`);
      }
    }
    expect(count).toBeGreaterThanOrEqual(8);
    expect(problems).toEqual([]);
  });

  it('every entry point named is one the package exports', () => {
    const problems: string[] = [];
    for (const doc of documents) {
      for (const [, name] of text(doc).matchAll(/`object-storage-openapi(\/[\w/.<>-]+)`/g)) {
        for (const api of ['katapult', 'captain']) {
          const entry = `.${name!.replace('<api>', api)}`;
          if (!(entry in packageJson.exports)) problems.push(`${doc}: object-storage-openapi${name} is not exported`);
          if (!name!.includes('<api>')) break;
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("the README's try-it-without-an-account runs: the fake prints what it quotes, and the CLI answers through it", async () => {
    const fake = spawn(process.execPath, [join(root, 'dist/src/cli/main.js'), 'fake'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let printed = '';
      await new Promise<void>((resolve, reject) => {
        fake.stdout.on('data', (chunk: Buffer) => {
          printed += chunk.toString();
          if (printed.includes('Ctrl-C stops it.')) resolve();
        });
        fake.once('exit', (code) => reject(new Error(`the fake exited (${code}) before it was ready:\n${printed}`)));
      });
      const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(printed)![1]!;
      const tryIt = section('README.md', '## Try it without an account');
      const quoted = /```text\n([\s\S]*?)```/.exec(tryIt)![1]!.replaceAll('<port>', port);
      for (const line of quoted.split('\n').filter(Boolean)) expect(printed.split('\n'), line).toContain(line);
      // The exports it printed, then the README's command lines, as a reader runs them.
      const environment: NodeJS.ProcessEnv = { ...process.env };
      for (const [, pairs] of printed.matchAll(/^export (.+)$/gm)) for (const pair of pairs!.split(' ')) environment[pair.split('=')[0]!] = pair.slice(pair.indexOf('=') + 1);
      const cli = (line: string, env = environment) => run(process.execPath, [join(root, 'dist/src/cli/main.js'), ...shellWords(line).slice(2)], { env, timeoutMs: 20_000 });
      const [getBucket] = /```sh\n(npx object-storage katapult get-bucket [^\n]*)\n```/.exec(tryIt)!.slice(1);
      const got = await cli(getBucket!);
      expect(got.stderr).toBe('');
      expect(got.stdout).toMatch(/object_storage_bucket\.name\s+backups/);
      expect(got.code).toBe(0);
      const [readOnly] = /`(npx object-storage katapult revoke-presigned-urls [^`]+)`/.exec(tryIt)!.slice(1);
      expect(tryIt).toContain('KATAPULT_API_TOKEN=fake-read-token');
      const refused = await cli(readOnly!, { ...environment, KATAPULT_API_TOKEN: 'fake-read-token' });
      expect(refused.stderr).toContain('scope_not_granted');
      expect(refused.code).toBe(3);
    } finally {
      if (fake.exitCode === null) {
        const exited = new Promise((resolve) => fake.once('exit', resolve));
        fake.kill('SIGTERM');
        await exited;
      }
    }
  }, 40_000);
});

// ---- Links ----

describe('links', () => {
  it('every relative link reaches a file, and every anchor a heading of its page', () => {
    const problems: string[] = [];
    let count = 0;
    for (const doc of documents) {
      // Links outside code: fenced blocks and code spans dropped first.
      const prose = text(doc)
        .replace(/^```[\s\S]*?^```$/gm, '')
        .replace(/`[^`\n]*`/g, '');
      for (const [, href] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href!)) continue;
        count += 1;
        const [path = '', hash] = href!.split('#');
        const target = path === '' ? doc : posix.normalize(posix.join(posix.dirname(doc), path));
        if (!existsSync(join(root, target))) {
          problems.push(`${doc}: ${href} → ${target} does not exist`);
          continue;
        }
        if (hash === undefined) continue;
        if (!target.endsWith('.md') || statSync(join(root, target)).isDirectory()) problems.push(`${doc}: ${href}: an anchor into a file that is no Markdown`);
        else if (!anchors(text(target)).includes(hash)) problems.push(`${doc}: ${href}: ${target} has no heading #${hash}`);
      }
    }
    expect(count).toBeGreaterThanOrEqual(40);
    expect(problems).toEqual([]);
  });
});

// ---- The figures quoted from the code ----

interface GeneratedOperation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly errors?: Record<string, Record<string, unknown>>;
}

describe('figures', () => {
  it("the README counts each API's operations right", async () => {
    const { operations: katapult } = await import('../generated/katapult/index.js');
    const { operations: captain } = await import('../generated/captain/index.js');
    const intro = readme.slice(0, readme.indexOf('\n## '));
    expect(intro).toContain(`(all ${Object.keys(katapult).length} object-storage operations:`);
    expect(intro).toContain(`(all ${Object.keys(captain).length}:`);
  });

  it("the client guide's Katapult table is the generated operations': request, scope and documented error members", async () => {
    const { operations } = (await import('../generated/katapult/index.js')) as unknown as { operations: Record<string, GeneratedOperation> };
    const { katapultTable } = await import('../generated/katapult/table.js');
    const rows = tableRows(section('docs/client.md', '## Katapult'));
    const { createKatapultClient } = await import('../src/index.js');
    const client = createKatapultClient({ token: 'unused' }) as unknown as Record<string, unknown>;
    const listed = rows.map(([method]) => unquote(method!));
    expect(listed.filter((method) => method in operations)).toEqual(Object.keys(operations));
    for (const [method, request, scope, errors] of rows) {
      const id = unquote(method!);
      const operation = operations[id];
      if (!operation) {
        // A walker: a method of the client, on the operation the row before names.
        expect(typeof client[id], id).toBe('function');
        expect(request).toMatch(/^the same, page after page/);
        continue;
      }
      const row = katapultTable.rows.find((each) => each.operation.id === id)!;
      expect(request, id).toBe(`\`${operation.method} ${operation.path}\``);
      expect(scope, id).toBe(row.scopes.map((each) => `\`${each}\``).join(', '));
      expect(Number(errors), id).toBe(Object.values(operation.errors ?? {}).reduce((sum, codes) => sum + Object.keys(codes).length, 0));
    }
  });

  it("the client guide's Captain table is the generated operations'", async () => {
    const { operations } = (await import('../generated/captain/index.js')) as unknown as { operations: Record<string, GeneratedOperation> };
    const rows = tableRows(section('docs/client.md', '## Captain'));
    const named = rows.map(([call]) => /^`(\w+)\(/.exec(call!)![1]!);
    expect(named.filter((id) => id in operations)).toEqual(Object.keys(operations));
    for (const [call, request] of rows) {
      const id = /^`(\w+)\(/.exec(call!)![1]!;
      const operation = operations[id];
      if (operation) expect(request, id).toBe(`\`${operation.method} ${operation.path}\``);
      else expect(request, id).toMatch(/^the same, page after page/);
    }
  });

  it("the CLI guide's commands, variables and exit codes are the CLI's", async () => {
    const { program } = await import('../src/cli/program.js');
    const cli = program();
    const leaves = (command: Command): string[] =>
      command.commands.flatMap((sub) => (sub.commands.length > 0 ? leaves(sub).map((name) => `${sub.name()} ${name}`) : [sub.name()]));
    const commands = tableRows(section('docs/cli.md', '## Commands')).map(([command]) => unquote(command!));
    expect(commands).toEqual(leaves(cli));
    const { katapultVariables, captainVariables } = await import('../src/cli/environment.js');
    expect(tableRows(section('docs/cli.md', '## Environment')).map(([variable]) => unquote(variable!))).toEqual([...katapultVariables, ...captainVariables]);
    const { exitCodes } = await import('../src/cli/exit.js');
    expect(tableRows(section('docs/cli.md', '## Exit codes')).map(([code]) => Number(code))).toEqual(Object.values(exitCodes));
  });

  it('the errors guide quotes the refusals as the clients word them, and what the factories throw', async () => {
    const { createKatapultClient, createCaptainClient } = await import('../src/index.js');
    const send = () => Promise.reject(new Error('a refused call must not be sent'));
    const katapult = createKatapultClient({ token: 'unused', fetch: send });
    const captain = createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: 'unused' }, fetch: send });
    const refused = [
      await captain.listObjectVersions({ projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'ab', key: 'x' }),
      await katapult.getAccount({ organization: { id: 'org_1', sub_domain: 'acme' }, object_storage_cluster: { region: 'uk-lon-1' } }),
    ].map((result) => (result.ok ? 'sent' : result.error.message));
    expect(section('docs/errors.md', '## What is checked before sending')).toContain(`\`\`\`text\n${refused.join('\n')}\n\`\`\``);
    const thrown = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return String(error);
      }
      return 'nothing thrown';
    };
    const factories = [
      thrown(() => createKatapultClient({ token: '' })),
      thrown(() => createKatapultClient({ token: 'x', baseUrl: 'ftp://example.net' })),
      thrown(() => createKatapultClient({ token: 'x', headers: { Authorization: 'x' } })),
    ];
    expect(section('docs/errors.md', '## What the factories throw')).toContain(`\`\`\`text\n${factories.join('\n')}\n\`\`\``);
    const http = thrown(() => createCaptainClient({ baseUrl: 'http://storage.example.net', auth: { apiKey: 'x' } }));
    expect(section('docs/auth.md', '## Base URLs and plain HTTP')).toContain(`\`\`\`text\n${http}\n\`\`\``);
  });
});
