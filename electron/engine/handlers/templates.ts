import { defineHandlers } from '../engine';
import { renderPool } from '../render';
import { sampleModel } from '../render/sample';
import { templateRollback, templatesList, templateSave, templateVersions } from '../templates';

export const templateHandlers = defineHandlers({
  'templates:list': (_input, { engine }) => templatesList(engine),
  'templates:versions': (input, { engine }) => templateVersions(engine, input.id),
  'templates:save': (input, { engine, caller }) => templateSave(engine, caller, input.id, input.body),
  'templates:rollback': (input, { engine, caller }) => templateRollback(engine, caller, input.id, input.version),
  /** the fixed sample statement of the body's type, rendered with the unsaved body (in the render pool) */
  'templates:sample': async (input, { engine }) => {
    const model = sampleModel(input.body.statementType, { lines: 14 });
    const pool = await engine.use(renderPool);
    const out = await pool.render(
      {
        model,
        template: { id: 'sample', version: 1, current: false, body: input.body, createdBy: 'sample', createdAt: '2026-01-31T00:00:00.000Z' },
        format: 'pdf',
        ref: 'SAMPLE-1769817600000-0000CAFE',
        generatedAt: '2026-01-31T09:00:00.000Z',
        generatedBy: 'sample',
        metadata: { sample: true },
      },
    );
    return { base64: Buffer.from(out.bytes).toString('base64'), fallback: out.templateFallback, error: out.fallbackReason };
  },
});
