import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AuditEntry } from '../../../shared/contract';
import { runCli, tempDir } from '../../../test/helpers/engine';
import type { ConfigEntry } from './config';

function folder(): { dir: string; policy: string; env: Record<string, string>; settingsFile: string } {
  const dir = tempDir();
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ settings: { 's3.bucket': 'acme-statements' }, locked: ['locale'] }));
  return { dir, policy, env: { FOLIO_POLICY_FILE: policy }, settingsFile: join(dir, 'data', 'settings.json') };
}

test('folio config set stores a value the way the Settings screen does; get shows it and where every value comes from', async () => {
  const f = folder();
  const data = join(f.dir, 'data');
  try {
    const set = await runCli(['--data-dir', data, 'config', 'set', 'variance.thresholdPct', '12.5'], f.env);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout.trim(), 'variance.thresholdPct = 12.5');
    for (const [key, value] of [['s3.forcePathStyle', 'true'], ['aging.buckets', '30,60,90'], ['fx.gbpRates', '{"EUR":"0.8571"}'], ['source.s3', 's3://acme-billing/bundles/']]) {
      const r = await runCli(['--data-dir', data, 'config', 'set', key!, value!], f.env);
      assert.equal(r.code, 0, `${key}: ${r.stderr}`);
    }
    assert.deepEqual(JSON.parse(readFileSync(f.settingsFile, 'utf8')), {
      'variance.thresholdPct': 12.5,
      's3.forcePathStyle': true,
      'aging.buckets': [30, 60, 90],
      'fx.gbpRates': { EUR: '0.8571' },
      'source.s3': 's3://acme-billing/bundles/',
    });

    const env = { ...f.env, FOLIO_S3_REGION: 'eu-west-2', FOLIO_S3_BUCKET: 'from-env' };
    const all = await runCli(['--data-dir', data, '--json', 'config', 'get'], env);
    assert.equal(all.code, 0, all.stderr);
    const by = new Map(all.json<{ settings: ConfigEntry[] }>().settings.map((e) => [e.key, e]));
    assert.deepEqual(by.get('variance.thresholdPct'), { key: 'variance.thresholdPct', value: 12.5, source: 'user', managed: false });
    assert.deepEqual(by.get('s3.region'), { key: 's3.region', value: 'eu-west-2', source: 'env', managed: false });
    // IT's policy wins over the environment too
    assert.deepEqual(by.get('s3.bucket'), { key: 's3.bucket', value: 'acme-statements', source: 'policy', managed: true });
    assert.deepEqual(by.get('locale'), { key: 'locale', value: 'en-US', source: 'default', managed: true });
    assert.equal(by.get('s3.endpoint')!.source, 'default');
    assert.equal(by.get('user.name')!.source, 'env'); // FOLIO_USER

    const text = await runCli(['--data-dir', data, 'config', 'get'], env);
    assert.match(text.stdout, /^s3\.bucket +acme-statements +\(policy, managed by your organisation\)$/m);
    assert.match(text.stdout, /^aging\.buckets +\[30,60,90\] +\(user\)$/m);
    assert.match(text.stdout, /^S3 credentials: /m);
    assert.match(text.stdout, /^policy file: .*policy\.json$/m);

    const one = await runCli(['--data-dir', data, 'config', 'get', 'source.s3'], f.env);
    assert.equal(one.stdout, 's3://acme-billing/bundles/\n');
    const oneJson = await runCli(['--data-dir', data, '--json', 'config', 'get', 's3.forcePathStyle'], f.env);
    assert.deepEqual(oneJson.json(), { key: 's3.forcePathStyle', value: true, source: 'user', managed: false });

    // the same change, audited as the Settings screen's is
    const audit = await runCli(['--data-dir', data, '--json', 'audit'], f.env);
    const rows = audit.json<{ rows: AuditEntry[] }>().rows.filter((e) => e.action === 'settings');
    assert.deepEqual(rows[0]!.details, { op: 'set', key: 'variance.thresholdPct', from: 25, to: 12.5, changed: true });
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

test('folio config set: an unknown key or a bad value exits 2 naming the key and what is wrong, and nothing is stored', async () => {
  const f = folder();
  const data = join(f.dir, 'data');
  try {
    assert.equal((await runCli(['--data-dir', data, 'config', 'set', 'locale2', 'x'], {})).code, 2);
    const first = await runCli(['--data-dir', data, 'config', 'set', 's3.prefix', 'statements/'], {});
    assert.equal(first.code, 0, first.stderr);
    const before = readFileSync(f.settingsFile, 'utf8');
    const cases: Array<[string, string, RegExp]> = [
      ['no.such.key', '1', /no\.such\.key/],
      ['s3.secretAccessKey', 'abc', /s3\.secretAccessKey.*credentials are never settings/],
      ['variance.thresholdPct', 'lots', /variance\.thresholdPct: must be a number/],
      ['variance.thresholdPct', '-5', /variance\.thresholdPct: .*(>=|greater|too small)/i],
      ['s3.forcePathStyle', 'maybe', /s3\.forcePathStyle: must be true or false/],
      ['s3.sse', 'DES', /s3\.sse: /],
      ['source.s3', 'http://example.com/x', /source\.s3: must look like s3:\/\/bucket\/prefix\//],
      ['aging.buckets', '30,sixty', /aging\.buckets: must be numbers separated by commas/],
      ['aging.buckets', '0', /aging\.buckets\.0: /],
      ['fx.gbpRates', '{EUR', /fx\.gbpRates: must be JSON/],
      ['fx.gbpRates', '{"EUR":"a lot"}', /fx\.gbpRates\.EUR: must be a decimal rate/],
      ['locale', 'en_US', /locale: "en_US" is not a language tag/],
    ];
    for (const [key, value, message] of cases) {
      const r = await runCli(['--data-dir', data, 'config', 'set', key, value], {});
      assert.equal(r.code, 2, `${key}=${value}: ${r.stderr}`);
      assert.match(r.stderr, message, `${key}=${value}`);
      assert.equal(readFileSync(f.settingsFile, 'utf8'), before, `${key}=${value}: nothing stored`);
    }
    const get = await runCli(['--data-dir', data, 'config', 'get', 'no.such.key'], {});
    assert.equal(get.code, 2);
    assert.match(get.stderr, /There is no setting named no\.such\.key/);
    const json = await runCli(['--data-dir', data, '--json', 'config', 'set', 's3.forcePathStyle', 'maybe'], {});
    assert.equal(json.json<{ error: { code: string; field: string } }>().error.field, 's3.forcePathStyle');
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

test('folio config set: a key managed by IT policy is refused clearly and nothing is stored', async () => {
  const f = folder();
  const data = join(f.dir, 'data');
  try {
    for (const key of ['s3.bucket', 'locale']) {
      const r = await runCli(['--data-dir', data, 'config', 'set', key, key === 'locale' ? 'de-DE' : 'mine'], f.env);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`${key.replace('.', '\\.')} is managed by your organisation and cannot be changed here`));
      assert.equal(existsSync(f.settingsFile), false, `${key}: nothing stored`);
    }
    const get = await runCli(['--data-dir', data, 'config', 'get', 's3.bucket'], f.env);
    assert.equal(get.stdout.trim(), 'acme-statements');
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});
