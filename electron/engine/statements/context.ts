/**
 * Builds a ComputeContext from a running engine: the cache database, the settings that shape
 * statements, today's local date from the platform clock, and the ledger's lookup of items
 * already on a COMPLETED invoice (registered by the ledger part; none until it is).
 */
import { today } from '../../../shared/dates';
import { cacheDb } from '../db/stores';
import type { Engine } from '../engine';
import { settingsService } from '../settings/service';
import type { ComputeContext } from './common';

export type InvoicedItemsLookup = (engine: Engine, ids: string[]) => Map<string, string>;
let invoicedLookup: InvoicedItemsLookup | null = null;

/** The ledger registers how to find billing items already on a COMPLETED invoice. */
export function setInvoicedItemsLookup(fn: InvoicedItemsLookup | null): void {
  invoicedLookup = fn;
}

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
  const lookup = invoicedLookup;
  return {
    cache,
    today: overrides.today ?? engineToday(engine),
    settings: overrides.settings ?? {
      agingBuckets: settings['aging.buckets'],
      varianceThresholdPct: settings['variance.thresholdPct'],
      locale: settings.locale,
      gbpRates: settings['fx.gbpRates'],
    },
    invoicedItems: overrides.invoicedItems ?? ((ids) => (lookup ? lookup(engine, ids) : new Map())),
  };
}
