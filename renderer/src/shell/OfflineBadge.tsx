import { useAppStore } from '../stores/app';

/** The online/offline badge in the header (online state comes from the engine's platform). */
export function OfflineBadge() {
  const online = useAppStore((s) => s.online);
  return (
    <span className={`badge ${online ? 'badge-ok' : 'badge-warn'}`} data-testid="online-badge" title={online ? 'Network available' : 'Working offline: uploads wait in the queue'}>
      <span className="dot" aria-hidden="true" />
      {online ? 'Online' : 'Offline'}
    </span>
  );
}
