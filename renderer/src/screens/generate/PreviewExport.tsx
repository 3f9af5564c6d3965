/**
 * Export of the previewed statement: the engine computes the whole statement again from the
 * previewed request (every line, not the page loaded in the grid), with its totals. The request is
 * the form's, and only while it is still the one previewed (a stale preview cannot be exported).
 */
import type { StatementModel } from '../../../../shared/contract';
import { api } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { useGenerate } from '../../stores/generate';
import { requestKey, validateForm } from '../../stores/generateRequest';

export function PreviewExport({ model, disabled }: { model: StatementModel; disabled: boolean }) {
  const form = useGenerate((s) => s.form);
  const key = useGenerate((s) => s.preview.key);
  const v = validateForm(form);
  const request = v.ok && requestKey(v.request) === key ? v.request : null;
  const who = model.party?.name ?? (model.type === 'ar-aging' ? 'all-parties' : '');
  return (
    <ExportButton
      what="statement preview"
      baseName={['preview', model.type, who].filter(Boolean).join('-')}
      disabled={disabled || !request}
      title="Every line of the statement and its totals"
      run={(format, path) => api.export.statement({ request: request!, format, path })}
    />
  );
}
