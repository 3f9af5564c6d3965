import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AuditEntry, TemplateSummary, TemplateVersion } from '../../../shared/contract';
import { runCli, tempDir } from '../../../test/helpers/engine';

interface Exported {
  folioTemplate: number;
  id: string;
  version: number;
  body: TemplateVersion['body'];
}

test('folio templates: list, export the built-in, import as new versions, show, rollback, export an earlier version', async () => {
  const dir = tempDir();
  const data = join(dir, 'data');
  const cli = (...args: string[]) => runCli(['--data-dir', data, ...args]);
  try {
    const list = await cli('--json', 'templates', 'list');
    assert.equal(list.code, 0, list.stderr);
    const ids = list.json<TemplateSummary[]>().map((t) => t.id);
    for (const type of ['client', 'settlement', 'deal', 'ar-aging', 'invoice', 'billing']) assert.ok(ids.includes(`default-${type}`), type);
    assert.match((await cli('templates', 'list')).stdout, /^default-invoice +invoice +v1 of 1 +Invoice \(built-in\) +\(the invoice default\)$/m);

    const builtIn = join(dir, 'builtin.json');
    const ex = await cli('templates', 'export', 'default-invoice', '--out', builtIn);
    assert.equal(ex.code, 0, ex.stderr);
    const doc = JSON.parse(readFileSync(builtIn, 'utf8')) as Exported;
    assert.equal(doc.folioTemplate, 1);
    assert.equal(doc.id, 'default-invoice');
    assert.equal(doc.version, 1);

    // a bare body, as IT might write it, saved under a new id
    const acme = join(dir, 'acme.json');
    writeFileSync(acme, JSON.stringify({ ...doc.body, name: 'Acme invoice', branding: { ...doc.body.branding, companyName: 'Acme Ltd', vatNumber: 'GB123456789', addressLines: ['1 High St', 'London'] } }));
    const imp1 = await cli('--json', 'templates', 'import', acme, '--id', 'acme-invoice');
    assert.equal(imp1.code, 0, imp1.stderr);
    assert.equal(imp1.json<TemplateVersion>().version, 1);
    // an exported file names its own id
    writeFileSync(acme, JSON.stringify({ folioTemplate: 1, id: 'acme-invoice', version: 1, body: { ...doc.body, name: 'Acme invoice v2', branding: { ...doc.body.branding, companyName: 'Acme Ltd' } } }));
    const imp2 = await cli('templates', 'import', acme);
    assert.equal(imp2.code, 0, imp2.stderr);
    assert.match(imp2.stdout, /acme-invoice: saved version 2 \(now current\)/);

    const show = await cli('--json', 'templates', 'show', 'acme-invoice');
    const shown = show.json<{ id: string; currentVersion: number; versions: TemplateVersion[] }>();
    assert.equal(shown.currentVersion, 2);
    assert.deepEqual(shown.versions.map((v) => [v.version, v.current, v.body.name]), [[1, false, 'Acme invoice'], [2, true, 'Acme invoice v2']]);
    assert.match((await cli('templates', 'show', 'acme-invoice')).stdout, /^acme-invoice: current version 2\n {2}v1 .* Acme invoice\n\* v2 .* Acme invoice v2$/m);

    const rb = await cli('templates', 'rollback', 'acme-invoice', '1');
    assert.equal(rb.code, 0, rb.stderr);
    assert.equal((await cli('--json', 'templates', 'show', 'acme-invoice')).json<{ currentVersion: number }>().currentVersion, 1);

    const out = join(dir, 'v2.json');
    assert.equal((await cli('templates', 'export', 'acme-invoice@2', '--out', out)).code, 0);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as Exported).body.name, 'Acme invoice v2');
    const current = await cli('templates', 'export', 'acme-invoice');
    assert.equal((JSON.parse(current.stdout) as Exported).version, 1, 'without --out: the current version on stdout');

    const audit = (await cli('--json', 'audit')).json<{ rows: AuditEntry[] }>().rows.filter((e) => e.action === 'template');
    assert.deepEqual(audit.map((e) => [e.details.op, e.details.version]).sort(), [['rollback', 1], ['save', 1], ['save', 2]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('folio templates: bad input exits 2 naming what is wrong and saves nothing', async () => {
  const dir = tempDir();
  const data = join(dir, 'data');
  const cli = (...args: string[]) => runCli(['--data-dir', data, ...args]);
  try {
    const good = JSON.parse(readFileSync(join('resources', 'templates', 'client.json'), 'utf8')) as Record<string, unknown>;
    const files = {
      notJson: join(dir, 'bad.json'),
      badColour: join(dir, 'colour.json'),
      array: join(dir, 'array.json'),
      noId: join(dir, 'noid.json'),
      format: join(dir, 'format.json'),
    };
    writeFileSync(files.notJson, '{ "name": ');
    writeFileSync(files.badColour, JSON.stringify({ ...good, branding: { ...(good.branding as object), accentColor: 'blue' } }));
    writeFileSync(files.array, '[]');
    writeFileSync(files.noId, JSON.stringify(good));
    writeFileSync(files.format, JSON.stringify({ folioTemplate: 9, id: 'x', body: good }));
    const cases: Array<[string[], RegExp]> = [
      [['templates', 'import', join(dir, 'absent.json'), '--id', 'x'], /<file>: cannot read .*absent\.json: ENOENT/],
      [['templates', 'import', files.notJson, '--id', 'x'], /<file>: .*bad\.json is not valid JSON/],
      [['templates', 'import', files.array, '--id', 'x'], /must hold a JSON object/],
      [['templates', 'import', files.format], /folioTemplate 9 is not a format this Folio reads/],
      [['templates', 'import', files.badColour, '--id', 'x'], /body\.branding\.accentColor: must be a colour like #1f6feb/],
      [['templates', 'import', files.noId], /--id: .*names no template id/],
      [['templates', 'import', files.noId, '--id', 'a@b'], /a template id cannot contain "@"/],
      [['templates', 'show', 'nope'], /There is no template nope/],
      [['templates', 'rollback', 'default-client', '7'], /version: template default-client has no version 7/],
      [['templates', 'rollback', 'default-client', 'one'], /<version>: must be a positive whole number/],
      [['templates', 'export', 'default-client@0'], /<id>: "default-client@0" must be an id or id@version/],
      [['templates', 'export', 'default-client@3'], /template default-client has no version 3 \(versions: 1\)/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
    const list = (await cli('--json', 'templates', 'list')).json<TemplateSummary[]>();
    assert.equal(list.length, 6, 'nothing saved: only the six type defaults');
    assert.ok(list.every((t) => t.latestVersion === 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
