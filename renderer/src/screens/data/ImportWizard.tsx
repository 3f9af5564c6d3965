/**
 * The Data screen's CSV / XLSX import wizard: file → what it holds (entity, sheet) with its first
 * rows → columns mapped to fields → number and date formats → the check (each rejected row with
 * its reason, before anything is applied) → Apply → what was applied, skipped and quarantined.
 * Steps already passed can be revisited from the step list; each step is a form, so Enter moves on.
 */
import '../../styles/import-wizard.css';
import { useEffect, useRef } from 'react';
import { Busy, ErrorNotice } from '../../components/Feedback';
import { useTabularImport, WIZARD_STEPS, type WizardStep } from '../../stores/tabularImport';
import { CheckStep, ResultStep } from './ImportCheck';
import { ColumnsStep, FileStep, FormatsStep, SourceStep } from './ImportSteps';

const STEP_LABEL: Record<WizardStep, string> = {
  file: 'File',
  source: 'Contents',
  columns: 'Columns',
  formats: 'Formats',
  check: 'Check',
  result: 'Result',
};

function Steps() {
  const step = useTabularImport((s) => s.step);
  const goTo = useTabularImport((s) => s.goTo);
  const at = WIZARD_STEPS.indexOf(step);
  return (
    <ol className="wizard-steps" aria-label="Import steps">
      {WIZARD_STEPS.map((id, i) => {
        const state = i < at ? 'done' : i === at ? 'current' : 'todo';
        // steps before the current one can be revisited; once applied, the import is over
        const canGo = i < at && step !== 'result';
        return (
          <li key={id} className={`wizard-step wizard-step-${state}`} aria-current={i === at ? 'step' : undefined}>
            {canGo ? (
              <button type="button" className="btn-link" onClick={() => goTo(id)}>
                <span className="wizard-step-n">{i + 1}</span> {STEP_LABEL[id]}
              </button>
            ) : (
              <span>
                <span className="wizard-step-n">{i + 1}</span> {STEP_LABEL[id]}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

const BUSY_LABEL = { inspect: 'Reading the file…', mapping: 'Looking for a saved mapping…', check: 'Checking every row…', apply: 'Applying…' } as const;

export function ImportWizard() {
  const open = useTabularImport((s) => s.open);
  const step = useTabularImport((s) => s.step);
  const error = useTabularImport((s) => s.error);
  const busy = useTabularImport((s) => s.busy);
  const panel = useRef<HTMLElement>(null);
  // keyboard users land on the new step's first control, not on the page's top
  useEffect(() => {
    if (!open) return;
    const first = panel.current?.querySelector<HTMLElement>('.wizard-body input, .wizard-body select, .wizard-body button:not(:disabled)');
    first?.focus();
  }, [open, step]);
  if (!open) {
    return (
      <section className="panel wizard-closed" aria-label="Import a spreadsheet">
        <div className="panel-head">
          <div>
            <h2>Import a CSV or Excel file</h2>
            <p className="muted">From your billing or accounting system's export: map its columns once, check every row, then apply.</p>
          </div>
          <button type="button" className="btn btn-primary" onClick={() => useTabularImport.getState().start()}>
            Import a spreadsheet…
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="panel wizard" aria-label="Import a spreadsheet" ref={panel}>
      <div className="panel-head">
        <h2>Import a CSV or Excel file</h2>
        <div className="panel-actions">
          <Busy active={busy !== null} label={busy ? BUSY_LABEL[busy] : ''} />
          <button type="button" className="btn" onClick={() => useTabularImport.getState().close()} disabled={busy === 'apply'}>
            {step === 'result' ? 'Close' : 'Cancel'}
          </button>
        </div>
      </div>
      <Steps />
      <ErrorNotice error={error} />
      {step === 'file' ? <FileStep /> : null}
      {step === 'source' ? <SourceStep /> : null}
      {step === 'columns' ? <ColumnsStep /> : null}
      {step === 'formats' ? <FormatsStep /> : null}
      {step === 'check' ? <CheckStep /> : null}
      {step === 'result' ? <ResultStep /> : null}
    </section>
  );
}
