// What the client's types cost a consumer: fixtures that call every operation are
// type-checked under `strict` against the declarations tsc emits, resolved through the
// package's exports as an installed copy would be. Needs dist/, compiled first.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSpec, operationIds } from './support/specs.js';
import { binOf, root, runNode, type Ran } from './support/exec.js';
import { budgetRow, figure } from './support/budgets.js';

/** The budget: type instantiations for the whole ours.ts fixture. */
const instantiationBudget = 1_000;

const tsc = binOf('typescript', 'tsc');
const fixtures = join(root, 'test/fixtures/type-cost');
/** The fixtures import the sources, so they stay checked with the project; an installed
 * copy is reached by the package's public specifiers instead. */
const publicSpecifiers: Record<string, string> = {
  '../../../src/index.js': 'object-storage-openapi',
  '../../../generated/katapult.js': 'object-storage-openapi/types/katapult',
  '../../../generated/captain.js': 'object-storage-openapi/types/captain',
};

interface Checked {
  readonly ran: Ran;
  readonly instantiations: number;
  readonly files: readonly string[];
}

let consumer: string;
let ours: Checked;
let oursWithLibCheck: Checked;
let bare: Checked;

function installFixture(name: string): void {
  let text = readFileSync(join(fixtures, `${name}.ts`), 'utf8');
  for (const [source, specifier] of Object.entries(publicSpecifiers)) text = text.replaceAll(`'${source}'`, `'${specifier}'`);
  expect(text, `${name}.ts still imports the sources`).not.toMatch(/from '\.\.\//);
  writeFileSync(join(consumer, `${name}.ts`), text);
}

/** `skipLibCheck: false` also checks the emitted declarations and openapi-fetch's. */
async function check(name: string, skipLibCheck = true): Promise<Checked> {
  const config = `tsconfig.${name}.${skipLibCheck ? 'skip' : 'full'}.json`;
  writeFileSync(
    join(consumer, config),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        types: [],
        skipLibCheck,
        noEmit: true,
      },
      files: [`${name}.ts`],
    }),
  );
  const ran = await runNode(tsc, ['-p', config, '--extendedDiagnostics', '--listFiles'], { cwd: consumer });
  const counted = /^Instantiations:\s+(\d+)$/m.exec(ran.stdout);
  return {
    ran,
    instantiations: counted ? Number(counted[1]) : Number.NaN,
    files: ran.stdout.split('\n').filter((line) => line.endsWith('.ts')),
  };
}

beforeAll(async () => {
  // tsc lists files by their real paths.
  consumer = realpathSync(mkdtempSync(join(tmpdir(), 'type-cost-')));
  const installed = join(consumer, 'node_modules/object-storage-openapi');
  mkdirSync(installed, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(installed, 'package.json'));
  symlinkSync(join(root, 'node_modules/openapi-fetch'), join(consumer, 'node_modules/openapi-fetch'), 'dir');
  // The declarations the build emitted (dist/ is compiled once for the run, by
  // test/support/compile-setup.ts), copied as an installed package holds them.
  const declarations = (source: string) => statSync(source).isDirectory() || source.endsWith('.d.ts');
  for (const part of ['src', 'generated']) cpSync(join(root, 'dist', part), join(installed, 'dist', part), { recursive: true, filter: declarations });
  installFixture('ours');
  installFixture('bare');
  [ours, bare, oursWithLibCheck] = await Promise.all([check('ours'), check('bare'), check('ours', false)]);
  console.info(
    `type instantiations: ours ${ours.instantiations}, bare openapi-fetch ${bare.instantiations}, ratio ${(ours.instantiations / bare.instantiations).toFixed(4)}`,
  );
});

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe('the consumer fixture on our client', () => {
  test('type-checks cleanly against the emitted declarations, with no TS2589', () => {
    expect(ours.ran.stdout).not.toContain('TS2589');
    expect(ours.ran.stdout).not.toMatch(/error TS\d+/);
    expect(ours.ran.code).toBe(0);
    expect(ours.files).toContain(join(consumer, 'node_modules/object-storage-openapi/dist/src/index.d.ts'));
    expect(ours.files.filter((file) => file.startsWith(join(root, 'src')))).toEqual([]);
  });

  test('declarations check cleanly with skipLibCheck: false, with no TS2589', () => {
    expect(oursWithLibCheck.ran.stdout).not.toContain('TS2589');
    expect(oursWithLibCheck.ran.stdout).not.toMatch(/error TS\d+/);
    expect(oursWithLibCheck.ran.code).toBe(0);
  });

  test(`stays within ${instantiationBudget} type instantiations`, () => {
    expect(ours.instantiations).toBeGreaterThan(0);
    expect(ours.instantiations).toBeLessThanOrEqual(instantiationBudget);
  });

  test('docs/performance.md quotes the counts measured here, and the budget', () => {
    const [, measured, asserted] = budgetRow('type instantiations');
    expect(measured, 'docs/performance.md, "Budgets": write the counts this test measured').toBe(`${figure(ours.instantiations)} (bare openapi-fetch: ${figure(bare.instantiations)})`);
    expect(asserted).toBe(`≤ ${figure(instantiationBudget)}, and no TS2589`);
  });

  test('calls every operation of both specs', () => {
    const text = readFileSync(join(fixtures, 'ours.ts'), 'utf8');
    const ids = (['katapult', 'captain'] as const).flatMap((api) => operationIds(loadSpec(api)));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const id of ids) expect(text, id).toContain(`.${id}(`);
    expect(text).toContain('.listAllObjectVersions(');
  });
});

describe('the same fixture on bare openapi-fetch', () => {
  test('type-checks cleanly too, so the two counts compare like with like', () => {
    expect(bare.ran.stdout).not.toMatch(/error TS\d+/);
    expect(bare.ran.code).toBe(0);
    expect(bare.files).toContain(join(consumer, 'node_modules/object-storage-openapi/dist/generated/katapult.d.ts'));
    expect(bare.instantiations).toBeGreaterThan(0);
  });
});
