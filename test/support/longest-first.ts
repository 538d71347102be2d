import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order files start in. Vitest's own runs the projects one after the other (contract,
 * gates, unit), each largest file first. On two cores that starts the docs' browser files,
 * the longest of all, two minutes in, and they end alone. This runs the files of all
 * projects together, longest first, so the long ones start at once and the short ones fill
 * the gaps: by the last run's durations when it left them for every file, else (a fresh
 * clone) the files known to be slow first, in the order below, then the rest by size.
 */
const slowest = ['docs-katapult', 'consumers', 'breaking', 'docs', 'docs-captain', 'cli', 'dynamic', 'package', 'mcp', 'contract', 'type-cost', 'spec', 'browser', 'runtimes', 'readme', 'pacing'];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const key = (file: TestSpecification) => `${file.project.name}:${file.moduleId.slice(this.ctx.config.root.length + 1)}`;
    const duration = (file: TestSpecification) => cache.getFileTestResults(key(file))?.duration;
    if (files.every((file) => duration(file) !== undefined)) return [...files].sort((a, b) => duration(b)! - duration(a)!);
    const rank = (file: TestSpecification) => {
      const at = slowest.indexOf(file.moduleId.replace(/^.*\/|\.test(-d)?\.ts$/g, ''));
      return at < 0 ? slowest.length : at;
    };
    const size = (file: TestSpecification) => cache.getFileStats(key(file))?.size ?? 0;
    return [...files].sort((a, b) => rank(a) - rank(b) || size(b) - size(a));
  }
}
