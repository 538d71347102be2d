import { SingleBar } from 'cli-progress';
import type { JobProgress } from '../jobs/run.js';

/** A progress bar on stderr when it is a terminal; nothing at all when it is not. */
export function progressBar(stream: NodeJS.WriteStream, title: string): { update(progress: JobProgress): void; interrupted(): void; stop(): void } {
  if (!stream.isTTY) return { update() {}, interrupted() {}, stop() {} };
  const bar = new SingleBar(
    {
      stream,
      format: `${title} [{bar}] {value}/{total} | {failed} failed | {last}`,
      barCompleteChar: '#',
      barIncompleteChar: '-',
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: false,
    },
  );
  let started = false;
  return {
    update({ total, done, skipped, failed, last }) {
      if (!started) {
        bar.start(total, 0, { failed: 0, last: '' });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done + skipped + failed, { failed, last: last ?? '' });
    },
    /** Ctrl-C: the terminal has echoed `^C` onto the bar's line. Clear the line and have
     * the bar draw itself again on it: cli-progress redraws only a line that differs from
     * the last it drew, so the bar now says it is stopping. */
    interrupted() {
      stream.write('\r\u001b[2K');
      if (started) {
        bar.update({ last: 'stopping: what is in flight finishes' });
        bar.render();
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
