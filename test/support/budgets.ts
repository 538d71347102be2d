// The budgets' figures, for the tests that measure them: each such test checks that the
// performance page (docs/performance.md, "Budgets") quotes what it measured, so the docs
// cannot drift from the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './exec.js';

export const budgetsPage = 'docs/performance.md';

/** The cells of the row, in the table under "## Budgets" in docs/performance.md, whose
 * first cell starts with `label`. */
export function budgetRow(label: string): string[] {
  const page = readFileSync(join(root, budgetsPage), 'utf8');
  const start = page.indexOf('\n## Budgets\n');
  if (start < 0) throw new Error(`${budgetsPage}: no "## Budgets" section`);
  const end = page.indexOf('\n## ', start + 1);
  const section = page.slice(start + 1, end < 0 ? undefined : end);
  const rows = section.split('\n').filter((line) => line.startsWith(`| ${label}`));
  if (rows.length !== 1) throw new Error(`${budgetsPage}, "Budgets": expected one table row starting with "${label}", found ${rows.length}`);
  return rows[0]!.replace(/^\| | \|$/g, '').split(' | ');
}

/** A count as the docs write it: `29,599`. */
export const figure = (count: number): string => count.toLocaleString('en-US');
