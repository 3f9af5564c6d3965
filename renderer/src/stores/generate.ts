/**
 * The Generate screen's store: the form, field errors (from the contract schema before the engine
 * is asked, and from the engine's FolioError.field after), the preview (loaded in pages so 10,000
 * lines arrive without a freeze) and the generated statement.
 */
import { create } from 'zustand';
import type {
  BillingItemOption,
  GenerateResult,
  PreviewResult,
  StatementModel,
  StatementRequest,
  TemplateSummary,
} from '../../../shared/contract';
import { api } from '../api';
import { fieldKey, toUiError, type UiError } from '../components/errors';
import { previousMonth, today as todayLocal } from '../../../shared/dates';
import { formFieldFor, initialFormValues, requestKey, validateForm, type GenerateForm } from './generateRequest';

export type { GenerateForm, Picked } from './generateRequest';

/** One preview grid row: the line's cells plus its group. */
export interface PreviewRow {
  _id: string;
  /** the line's own id (a payment item id on client statements) */
  _lineId: string;
  _group: string;
  _currency: string;
  [cell: string]: string | number | null;
}

export interface PreviewState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  key: string | null;
  model: StatementModel | null;
  rows: PreviewRow[];
  total: number;
  loadingMore: boolean;
  /**
   * the statement is too large to load whole into the page (more than ENGINE_ROWS_FROM lines): the
   * grid asks the engine for blocks of rows, sorted and searched there (InfiniteGrid)
   */
  engineRows: boolean;
  /** the request this preview is of (what the engine-side grid asks rows of) */
  request: StatementRequest | null;
  blocked: boolean;
  /** the form changed since this preview: it no longer shows what Generate would make */
  stale: boolean;
}

export interface GenerationState {
  status: 'idle' | 'running' | 'done' | 'error';
  result: GenerateResult | null;
}

export interface GenerateStore {
  form: GenerateForm;
  errors: Record<string, string>;
  error: UiError | null;
  preview: PreviewState;
  generation: GenerationState;
  billingItems: { key: string | null; items: BillingItemOption[]; loading: boolean; error: UiError | null };
  templates: TemplateSummary[] | null;
  setForm(patch: Partial<GenerateForm>): void;
  runPreview(): Promise<void>;
  runGenerate(): Promise<GenerateResult | null>;
  loadBillingItems(): Promise<void>;
  loadTemplates(): Promise<void>;
  clearResult(): void;
  /** client statements: leave a transaction out (or back in) and preview again */
  toggleExcluded(lineId: string): Promise<void>;
}

const FIRST_PAGE = 1000;
const NEXT_PAGE = 5000;

function initialForm(): GenerateForm {
  const today = todayLocal();
  // every type's filter fields start as the statement-type registry says
  return { type: 'client', template: '', format: 'pdf', ...initialFormValues({ today, previousMonth: previousMonth(today) }) } as GenerateForm;
}

const idlePreview: PreviewState = { status: 'idle', key: null, model: null, rows: [], total: 0, loadingMore: false, engineRows: false, request: null, blocked: false, stale: false };
/** above this many lines the preview's rows stay in the engine (sorted, searched and paged there) */
export const ENGINE_ROWS_FROM = 5000;

export function rowsOf(model: StatementModel): PreviewRow[] {
  const rows: PreviewRow[] = [];
  for (const g of model.groups) {
    for (const line of g.lines) rows.push({ ...line.cells, _id: `${g.key}:${line.id}`, _lineId: line.id, _group: g.title, _currency: g.currency });
  }
  return rows;
}

/** Engine error → field errors on the form (when it names a field) or a form-level error. */
function engineErrors(err: UiError): { errors: Record<string, string>; error: UiError | null } {
  if (err.type === 'validation' && err.field) {
    const key = fieldKey(err.field);
    const f = formFieldFor(key);
    // shown under the field, so a leading "billingItemIds: " adds nothing
    const text = key ? err.message.replace(new RegExp(`^(filters\\.)?${key}:\\s*`), '') : err.message;
    if (f !== '_form') return { errors: { [f]: text.charAt(0).toUpperCase() + text.slice(1) }, error: null };
  }
  return { errors: {}, error: err };
}

export const useGenerate = create<GenerateStore>()((set, get) => ({
  form: initialForm(),
  errors: {},
  error: null,
  preview: idlePreview,
  generation: { status: 'idle', result: null },
  billingItems: { key: null, items: [], loading: false, error: null },
  templates: null,

  setForm(patch) {
    set((s) => {
      const form = { ...s.form, ...patch };
      if (patch.type && patch.type !== s.form.type) {
        form.template = '';
        // AR aging starts from "all clients": a client carried over from another type would surprise
        if (patch.type === 'ar-aging' && patch.client === undefined) form.client = null;
      }
      if (patch.party !== undefined || patch.targetType !== undefined) form.billingItemIds = patch.billingItemIds ?? [];
      if (patch.client !== undefined || patch.dateFrom !== undefined || patch.dateTo !== undefined) form.excludedIds = patch.excludedIds ?? [];
      const errors = { ...s.errors };
      for (const k of Object.keys(patch)) delete errors[k];
      delete errors._form;
      // a preview of another statement type is gone; one of the same type is marked out of date
      const typeChanged = patch.type !== undefined && patch.type !== s.form.type;
      const preview = typeChanged ? idlePreview : s.preview.model ? { ...s.preview, stale: true } : s.preview;
      return { form, errors, error: null, preview };
    });
  },

  async runPreview() {
    const v = validateForm(get().form);
    if (!v.ok) {
      set({ errors: v.errors, error: null });
      return;
    }
    const key = requestKey(v.request);
    set({ errors: {}, error: null, preview: { ...idlePreview, status: 'loading', key }, generation: { status: 'idle', result: null } });
    try {
      // the template and format Generate would use: the preview checks what Generate would fail on
      const first = await api.statement.preview({ request: v.request, offset: 0, limit: FIRST_PAGE, format: get().form.format, ...(get().form.template ? { template: get().form.template } : {}) });
      if (get().preview.key !== key) return;
      const rows = rowsOf(first.model);
      const total = first.page?.total ?? first.model.lineCount;
      const engineRows = total > ENGINE_ROWS_FROM;
      set({ preview: { status: 'ready', key, model: first.model, rows, total, loadingMore: !engineRows && rows.length < total, engineRows, request: v.request, blocked: first.blocked, stale: false } });
      if (!engineRows && rows.length < total) await loadRest(v.request, key, rows.length, total);
    } catch (e) {
      if (get().preview.key !== key) return;
      const { errors, error } = engineErrors(toUiError(e));
      set({ errors, error, preview: { ...idlePreview, status: 'error', key } });
    }
  },

  async runGenerate() {
    const { form, preview, generation } = get();
    if (generation.status === 'running') return null;
    const v = validateForm(form);
    if (!v.ok) {
      set({ errors: v.errors, error: null });
      return null;
    }
    if (preview.key === requestKey(v.request) && preview.blocked) {
      set({ error: { type: 'validation', code: 'BLOCKED', message: 'This statement has errors in its data (see Findings); fix them before generating.' } });
      return null;
    }
    const sameAsPreview = preview.key === requestKey(v.request);
    set({ errors: {}, error: null, generation: { status: 'running', result: null }, preview: sameAsPreview ? { ...preview, stale: false } : idlePreview });
    try {
      const result = await api.statement.generate({ request: v.request, format: form.format, template: form.template || undefined });
      set({ generation: { status: result.status === 'COMPLETED' ? 'done' : 'error', result } });
      // an invoice changes which billing items are still to invoice
      if (form.type === 'invoice') void get().loadBillingItems();
      return result;
    } catch (e) {
      const { errors, error } = engineErrors(toUiError(e));
      set({ errors, error, generation: { status: 'error', result: null } });
      return null;
    }
  },

  async loadBillingItems() {
    const { party, targetType } = get().form;
    if (!party) {
      set({ billingItems: { key: null, items: [], loading: false, error: null } });
      return;
    }
    const key = `${party.id}|${targetType}`;
    set({ billingItems: { key, items: [], loading: true, error: null } });
    try {
      const items = await api.data.billingItems({ partyId: party.id, targetType });
      if (get().billingItems.key === key) set({ billingItems: { key, items, loading: false, error: null } });
    } catch (e) {
      if (get().billingItems.key === key) set({ billingItems: { key, items: [], loading: false, error: toUiError(e) } });
    }
  },

  async loadTemplates() {
    try {
      set({ templates: await api.templates.list() });
    } catch {
      set({ templates: [] });
    }
  },

  clearResult() {
    set({ generation: { status: 'idle', result: null } });
  },

  async toggleExcluded(lineId) {
    const ex = get().form.excludedIds;
    get().setForm({ excludedIds: ex.includes(lineId) ? ex.filter((x) => x !== lineId) : [...ex, lineId] });
    await get().runPreview();
  },
}));

/** Fetches the remaining preview pages in the background, appending rows as they arrive. */
async function loadRest(request: StatementRequest, key: string, offset: number, total: number): Promise<void> {
  let at = offset;
  try {
    while (at < total) {
      const page: PreviewResult = await api.statement.preview({ request, offset: at, limit: NEXT_PAGE });
      const s = useGenerate.getState();
      if (s.preview.key !== key) return;
      const more = rowsOf(page.model);
      if (more.length === 0) break;
      at += more.length;
      useGenerate.setState({ preview: { ...s.preview, rows: s.preview.rows.concat(more), loadingMore: at < total } });
    }
  } finally {
    const s = useGenerate.getState();
    if (s.preview.key === key) useGenerate.setState({ preview: { ...s.preview, loadingMore: false } });
  }
}

/** Rows [start, end) of a previewed statement, sorted and searched by the engine (the engine-side grid). */
export async function fetchPreviewRows(
  request: StatementRequest,
  start: number,
  end: number,
  sort: { column: string; dir: 'asc' | 'desc' } | undefined,
  search: string,
): Promise<{ rows: PreviewRow[]; total: number }> {
  const page = await api.statement.preview({ request, offset: start, limit: Math.max(1, end - start), ...(sort ? { sort } : {}), ...(search.trim() ? { search: search.trim() } : {}) });
  return { rows: rowsOf(page.model), total: page.page?.total ?? page.model.lineCount };
}
