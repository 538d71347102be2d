#!/usr/bin/env node
import { main } from './program.js';

// A reader that stops early (`| head -1`, `| less` quit, `grep -m1`) closes the pipe:
// stop quietly, as a successful run, rather than die on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
// A closed stderr stops only the messages: a job goes on to its end and exits with its
// own code, so a half-done job never reads as a success.
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  process.stderr.write = () => true;
});

process.exitCode = await main(process.argv.slice(2));
