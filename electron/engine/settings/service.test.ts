import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEngine } from '../../../test/helpers/engine';

test('settings.json keeps only the keys the user set, across restarts', async () => {
  const first = testEngine();
  await first.engine.call('settings:set', { key: 'locale', value: 'de-DE' });
  await first.close({ keep: true });
  const again = testEngine({ dataDir: first.dataDir });
  try {
    await again.engine.call('settings:set', { key: 'variance.thresholdPct', value: 10 });
    const stored = JSON.parse(readFileSync(join(first.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(stored, { locale: 'de-DE', 'variance.thresholdPct': 10 });
    const view = await again.engine.call('settings:get', {});
    assert.equal(view.values.locale, 'de-DE');
    assert.equal(view.values['s3.region'], 'us-east-1'); // a default, from the schema, not the file
  } finally {
    await again.close();
  }
});
