/**
 * The upload queue at a glance: "3 waiting to upload" (calmly: offline is normal, nothing is
 * lost) or "1 upload failed"; a click opens the Uploads screen. Hidden when the queue is empty.
 */
import { useStatus } from '../stores/status';

export function QueueBadge() {
  const uploads = useStatus((s) => s.uploads);
  const online = useStatus((s) => s.online);
  const configured = useStatus((s) => s.uploadsConfigured);
  if (!uploads || (uploads.pending === 0 && uploads.failed === 0)) return null;
  if (configured === false && uploads.failed === 0) return null;
  const failed = uploads.failed > 0;
  const text = failed
    ? `${uploads.failed} upload${uploads.failed === 1 ? '' : 's'} failed`
    : `${uploads.pending} waiting to upload${online === false ? ' (offline)' : ''}`;
  return (
    <button
      type="button"
      className={`queue-badge${failed ? ' queue-bad' : ''}`}
      data-testid="queue-badge"
      title={online === false ? 'Working offline: statements are kept here and upload when the network is back' : 'Open the upload queue'}
      onClick={() => {
        window.location.hash = '#/uploads';
      }}
    >
      <span className="dot" aria-hidden="true" />
      {text}
    </button>
  );
}
