/** A progress bar on stderr for long operations (ingest, reindex); silent when stderr is not a terminal. */
import cliProgress from 'cli-progress';

export function progressBar(label: string): {
  update: (done: number, total: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
