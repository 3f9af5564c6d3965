/**
 * A grid whose rows stay in the engine: AG Grid's Infinite Row Model asks for blocks of rows as the
 * user scrolls, with the sort the user chose, and the engine searches, sorts and pages (the same
 * rules as the statement itself, exact for money). For statements too large to load whole into the
 * page (the all-parties AR aging, a client with tens of thousands of lines). Another `search`
 * starts again from the first block.
 */
import { AllCommunityModule, type ColDef, type GetRowIdParams, type GridReadyEvent, type IDatasource, type IGetRowsParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useRef } from 'react';
import { scrollbarWidthOverride } from './DataGrid';
import { darkGridTheme, lightGridTheme, usePrefersDark } from './theme';

const modules = [AllCommunityModule];
export const INFINITE_BLOCK = 1000;

export interface GridSort {
  column: string;
  dir: 'asc' | 'desc';
}

export interface InfiniteGridProps<T> {
  label: string;
  columns: ColDef<T>[];
  getRowId: (row: T) => string;
  /** rows [start, end) matching the search, in the given order, and how many match in all */
  fetchRows: (start: number, end: number, sort: GridSort | undefined, search: string) => Promise<{ rows: T[]; total: number }>;
  /** the search text (the engine's search rules); changing it reloads from the first block */
  search: string;
  /** told each time the engine says how many rows there are */
  onTotal?: (total: number) => void;
  height?: number | string;
}

export function InfiniteGrid<T>(props: InfiniteGridProps<T>) {
  const dark = usePrefersDark();
  const ref = useRef<HTMLDivElement>(null);
  const fetchRef = useRef(props.fetchRows);
  fetchRef.current = props.fetchRows;
  const totalRef = useRef(props.onTotal);
  totalRef.current = props.onTotal;
  const { label, getRowId: rowId, search } = props;
  const datasource = useMemo<IDatasource>(
    () => ({
      rowCount: undefined,
      getRows(p: IGetRowsParams) {
        const s = p.sortModel[0];
        const sort = s ? { column: s.colId, dir: s.sort } : undefined;
        fetchRef.current(p.startRow, p.endRow, sort, search).then(
          (r) => {
            totalRef.current?.(r.total);
            p.successCallback(r.rows, r.total);
          },
          () => p.failCallback(),
        );
      },
    }),
    // a new search is a new datasource: the grid drops its blocks and starts again
    [search],
  );
  const getRowId = useMemo(() => (p: GetRowIdParams<T>) => rowId(p.data), [rowId]);
  const defaultColDef = useMemo<ColDef<T>>(() => ({ sortable: true, resizable: true, suppressHeaderMenuButton: true, minWidth: 80, wrapHeaderText: true, autoHeaderHeight: true }), []);
  const handleReady = useCallback(
    (_e: GridReadyEvent<T>) => {
      ref.current?.querySelector('[role="grid"], [role="treegrid"]')?.setAttribute('aria-label', label);
    },
    [label],
  );
  return (
    <div ref={ref} className="grid-frame" role="region" aria-label={label} data-grid={label} data-row-model="engine" style={{ height: props.height ?? 420 }}>
      <AgGridReact<T>
        modules={modules}
        theme={dark ? darkGridTheme : lightGridTheme}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={INFINITE_BLOCK}
        maxBlocksInCache={20}
        columnDefs={props.columns}
        defaultColDef={defaultColDef}
        getRowId={getRowId}
        onGridReady={handleReady}
        animateRows={false}
        enableCellTextSelection
        tooltipShowDelay={400}
        alwaysShowVerticalScroll
        scrollbarWidth={scrollbarWidthOverride()}
        ensureDomOrder
      />
    </div>
  );
}
