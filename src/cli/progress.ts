/** A progress bar on the terminal for long work; silent when stderr is not a terminal. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

export function progressBar(label: string, total: number, unit: string): Progress {
  if (!process.stderr.isTTY || total <= 0) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} | eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rate: '' });
  return {
    update(done, extra = {}) {
      const secs = (Date.now() - started) / 1000;
      bar.update(done, { rate: secs > 0 ? `${Math.round(done / secs)} ${unit}/s` : '', ...extra });
    },
    stop() {
      bar.stop();
    },
  };
}
