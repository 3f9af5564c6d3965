import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { humanizeKey, totalLabel } from './format';

describe('format (labels)', () => {
  it('makes readable labels from total keys', () => {
    assert.equal(humanizeKey('commissionDue'), 'Commission due');
    assert.equal(humanizeKey('1-30'), '1–30 days');
    assert.equal(humanizeKey('120+'), '120+ days');
    assert.equal(totalLabel('someKey', { 'total.someKey': 'Renamed' }), 'Renamed');
  });
});
