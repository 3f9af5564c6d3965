import { useAppStore } from '../stores/app';
import { OfflineBadge } from './OfflineBadge';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The header: the current screen and the app's state (engine, data, user, network). */
export function Header({ title }: { title: string }) {
  const info = useAppStore((s) => s.info);
  const engine = useAppStore((s) => s.engine);
  const engineMessage = useAppStore((s) => s.engineMessage);
  return (
    <header className="header">
      <div className="header-title" data-testid="screen-title">
        {title}
      </div>
      <div className="header-state">
        {engine !== 'ready' ? (
          <span className={`badge ${engine === 'failed' ? 'badge-bad' : 'badge-warn'}`} data-testid="engine-state" title={engineMessage}>
            <span className="dot" aria-hidden="true" />
            {engine === 'starting' ? 'Starting…' : engine === 'restarting' ? 'Engine restarting…' : 'Engine stopped'}
          </span>
        ) : null}
        {info ? (
          <span className="badge" data-testid="statement-count" title={`Cache ${formatBytes(info.cache.sizeBytes)} · ledger ${formatBytes(info.ledger.sizeBytes)}`}>
            {info.cache.empty ? 'No data yet' : `${info.ledger.statements.toLocaleString()} statement${info.ledger.statements === 1 ? '' : 's'}`}
          </span>
        ) : null}
        {info ? (
          <span className="badge" data-testid="user-badge">
            {info.user} · {info.role}
          </span>
        ) : null}
        <OfflineBadge />
      </div>
    </header>
  );
}
