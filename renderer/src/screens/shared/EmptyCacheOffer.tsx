/**
 * On first start the cache is empty: offer to load demo data (or point to the Data screen to
 * import the billing system's bundles).
 */
import { useEffect } from 'react';
import { Notice } from '../../components/Feedback';
import { useData } from '../../stores/data';
import { useStatus } from '../../stores/status';

export function EmptyCacheOffer() {
  const status = useData((s) => s.status);
  const busy = useData((s) => s.busy);
  const load = useData((s) => s.load);
  const dataTick = useStatus((s) => s.dataTick);
  useEffect(() => {
    void load();
  }, [load, dataTick]);
  if (!status?.empty) return null;
  return (
    <Notice
      tone="info"
      title="There is no billing data on this computer yet"
      action={
        <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => void useData.getState().loadDemo('small')}>
          {busy === 'demo' ? 'Loading demo data…' : 'Load demo data'}
        </button>
      }
    >
      Import your billing system's bundle folder on the Data screen, or load a small demo data set to try Folio.
    </Notice>
  );
}
