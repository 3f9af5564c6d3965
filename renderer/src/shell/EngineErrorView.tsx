import type { FolioErrorData } from '../../../shared/errors';

const TITLES: Record<FolioErrorData['type'], string> = {
  validation: 'Please check what you entered',
  not_found: 'Not found',
  conflict: 'This clashes with what is stored',
  integrity: 'A check failed',
  offline: 'You are offline',
  forbidden: 'Not allowed for your role',
  io: 'The disk could not be read or written',
  internal: 'Something went wrong in the engine',
};

/** A clear view of an error that came back from the engine (as data: type, code, message, field). */
export function EngineErrorView({ error, onDismiss }: { error: FolioErrorData; onDismiss?: () => void }) {
  return (
    <div className={`engine-error engine-error-${error.type}`} role="alert" data-code={error.code}>
      <div className="engine-error-body">
        <strong className="engine-error-title">{TITLES[error.type] ?? 'Error'}</strong>
        <span className="engine-error-message">{error.message}</span>
        <span className="engine-error-meta">
          {error.field ? (
            <>
              Field <code>{error.field}</code> ·{' '}
            </>
          ) : null}
          <code>{error.code}</code>
        </span>
      </div>
      {onDismiss ? (
        <button type="button" className="btn btn-quiet" onClick={onDismiss} aria-label="Dismiss error">
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
