import { defineHandlers } from '../engine';
import { testConnection } from '../s3/test-connection';
import { CREDENTIALS_SECRET, settingsService } from '../settings/service';

export const settingsHandlers = defineHandlers({
  'settings:get': async (_i, { engine }) => (await engine.use(settingsService)).view(),
  'settings:set': async ({ key, value }, { engine }) => {
    const s = await engine.use(settingsService);
    await s.set(key, value);
    return s.view();
  },
  'settings:setCredentials': async ({ accessKeyId, secretAccessKey }, { engine, platform }) => {
    const s = await engine.use(settingsService);
    if (s.policy.locked.includes('s3.endpoint') && s.policy.locked.includes('s3.bucket') && platform.kind === 'test') {
      // policy does not lock credentials: each user brings their own
    }
    await platform.secrets.set(CREDENTIALS_SECRET, JSON.stringify({ accessKeyId, secretAccessKey }));
    return s.view();
  },
  'settings:clearCredentials': async (_i, { engine, platform }) => {
    await platform.secrets.delete(CREDENTIALS_SECRET);
    return (await engine.use(settingsService)).view();
  },
  'settings:testConnection': async (_i, { engine }) => testConnection(engine),
});
