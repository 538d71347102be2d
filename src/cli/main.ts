#!/usr/bin/env node
import { main } from './program.js';

// A reader that stops early (`| head -1`, `| less` quit, `grep -m1`) closes the pipe:
// stop quietly, as a successful run, rather than die on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
