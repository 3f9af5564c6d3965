import type { ScreenDef } from '../screens';
import { useAppStore } from '../stores/app';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** The navigation: one entry per screen of `screens/index.ts`, with its keyboard shortcut. */
export function Sidebar({ screens }: { screens: ScreenDef[] }) {
  const current = useAppStore((s) => s.screen);
  const navigate = useAppStore((s) => s.navigate);
  const info = useAppStore((s) => s.info);
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          F
        </span>
        <span className="brand-name">Folio</span>
      </div>
      <nav aria-label="Screens" className="nav">
        {screens.map((s) => (
          <button
            key={s.id}
            type="button"
            className={`nav-item${s.id === current ? ' active' : ''}`}
            aria-current={s.id === current ? 'page' : undefined}
            data-screen={s.id}
            onClick={() => navigate(s.id)}
          >
            <span className="nav-label">{s.label}</span>
            <kbd className="nav-key">{isMac ? `⌘${s.shortcut}` : `Ctrl+${s.shortcut}`}</kbd>
          </button>
        ))}
      </nav>
      <footer className="sidebar-foot" data-testid="app-info">
        {info ? (
          <>
            <div className="foot-line">
              <span className="foot-strong">Folio {info.version}</span>
              <span className="foot-dim"> · engine {info.engineVersion}</span>
            </div>
            <div className="foot-line foot-dim" title={info.dataDir}>
              Data: <span className="foot-path" data-testid="data-dir">{info.dataDir}</span>
            </div>
          </>
        ) : (
          <div className="foot-line foot-dim">Connecting to the engine…</div>
        )}
      </footer>
    </aside>
  );
}
