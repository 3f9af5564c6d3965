/**
 * One wrapper for every grid in the app: AG Grid Community with its modules given per grid (so the
 * grids work whatever the shell registers), Folio's light/dark theme, an accessible name on the
 * grid element itself, and a calm empty-state message.
 */
import { AllCommunityModule, type ColDef, type GetRowIdParams, type GridApi, type GridReadyEvent, type RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useRef } from 'react';
import { darkGridTheme, lightGridTheme, usePrefersDark } from './theme';

const modules = [AllCommunityModule];

/**
 * With overlay (or hidden) scrollbars the browser reports a width of 0, yet the grid still lays its
 * vertical scroller over the last column; reserving 16 px then keeps the right-aligned money column
 * whole. With classic scrollbars the grid measures them itself.
 */
let overlayScrollbars: boolean | null = null;
export function scrollbarWidthOverride(): number | undefined {
  if (overlayScrollbars === null) {
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;top:-9999px;width:100px;height:100px;overflow:scroll';
    document.body.appendChild(probe);
    overlayScrollbars = probe.offsetWidth - probe.clientWidth === 0;
    probe.remove();
  }
  return overlayScrollbars ? 16 : undefined;
}

export interface DataGridProps<T> {
  /** the grid's accessible name, also used as its test handle */
  label: string;
  rows: T[] | null;
  columns: ColDef<T>[];
  getRowId?: (row: T) => string;
  quickFilter?: string;
  loading?: boolean;
  emptyText?: string;
  height?: number | string;
  onReady?: (api: GridApi<T>) => void;
  onRowClicked?: (row: T) => void;
  rowClassRules?: Record<string, (p: { data: T | undefined }) => boolean>;
  pinnedBottomRows?: T[];
  /** reserve the scrollbar from the start (rows that arrive later then never cover a column) */
  alwaysShowVerticalScroll?: boolean;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function DataGrid<T>(props: DataGridProps<T>) {
  const dark = usePrefersDark();
  const ref = useRef<HTMLDivElement>(null);
  const { getRowId: rowId, onReady, onRowClicked, label } = props;
  const getRowId = useMemo(() => (rowId ? (p: GetRowIdParams<T>) => rowId(p.data) : undefined), [rowId]);
  const defaultColDef = useMemo<ColDef<T>>(() => ({ sortable: true, resizable: true, suppressHeaderMenuButton: true, minWidth: 80, wrapHeaderText: true, autoHeaderHeight: true }), []);
  const handleReady = useCallback(
    (e: GridReadyEvent<T>) => {
      const grid = ref.current?.querySelector('[role="grid"], [role="treegrid"]');
      grid?.setAttribute('aria-label', label);
      onReady?.(e.api);
    },
    [label, onReady],
  );
  const handleRowClicked = useCallback((e: RowClickedEvent<T>) => e.data && onRowClicked?.(e.data), [onRowClicked]);
  return (
    <div
      ref={ref}
      className="grid-frame"
      role="region"
      aria-label={label}
      data-grid={label}
      style={{ height: props.height ?? 420 }}
    >
      <AgGridReact<T>
        modules={modules}
        theme={dark ? darkGridTheme : lightGridTheme}
        rowData={props.rows}
        columnDefs={props.columns}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        quickFilterText={props.quickFilter}
        loading={props.loading ?? props.rows === null}
        overlayNoRowsTemplate={`<span class="grid-empty">${escapeHtml(props.emptyText ?? 'Nothing to show')}</span>`}
        onGridReady={handleReady}
        onRowClicked={onRowClicked ? handleRowClicked : undefined}
        rowClassRules={props.rowClassRules}
        pinnedBottomRowData={props.pinnedBottomRows}
        animateRows={false}
        enableCellTextSelection
        tooltipShowDelay={400}
        alwaysShowVerticalScroll={props.alwaysShowVerticalScroll}
        scrollbarWidth={scrollbarWidthOverride()}
        ensureDomOrder
      />
    </div>
  );
}
