/**
 * Builds a ComputeContext from a running engine: the cache database, the settings that shape
 * statements, today's local date from the platform clock. Which billing items are already on a
 * COMPLETED invoice lives in the ledger, a layer above: the use case that has the ledger passes
 * `invoicedItems` (generate, the invoice preview, exports); without it no item counts as invoiced.
 */
import { today } from '../../../shared/dates';
import { cacheDb } from '../db/stores';
import type { Engine } from '../engine';
import { settingsService } from '../settings/service';
import type { ComputeContext } from './common';


/** The platform's zone when it differs from the runtime's own (whose dates need no Intl). */
function zoneOf(engine: Engine): string | undefined {
  const tz = engine.platform.env.TZ;
  return tz && tz !== process.env.TZ ? tz : undefined;
}

/** Today's calendar date where the engine's user is (the platform clock, in the platform's zone). */
export function engineToday(engine: Engine): string {
  return today(engine.platform.now(), zoneOf(engine));
}

export async function buildComputeContext(engine: Engine, overrides: Partial<ComputeContext> = {}): Promise<ComputeContext> {
  const cache = overrides.cache ?? (await engine.use(cacheDb));
  const settings = (await engine.use(settingsService)).values();
  return {
    cache,
    today: overrides.today ?? engineToday(engine),
    settings: overrides.settings ?? {
      agingBuckets: settings['aging.buckets'],
      varianceThresholdPct: settings['variance.thresholdPct'],
      locale: settings.locale,
      gbpRates: settings['fx.gbpRates'],
    },
    invoicedItems: overrides.invoicedItems ?? (() => new Map()),
  };
}
