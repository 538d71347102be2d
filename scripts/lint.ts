// Lints both APIs and fails on any problem, warnings included: `redocly lint` alone
// exits 0 when it finds only warnings.
import { execFileSync, spawnSync } from 'node:child_process';
import { redoclyBin } from './codegen/paths.js';

const json = execFileSync(process.execPath, [redoclyBin, 'lint', '--format=json'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'ignore'],
});
// One JSON report per API, printed back to back.
const reports = json.trim().split(/(?<=})\s*(?={)/).map((text) => JSON.parse(text) as { totals: { errors: number; warnings: number } });
const problems = reports.reduce((sum, { totals }) => sum + totals.errors + totals.warnings, 0);

if (problems > 0) {
  spawnSync(process.execPath, [redoclyBin, 'lint'], { stdio: 'inherit' });
  console.error(`lint: ${problems} problem(s); warnings fail the lint too.`);
  process.exit(1);
}
console.log(`lint: ${reports.length} APIs, 0 problems.`);
