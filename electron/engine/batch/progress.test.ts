import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProgressEvent } from '../../../shared/contract';
import { ProgressMeter } from './progress';
import { reportCsv } from './report';
import { parseShard, bucketOf } from './shard';

describe('batch progress', () => {
  it('emits at most every 200 ms (always the last), with a rate per minute and a time left', () => {
    let now = 0;
    const seen: ProgressEvent[] = [];
    const m = new ProgressMeter('B-1', 'billing batch', (p) => seen.push(p), () => now);
    for (let done = 1; done <= 1000; done++) {
      now += 5; // 200 statements per second = 12,000 per minute
      m.update(done, 1000);
    }
    m.update(1000, 1000, true);
    // 5 s of work: ≈ 25 throttled events + the final one, never two within 200 ms
    assert.ok(seen.length >= 20 && seen.length <= 27, `${seen.length} events`);
    for (let i = 1; i < seen.length - 1; i++) assert.ok(seen[i]!.done - seen[i - 1]!.done >= 40);
    const mid = seen[10]!;
    assert.equal(mid.kind, 'batch');
    assert.equal(mid.ratePerMin, 12_000);
    assert.equal(mid.etaMs, Math.round(((1000 - mid.done) / 12_000) * 60_000));
    const last = seen.at(-1)!;
    assert.equal(last.finished, true);
    assert.equal(last.etaMs, 0);
    assert.equal(last.done, 1000);
  });
});

describe('batch shards and report cells', () => {
  it('parses K/N and names the option when it is wrong', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    assert.throws(() => parseShard('0/3'), { field: '--shard' });
    assert.throws(() => parseShard('4/3'), { field: '--shard' });
    assert.throws(() => parseShard('two'), { field: '--shard', message: /K\/N/ });
  });

  it('spreads subjects evenly over shards', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 8000; i++) counts[bucketOf(`billing|k${i}|2026-01`, 4)]!++;
    for (const c of counts) assert.ok(c > 1800 && c < 2200, `${counts}`);
  });

  it('writes the run report through the shared CSV writer: quoted cells, defused formulas, a BOM', () => {
    const csv = reportCsv(
      { id: 'B-1', kind: 'billing', filters: { kind: 'billing', reissue: false }, status: 'COMPLETED', counts: { planned: 1, completed: 0, failed: 1, warnings: 0, skipped: 0 }, startedAt: '2026-02-01T00:00:00Z', endedAt: null, startedBy: 'a', host: 'h', message: null },
      [
        { subject: 'billing|k1|2026-01', subjectId: 'k1', subjectName: 'Zoë, Ltd', needsReview: false, status: 'FAILED', statementRef: null, findings: [{ severity: 'ERROR', code: 'RATE_MISSING', message: 'no rate\nfor XJOB' }] },
        { subject: 'billing|k2|2026-01', subjectId: 'k2', subjectName: '=HYPERLINK("x")', needsReview: false, status: 'COMPLETED', statementRef: 'BS-1', findings: [{ severity: 'WARNING', code: 'VARIANCE', message: 'say "hi" -12.50' }] },
      ],
    );
    assert.ok(csv.startsWith('\ufeffrun_id,status,action,subject_id,subject_name,subject_key,statement_ref,severity,code,message\r\n'));
    const lines = csv.slice(1).split(/\r\n(?=B-1|$)/);
    assert.equal(lines[1], 'B-1,FAILED,fix data (failed validation),k1,"Zoë, Ltd",billing|k1|2026-01,,ERROR,RATE_MISSING,"no rate\nfor XJOB"');
    assert.equal(lines[2], `B-1,COMPLETED,review variance,k2,"'=HYPERLINK(""x"")",billing|k2|2026-01,BS-1,WARNING,VARIANCE,"say ""hi"" -12.50"`);
    assert.ok(csv.endsWith('\r\n'));
  });
});
