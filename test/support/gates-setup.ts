import { ensureGates } from '../../scripts/gates.js';

/** The gates project's tools (gates/), installed on first use and kept while its lockfile holds. */
export default function setup() {
  ensureGates();
}
