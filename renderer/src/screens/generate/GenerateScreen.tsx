/**
 * The Generate screen: the request form on the left; the preview, or the generated statement, on
 * the right. Ctrl/Cmd+Enter previews, Ctrl/Cmd+G generates.
 */
import { Busy, ErrorNotice, ProgressBar, ScreenHeader } from '../../components/Feedback';
import { modKey, useShortcuts } from '../../components/useShortcuts';
import { useGenerate } from '../../stores/generate';
import { EmptyCacheOffer } from '../shared/EmptyCacheOffer';
import { GenerateForm } from './GenerateForm';
import { GeneratedPanel } from './GeneratedPanel';
import { PreviewPanel } from './PreviewPanel';

export function GenerateScreen() {
  const previewStatus = useGenerate((s) => s.preview.status);
  const generation = useGenerate((s) => s.generation);
  const error = useGenerate((s) => s.error);
  const formError = useGenerate((s) => s.errors._form);
  const preview = () => void useGenerate.getState().runPreview();
  const generate = () => void useGenerate.getState().runGenerate();
  useShortcuts({ Enter: preview, g: generate });
  const mod = modKey();

  return (
    <div className="screen screen-generate">
      <ScreenHeader title="Generate a statement" subtitle="Preview the transactions first, then generate the PDF. Nothing is stored until you generate." />
      <EmptyCacheOffer />
      <div className="gen-layout">
        <aside className="panel gen-side" aria-label="New statement">
          <GenerateForm />
          <div className="gen-actions">
            <button type="button" className="btn" onClick={preview} disabled={previewStatus === 'loading'} title={`${mod}+Enter`}>
              Preview <kbd>{mod}+↵</kbd>
            </button>
            <button type="button" className="btn btn-primary" onClick={generate} disabled={generation.status === 'running'} title={`${mod}+G`}>
              Generate <kbd>{mod}+G</kbd>
            </button>
          </div>
          <Busy active={previewStatus === 'loading'} label="Computing the preview…" />
          {generation.status === 'running' ? <ProgressBar progress={null} label="Generating the statement" /> : null}
          {formError ? <p className="field-error">{formError}</p> : null}
        </aside>
        <main className="gen-main">
          <ErrorNotice error={error} />
          <GeneratedPanel />
          <PreviewPanel onGenerate={generate} />
          {previewStatus === 'idle' && generation.status === 'idle' && !error ? (
            <div className="placeholder-card">
              <h2>Nothing previewed yet</h2>
              <p>Choose a statement type and its filters, then press Preview to see the transactions and totals.</p>
            </div>
          ) : null}
        </main>
      </div>
    </div>
  );
}
