import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TemplateBody } from '../../../shared/contract/templates';
import { FolioError } from '../../../shared/errors';
import { testEngine, type TestEngine } from '../../../test/helpers/engine';
import { resolveTemplate } from './index';

function body(over: Partial<TemplateBody> = {}, brand: Partial<TemplateBody['branding']> = {}): TemplateBody {
  return {
    name: 'Client statement, Acme letterhead',
    statementType: 'client',
    contractType: null,
    clientId: null,
    branding: { companyName: 'Acme Ltd', addressLines: ['1 High St'], vatNumber: '', companyNumber: '', accentColor: '#aa3300', logo: null, ...brand },
    pageSize: 'A4',
    locale: 'en-GB',
    labels: {},
    sections: { detailedBreakdown: true, findings: true },
    ...over,
  };
}

describe('templates', () => {
  let t: TestEngine;
  before(() => {
    t = testEngine();
  });
  after(() => t.close());

  it('lists the six built-in defaults and resolves a type to its built-in', async () => {
    const list = await t.engine.call('templates:list', {});
    assert.deepEqual(list.filter((s) => s.builtIn).map((s) => s.id), ['default-client', 'default-settlement', 'default-deal', 'default-ar-aging', 'default-invoice', 'default-billing']);
    const r = await resolveTemplate(t.engine, { type: 'deal' });
    assert.equal(r.id, 'default-deal');
    assert.equal(r.version, 1);
  });

  it('saving makes a new current version; rollback makes an earlier one current; versions never change', async () => {
    const v2 = await t.engine.call('templates:save', { id: 'default-client', body: body({ name: 'Client default v2' }) });
    assert.equal(v2.version, 2);
    assert.equal((await resolveTemplate(t.engine, { type: 'client' })).body.branding.companyName, 'Acme Ltd');
    const v3 = await t.engine.call('templates:save', { id: 'default-client', body: body({}, { companyName: 'Acme Group plc' }) });
    assert.equal(v3.version, 3);
    assert.equal((await resolveTemplate(t.engine, { type: 'client' })).version, 3);
    // pinned and latest
    assert.equal((await resolveTemplate(t.engine, { type: 'client', pinned: 'default-client@2' })).body.branding.companyName, 'Acme Ltd');
    assert.equal((await resolveTemplate(t.engine, { type: 'client', pinned: 'latest' })).version, 3);
    // rollback to the built-in
    const rb = await t.engine.call('templates:rollback', { id: 'default-client', version: 1 });
    assert.equal(rb.version, 1);
    const now = await resolveTemplate(t.engine, { type: 'client' });
    assert.equal(now.version, 1);
    assert.equal(now.body.branding.companyName, '');
    const versions = await t.engine.call('templates:versions', { id: 'default-client' });
    assert.deepEqual(versions.map((v) => [v.version, v.current]), [[1, true], [2, false], [3, false]]);
    assert.equal(versions[2]!.body.branding.companyName, 'Acme Group plc');
    // a save after a rollback is a new version on top (nothing is overwritten)
    const v4 = await t.engine.call('templates:save', { id: 'default-client', body: body({ name: 'after rollback' }) });
    assert.equal(v4.version, 4);
    // the audit log holds every change
    const audit = await t.engine.call('audit:list', {});
    const changes = (audit as { rows: Array<{ action: string; details: Record<string, unknown> }> }).rows.filter((r) => r.action === 'template');
    assert.deepEqual(changes.map((c) => `${c.details.op}:${c.details.version}`).sort(), ['rollback:1', 'save:2', 'save:3', 'save:4']);
  });

  it("resolves pinned > the client's own > the contract type's > the type default", async () => {
    await t.engine.call('templates:save', { id: 'billing-fixed', body: body({ name: 'Fixed fee', statementType: 'billing', contractType: 'fixed_fee' }) });
    await t.engine.call('templates:save', { id: 'billing-c42', body: body({ name: 'Client 42', statementType: 'billing', clientId: 'C42' }) });
    await t.engine.call('templates:save', { id: 'billing-other', body: body({ name: 'Other', statementType: 'billing' }) });
    assert.equal((await resolveTemplate(t.engine, { type: 'billing', contractType: 'fixed_fee' })).id, 'billing-fixed');
    assert.equal((await resolveTemplate(t.engine, { type: 'billing', contractType: 'revenue_share' })).id, 'default-billing');
    assert.equal((await resolveTemplate(t.engine, { type: 'billing', contractType: 'fixed_fee', clientId: 'C42' })).id, 'billing-c42');
    assert.equal((await resolveTemplate(t.engine, { type: 'billing', contractType: 'fixed_fee', clientId: 'C42', pinned: 'billing-other' })).id, 'billing-other');
    assert.equal((await resolveTemplate(t.engine, { type: 'billing', pinned: 'billing-fixed@1' })).version, 1);
  });

  it('refuses bad ids, unknown versions and templates of another type, naming the field', async () => {
    await assert.rejects(resolveTemplate(t.engine, { type: 'client', pinned: 'billing-fixed' }), (e: FolioError) => e.code === 'TEMPLATE_WRONG_TYPE' && e.field === 'template');
    await assert.rejects(resolveTemplate(t.engine, { type: 'client', pinned: 'nope' }), (e: FolioError) => e.code === 'TEMPLATE_NOT_FOUND');
    await assert.rejects(resolveTemplate(t.engine, { type: 'client', pinned: 'default-client@99' }), (e: FolioError) => e.code === 'TEMPLATE_VERSION_NOT_FOUND');
    await assert.rejects(resolveTemplate(t.engine, { type: 'client', pinned: 'default-client@x' }), (e: FolioError) => e.code === 'BAD_TEMPLATE_REF');
    await assert.rejects(t.engine.call('templates:save', { id: 'a@b', body: body() }), (e: FolioError) => e.field === 'id');
    await assert.rejects(t.engine.call('templates:save', { id: 'default-deal', body: body() }), (e: FolioError) => e.field === 'body.statementType');
    await assert.rejects(t.engine.call('templates:save', { id: 'billing-fixed', body: body() }), (e: FolioError) => e.code === 'TEMPLATE_TYPE_CHANGE');
    await assert.rejects(t.engine.call('templates:rollback', { id: 'billing-fixed', version: 7 }), (e: FolioError) => e.field === 'version');
    await assert.rejects(t.engine.call('templates:save', { id: 'x', body: body({}, { accentColor: 'red' }) }), (e: FolioError) => e.field === 'body.branding.accentColor');
  });

  it('renders a sample PDF with an unsaved body, and reports a fallback for a broken one', async () => {
    const ok = await t.engine.call('templates:sample', { body: body() });
    assert.equal(Buffer.from(ok.base64, 'base64').subarray(0, 5).toString(), '%PDF-');
    assert.equal(ok.fallback, false);
    const broken = await t.engine.call('templates:sample', { body: body({}, { logo: 'data:image/jpeg;base64,/9j/AAAA' }) });
    assert.equal(broken.fallback, true);
    assert.match(broken.error ?? '', /logo/);
    assert.equal(Buffer.from(broken.base64, 'base64').subarray(0, 5).toString(), '%PDF-');
  });
});
