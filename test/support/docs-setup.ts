import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { docs } from '../../scripts/docs.js';

/** The docs site, built once for the run's docs tests (it renders both references with
 * Redoc: seconds of work) and removed after them. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'docs-test-'));
  docs(dir);
  project.provide('docsDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
