// The README's figures, for the tests that measure them: each such test checks that the
// README quotes what it measured, so the README cannot drift from the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './exec.js';

/** The cells of the row, in the README's table of budgets ("Other budgets, asserted in
 * `npm test`"), whose first cell starts with `label`. */
export function readmeRow(label: string): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('Other budgets, asserted in `npm test`')).split('\n\n')[1] ?? '';
  const rows = table.split('\n').filter((line) => line.startsWith(`| ${label}`));
  if (rows.length !== 1) throw new Error(`README.md: expected one table row starting with "${label}", found ${rows.length}`);
  return rows[0]!.replace(/^\| | \|$/g, '').split(' | ');
}

/** A count as the README writes it: `29,599`. */
export const figure = (count: number): string => count.toLocaleString('en-US');
