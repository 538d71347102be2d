// The GitHub Actions workflows, checked here with a workflow linter: action-validator
// (@action-validator/cli), which validates each file against the workflow schema and
// checks its globs. The docs workflow also has to say what it promises: build the docs
// on a push to main and deploy them to GitHub Pages.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { binOf, root, runNode } from './support/exec.js';

const folder = join(root, '.github/workflows');
const workflows = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
const validator = binOf('@action-validator/cli', 'action-validator');
const temp = mkdtempSync(join(tmpdir(), 'workflows-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}
interface Workflow {
  readonly on: { readonly push?: { readonly branches?: readonly string[] } };
  readonly jobs: Record<string, { readonly needs?: string; readonly permissions?: Record<string, string>; readonly steps: readonly Step[] }>;
}

describe('GitHub workflows', () => {
  it.each(workflows)('%s passes action-validator', async (name) => {
    const ran = await runNode(validator, [join(folder, name)]);
    expect(ran.stdout + ran.stderr).toBe('');
    expect(ran.code).toBe(0);
  });

  it('action-validator fails a broken workflow (control)', async () => {
    const broken = join(temp, 'broken.yml');
    writeFileSync(broken, readFileSync(join(folder, 'docs.yml'), 'utf8').replaceAll('runs-on:', 'runs_on:'));
    const ran = await runNode(validator, [broken]);
    expect(ran.code).not.toBe(0);
    expect(ran.stdout + ran.stderr).toMatch(/runs_on/);
  });

  it('docs.yml builds the docs on a push to main and deploys them to GitHub Pages', () => {
    const workflow = parse(readFileSync(join(folder, 'docs.yml'), 'utf8')) as Workflow;
    expect(workflow.on.push?.branches).toEqual(['main']);
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runs = steps.flatMap((step) => (step.run ? [step.run] : []));
    expect(runs).toContain('npm run docs');
    // What `npm run docs` writes, uploaded whole.
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.docs).toMatch(/\bscripts\/docs\.[jt]s$/);
    expect(readFileSync(join(root, 'scripts', scripts.docs!.split('scripts/')[1]!), 'utf8')).toContain("join(root, 'dist', 'docs')");
    expect(steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'))?.with).toEqual({ path: 'dist/docs' });
    const deploy = Object.values(workflow.jobs).find((job) => job.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')));
    expect(deploy?.needs).toBe('build');
    expect(deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  it('ci.yml runs the unit and contract projects on Node 20, 22 and 24 on every push and pull request, and the gates once', () => {
    const workflow = parse(readFileSync(join(folder, 'ci.yml'), 'utf8')) as Workflow & { on: Record<string, unknown>; jobs: Record<string, { strategy?: { matrix?: { node?: number[] } } }> };
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    const runs = (job: string) => workflow.jobs[job]!.steps.flatMap((step) => (step.run ? [step.run] : []));
    expect(workflow.jobs.test?.strategy?.matrix?.node).toEqual([20, 22, 24]);
    expect(runs('test')).toContain('npx vitest run --project unit --project contract');
    expect(workflow.jobs.gates?.strategy).toBeUndefined();
    expect(runs('gates')).toContain('npx vitest run --project gates');
    // The three projects are the ones the test configuration has.
    expect(readFileSync(join(root, 'vitest.config.ts'), 'utf8')).toMatch(/name: 'unit'[\s\S]*name: 'contract'[\s\S]*name: 'gates'/);
  });

  it('release.yml publishes with provenance on a version tag, after the whole suite, and attaches the bundled specs', () => {
    const workflow = parse(readFileSync(join(folder, 'release.yml'), 'utf8')) as Workflow & { on: { push: { tags: string[] } } };
    expect(workflow.on.push.tags).toEqual(['v*']);
    const publish = workflow.jobs.publish!;
    expect(publish.needs).toBe('gates');
    expect(publish.permissions).toMatchObject({ 'id-token': 'write' });
    const runs = publish.steps.flatMap((step) => (step.run ? [step.run] : []));
    expect(runs).toContain('npm publish --provenance --access public');
    expect(runs.find((run) => run.startsWith('gh release create'))).toMatch(/generated\/katapult\.json .*generated\/captain\.yaml/);
    expect(workflow.jobs.gates!.steps.flatMap((step) => (step.run ? [step.run] : []))).toContain('npm test');
  });
});
