import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/longest-first.js';

// Three projects, each paying only for what it needs:
// - unit: in process, with no compile, no Prism and no child process (loopback servers in
//   the process are fine); seconds, for the loop
//   a contributor runs while working (`npm run test:unit`);
// - contract: the built package, the Prism mocks, the CLI and the MCP server as processes,
//   and the type tests;
// - gates: other teams' tools, type cost, the docs in Chromium, the runtimes, the package
//   and the breaking-change gate, with the gates' tools (gates/) installed on first use.
const unit = [
  'abort-listeners',
  'auth',
  'cli-deadline',
  'cli-errors',
  'codegen',
  'ergonomics',
  'fake',
  'fake-server',
  'faults',
  'input-safety',
  'jobs',
  'katapult-errors',
  'layers',
  'limit',
  'mcp-budget',
  'one-source',
  'one-table',
  'pacing',
  'paging',
  'properties',
  'recordings',
  'rules-kept',
  'safe-defaults',
  'secrets',
  'url',
  'validate',
  'wire',
];
const contract = ['add-operation', 'load', 'bad-requests', 'cli', 'cli-tables', 'cli-unreachable', 'contract', 'dynamic', 'examples', 'fake-script', 'mcp', 'mcp-dynamic', 'mock', 'spec', 'standalone'];
const gates = ['breaking', 'browser', 'consumers', 'docs', 'docs-captain', 'docs-katapult', 'package', 'readme', 'runtimes', 'size', 'type-cost', 'workflows'];

const files = (names: readonly string[]) => names.map((name) => `test/${name}.test.ts`);

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one, on the 2-core machines CI
    // runs on. Most files wait on child processes, Prism and Chromium rather than compute,
    // so two workers keep both cores busy.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        // Worker threads start and import faster than the default child processes, and
        // nothing here needs a process of its own: a third off the project's time.
        test: { name: 'unit', include: files(unit), pool: 'threads' },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: files(contract),
          globalSetup: ['test/support/compile-setup.ts', 'test/support/prism-setup.ts'],
          // The public types, checked by tsc: a child process, so not a unit test.
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        extends: true,
        test: { name: 'gates', include: files(gates), globalSetup: ['test/support/compile-setup.ts', 'test/support/gates-setup.ts', 'test/support/prism-setup.ts', 'test/support/docs-setup.ts'] },
      },
    ],
  },
});
