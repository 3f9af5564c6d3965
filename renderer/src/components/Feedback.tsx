/**
 * Small feedback pieces used on every screen: notices (info, success, warning, error), a progress
 * bar fed by the engine's progress events, a busy indicator that only appears after half a
 * second, status pills and page headers.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ProgressEvent } from '../../../shared/contract';
import { describeError, type UiError } from './errors';
import { QueueBadge } from './QueueBadge';

export function Notice({ tone = 'info', title, children, action }: { tone?: 'info' | 'success' | 'warning' | 'error'; title?: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="notice-text">
        {title ? <strong className="notice-title">{title}</strong> : null}
        {children ? <div>{children}</div> : null}
      </div>
      {action ? <div className="notice-action">{action}</div> : null}
    </div>
  );
}

export function ErrorNotice({ error, title, action }: { error: UiError | null; title?: string; action?: ReactNode }) {
  if (!error) return null;
  const tone = error.type === 'offline' ? 'warning' : 'error';
  const heading = title ?? (error.type === 'integrity' ? 'The file did not pass its integrity check' : undefined);
  return (
    <Notice tone={tone} title={heading} action={action}>
      {describeError(error)}
    </Notice>
  );
}

/** true once `active` has been true for `delayMs` (so quick work shows no flicker). */
export function useDelayed(active: boolean, delayMs = 500): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return;
    }
    const t = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(t);
  }, [active, delayMs]);
  return shown;
}

export function ProgressBar({ progress, label }: { progress: ProgressEvent | null; label?: string }) {
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  const pct = total > 0 ? Math.min(100, Math.round((done * 100) / total)) : null;
  const text = label ?? progress?.label ?? 'Working';
  const eta = progress?.etaMs && progress.etaMs > 1500 ? ` · about ${Math.ceil(progress.etaMs / 1000)} s left` : '';
  const rate = progress?.ratePerMin ? ` · ${Math.round(progress.ratePerMin).toLocaleString()}/min` : '';
  return (
    <div className="progress" role="progressbar" aria-label={text} aria-valuemin={0} aria-valuemax={total || undefined} aria-valuenow={total ? done : undefined}>
      <div className="progress-text">
        <span>{text}</span>
        <span className="progress-count">
          {total ? `${done.toLocaleString()} / ${total.toLocaleString()}` : ''}
          {rate}
          {eta}
        </span>
      </div>
      <div className="progress-track">
        <div className={`progress-fill${pct === null ? ' indeterminate' : ''}`} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A spinner with words, shown only when work takes longer than half a second. */
export function Busy({ active, label }: { active: boolean; label: string }) {
  const shown = useDelayed(active);
  if (!shown) return null;
  return (
    <span className="busy" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </span>
  );
}

export function Pill({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  return <span className={`pill pill-${tone}`}>{children}</span>;
}

export function ScreenHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="screen-head">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="screen-sub">{subtitle}</p> : null}
      </div>
      <div className="screen-actions">
        <QueueBadge />
        {actions}
      </div>
    </header>
  );
}

export function Panel({ title, children, actions, className }: { title?: string; children: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} aria-label={title}>
      {title || actions ? (
        <div className="panel-head">
          {title ? <h2>{title}</h2> : <span />}
          {actions ? <div className="panel-actions">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
