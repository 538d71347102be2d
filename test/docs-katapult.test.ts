// Katapult's reference page in Chromium: see test/support/docs-reference.ts.
import { referencePageTests } from './support/docs-reference.js';

referencePageTests('katapult');
