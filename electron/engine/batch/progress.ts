/**
 * Progress of a run: done/total, rate per minute over a sliding window, time left; emitted at
 * most every `minIntervalMs` (≈5 per second), plus always the last one.
 */
import type { ProgressEvent } from '../../../shared/contract';

export class ProgressMeter {
  private lastEmit = 0;
  private readonly samples: Array<{ t: number; done: number }> = [];

  constructor(
    private readonly taskId: string,
    private readonly label: string,
    private readonly emit: (p: ProgressEvent) => void,
    private readonly clock: () => number = () => performance.now(),
    private readonly minIntervalMs = 200,
    private readonly windowMs = 10_000,
  ) {}

  /** Rate per minute over the last window (null until two samples a moment apart). */
  rate(done: number, t = this.clock()): number | null {
    this.samples.push({ t, done });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const dt = t - first.t;
    if (dt < 250) return null;
    return ((done - first.done) / dt) * 60_000;
  }

  /** Reports progress; returns the event when one was emitted. */
  update(done: number, total: number, finished = false): ProgressEvent | null {
    const t = this.clock();
    if (!finished && t - this.lastEmit < this.minIntervalMs) return null;
    this.lastEmit = t;
    const ratePerMin = this.rate(done, t);
    const left = Math.max(0, total - done);
    const etaMs = finished ? 0 : ratePerMin && ratePerMin > 0 ? Math.round((left / ratePerMin) * 60_000) : null;
    const event: ProgressEvent = {
      taskId: this.taskId,
      kind: 'batch',
      label: this.label,
      done,
      total,
      ratePerMin: ratePerMin === null ? null : Math.round(ratePerMin),
      etaMs,
      finished,
    };
    this.emit(event);
    return event;
  }

  /** Forget the rate history (after a pause, so the idle time does not count). */
  resetRate(): void {
    this.samples.length = 0;
  }
}
