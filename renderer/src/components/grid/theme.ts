/**
 * The grids' look: AG Grid's Quartz theme with Folio's colours, one light and one dark variant,
 * chosen by the OS colour scheme (see usePrefersDark).
 */
import { themeQuartz } from 'ag-grid-community';
import { useSyncExternalStore } from 'react';

const base = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  spacing: 6,
  rowHeight: 34,
  headerHeight: 36,
  wrapperBorderRadius: 8,
  borderRadius: 6,
  columnBorder: false,
  cellHorizontalPadding: 10,
});

export const lightGridTheme = base.withParams({
  backgroundColor: '#ffffff',
  foregroundColor: '#1d2433',
  accentColor: '#1f5fbf',
  headerBackgroundColor: '#f4f6f9',
  borderColor: '#dde2ea',
  oddRowBackgroundColor: '#fafbfc',
  browserColorScheme: 'light',
});

export const darkGridTheme = base.withParams({
  backgroundColor: '#1b2029',
  foregroundColor: '#e3e7ee',
  accentColor: '#6ea8ff',
  headerBackgroundColor: '#232a35',
  borderColor: '#323a47',
  oddRowBackgroundColor: '#1e242e',
  browserColorScheme: 'dark',
});

const query = '(prefers-color-scheme: dark)';

function subscribe(cb: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
  const mq = window.matchMedia(query);
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}

function snapshot(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(query).matches;
}

/** True while the OS asks for dark colours; re-renders when the user switches. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
