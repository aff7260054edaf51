import cliProgress from 'cli-progress';

/** A progress bar on stderr (silent when stderr is not a terminal, so logs stay clean). */
export function progressBar(
  label: string,
  unit: string,
): { update: (done: number, total: number) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(10)} [{bar}] {value}/{total} ${unit} · {duration_formatted} elapsed · eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
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
