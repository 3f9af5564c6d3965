/**
 * The Batch screen's store: the start form (validated with the contract's batchInput schema), the
 * runs (kept live by batch:changed events), the selected run's report and its CSV.
 */
import { create } from 'zustand';
import { batchInput, type BatchItemOutcome, type BatchKind, type BatchRun } from '../../../shared/contract';
import { api } from '../api';
import { toUiError, zodFieldErrors, type UiError } from '../components/errors';
import { downloadText } from '../components/files';
import { previousMonth, today as todayLocal } from '../../../shared/dates';
import { STATEMENT_TYPE_DEFS, type StatementTypeDef } from '../../../shared/statement-types';

export type ContractType = 'revenue_share' | 'per_labor_hour' | 'fixed_fee';

export interface BatchForm {
  kind: BatchKind;
  period: string;
  dateFrom: string;
  dateTo: string;
  asOf: string;
  contractTypes: ContractType[];
  /** customer / client ids, comma or space separated; empty: every party with activity */
  partyIds: string;
  reissue: boolean;
}

export interface BatchState {
  form: BatchForm;
  errors: Record<string, string>;
  error: UiError | null;
  runs: BatchRun[] | null;
  selectedId: string | null;
  items: BatchItemOutcome[] | null;
  itemsTotal: number;
  onlyProblems: boolean;
  starting: boolean;
  setForm(patch: Partial<BatchForm>): void;
  loadRuns(): Promise<void>;
  start(): Promise<BatchRun | null>;
  select(id: string | null): Promise<void>;
  setOnlyProblems(v: boolean): Promise<void>;
  control(id: string, action: 'pause' | 'resume' | 'cancel'): Promise<void>;
  downloadReport(id: string): Promise<void>;
}

function initialForm(): BatchForm {
  const prev = previousMonth(todayLocal());
  return { kind: 'billing', period: prev.period, dateFrom: prev.from, dateTo: prev.to, asOf: todayLocal(), contractTypes: [], partyIds: '', reissue: false };
}

/** The form → batch:start input: the run fields of the kind's batch definition (statement-type registry). */
export function batchRequest(f: BatchForm): Record<string, unknown> {
  const ids = f.partyIds.split(/[\s,;]+/).filter(Boolean);
  const spec = (STATEMENT_TYPE_DEFS[f.kind] as StatementTypeDef).batch!;
  return {
    kind: f.kind,
    reissue: f.reissue,
    ...(ids.length ? { partyIds: ids } : {}),
    ...Object.fromEntries(spec.run.map((r) => [r.input, f[r.input]])),
    ...(spec.contractTypes && f.contractTypes.length ? { contractTypes: f.contractTypes } : {}),
  };
}

export const useBatch = create<BatchState>()((set, get) => ({
  form: initialForm(),
  errors: {},
  error: null,
  runs: null,
  selectedId: null,
  items: null,
  itemsTotal: 0,
  onlyProblems: false,
  starting: false,

  setForm(patch) {
    set((s) => ({ form: { ...s.form, ...patch }, errors: {} }));
  },

  async loadRuns() {
    try {
      const runs = await api.batch.list();
      set({ runs: [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt)), error: null });
    } catch (e) {
      set({ runs: get().runs ?? [], error: toUiError(e) });
    }
  },

  async start() {
    const req = batchRequest(get().form);
    const parsed = batchInput.safeParse(req);
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (parsed.success && req.dateFrom && req.dateTo && String(req.dateFrom) > String(req.dateTo)) errors.dateTo = 'Must be on or after Date from';
    if (Object.keys(errors).length) {
      set({ errors });
      return null;
    }
    set({ starting: true, error: null });
    try {
      const run = await api.batch.start(parsed.data!);
      upsertRun(run);
      await get().select(run.id);
      return run;
    } catch (e) {
      const err = toUiError(e);
      if (err.field) set({ errors: { [err.field.split('.').pop()!]: err.message } });
      else set({ error: err });
      return null;
    } finally {
      set({ starting: false });
    }
  },

  async select(id) {
    set({ selectedId: id, items: id ? get().items : null });
    if (!id) return;
    try {
      const r = await api.batch.get({ id, limit: 10000, onlyProblems: get().onlyProblems });
      if (get().selectedId !== id) return;
      upsertRun(r.run);
      set({ items: r.items, itemsTotal: r.total });
    } catch (e) {
      set({ error: toUiError(e), items: [] });
    }
  },

  async setOnlyProblems(v) {
    set({ onlyProblems: v });
    await get().select(get().selectedId);
  },

  async control(id, action) {
    try {
      const run = await api.batch[action]({ id });
      upsertRun(run);
    } catch (e) {
      set({ error: toUiError(e) });
    }
  },

  async downloadReport(id) {
    try {
      const r = await api.batch.report({ id });
      downloadText(r.csv, r.fileName);
    } catch (e) {
      set({ error: toUiError(e) });
    }
  },
}));

function upsertRun(run: BatchRun): void {
  const runs = useBatch.getState().runs ?? [];
  const i = runs.findIndex((r) => r.id === run.id);
  const next = i >= 0 ? runs.map((r) => (r.id === run.id ? run : r)) : [run, ...runs];
  useBatch.setState({ runs: next });
}

let started = false;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Keeps runs live: batch:changed updates a run; the selected run's items refresh at most twice a second. */
export function initBatch(): () => void {
  if (started) return () => undefined;
  started = true;
  const off = api.on('batch:changed', (run) => {
    upsertRun(run);
    const s = useBatch.getState();
    if (s.selectedId === run.id && !refreshTimer) {
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        void useBatch.getState().select(run.id);
      }, 500);
    }
  });
  return () => {
    off();
    started = false;
  };
}
