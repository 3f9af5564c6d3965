/**
 * The Data screen's import wizard (CSV / XLSX): which step shows, the file and what the engine saw
 * in it, the entity and sheet, the column mapping (auto-matched, or the one saved for this source),
 * the number and date formats, the check (each rejected row with its reason, before anything is
 * applied) and the result. Every step's work is done by the engine (`tabular:*`); this store only
 * holds the user's choices and the engine's answers.
 */
import { create } from 'zustand';
import { api } from '../api';
import { toUiError, type UiError } from '../components/errors';
import {
  autoMapping,
  DATE_FORMAT_OPTIONS,
  NUMBER_FORMAT_OPTIONS,
  type ColumnMap,
  type DateFormat,
  type NumberFormat,
  type TabularCheck,
  type TabularField,
  type TabularInspect,
  type TabularResult,
} from './tabularTypes';
import { useData } from './data';
import type { Entity } from '../../../shared/contract';

export const WIZARD_STEPS = ['file', 'source', 'columns', 'formats', 'check', 'result'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export interface TabularImportState {
  open: boolean;
  step: WizardStep;
  path: string;
  inspect: TabularInspect | null;
  entity: Entity | '';
  sheet: string;
  /** field → column header ('' = not imported) */
  mapping: ColumnMap;
  /** where the mapping came from: the one saved for this source, or matched by header name */
  mappingSource: 'saved' | 'auto' | null;
  numberFormat: NumberFormat;
  dateFormat: DateFormat;
  check: TabularCheck | null;
  result: TabularResult | null;
  busy: 'inspect' | 'mapping' | 'check' | 'apply' | null;
  error: UiError | null;
  start(): void;
  close(): void;
  goTo(step: WizardStep): void;
  setPath(path: string): void;
  chooseFile(): Promise<void>;
  openFile(): Promise<boolean>;
  setEntity(entity: Entity | ''): Promise<void>;
  setSheet(sheet: string): Promise<void>;
  setColumn(field: string, column: string): void;
  setNumberFormat(f: NumberFormat): void;
  setDateFormat(f: DateFormat): void;
  runCheck(): Promise<boolean>;
  apply(): Promise<boolean>;
  /** the entity's fields, as the engine described them */
  fields(): TabularField[];
}

const initial = {
  open: false,
  step: 'file' as WizardStep,
  path: '',
  inspect: null as TabularInspect | null,
  entity: '' as Entity | '',
  sheet: '',
  mapping: {} as ColumnMap,
  mappingSource: null as 'saved' | 'auto' | null,
  numberFormat: NUMBER_FORMAT_OPTIONS[0]!.value,
  dateFormat: DATE_FORMAT_OPTIONS[0]!.value,
  check: null as TabularCheck | null,
  result: null as TabularResult | null,
  busy: null as TabularImportState['busy'],
  error: null as UiError | null,
};

export const useTabularImport = create<TabularImportState>()((set, get) => ({
  ...initial,

  start() {
    set({ ...initial, open: true });
  },
  close() {
    set({ ...initial });
  },
  goTo(step) {
    set({ step, error: null });
  },
  setPath(path) {
    set({ path, inspect: null, check: null, result: null });
  },

  async chooseFile() {
    try {
      const r = await api.shell.chooseFile({ title: 'Choose a CSV or Excel file to import', extensions: ['csv', 'xlsx'] });
      if (r.path) {
        get().setPath(r.path);
        await get().openFile();
      }
    } catch (e) {
      set({ error: toUiError(e) });
    }
  },

  async openFile() {
    const path = get().path.trim();
    if (!path) {
      set({ error: { type: 'validation', code: 'REQUIRED', message: 'Choose a CSV or XLSX file first.', field: 'path' } });
      return false;
    }
    set({ busy: 'inspect', error: null, check: null, result: null });
    try {
      const inspect = await api.tabular.inspect({ path });
      const sheet = inspect.sheets.length ? (inspect.sheet ?? inspect.sheets[0]!) : '';
      set({ inspect, sheet, step: 'source' });
      if (get().entity) await loadMapping();
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    } finally {
      set({ busy: null });
    }
  },

  async setEntity(entity) {
    set({ entity, check: null, mapping: {}, mappingSource: null });
    if (entity) await loadMapping();
  },

  async setSheet(sheet) {
    set({ sheet, check: null });
    set({ busy: 'inspect', error: null });
    try {
      const inspect = await api.tabular.inspect({ path: get().path.trim(), sheet });
      set({ inspect });
      if (get().entity) await loadMapping();
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ busy: null });
    }
  },

  setColumn(field, column) {
    set((s) => ({ mapping: { ...s.mapping, [field]: column }, check: null }));
  },
  setNumberFormat(numberFormat) {
    set({ numberFormat, check: null });
  },
  setDateFormat(dateFormat) {
    set({ dateFormat, check: null });
  },

  async runCheck() {
    const req = request();
    if (!req) return false;
    set({ busy: 'check', error: null });
    try {
      set({ check: await api.tabular.preview(req), step: 'check' });
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    } finally {
      set({ busy: null });
    }
  },

  async apply() {
    const req = request();
    if (!req) return false;
    set({ busy: 'apply', error: null });
    try {
      const result = await api.tabular.import(req);
      set({ result, step: 'result' });
      await Promise.all([useData.getState().load(), useData.getState().loadQuarantine()]);
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    } finally {
      set({ busy: null });
    }
  },

  fields() {
    const { inspect, entity } = get();
    return entity && inspect ? inspect.entities[entity] : [];
  },
}));

/** The saved mapping for this source and entity, else one matched by header name. */
async function loadMapping(): Promise<void> {
  const s = useTabularImport.getState();
  const headers = s.inspect?.headers ?? [];
  const fields = s.fields();
  if (!s.entity) return;
  useTabularImport.setState({ busy: 'mapping' });
  try {
    const saved = await api.tabular.mappings({ path: s.path.trim(), entity: s.entity, ...(s.sheet ? { sheet: s.sheet } : {}) });
    if (saved.mapping) {
      useTabularImport.setState({
        mapping: saved.mapping.columns,
        mappingSource: 'saved',
        ...(saved.mapping.numberFormat ? { numberFormat: saved.mapping.numberFormat } : {}),
        ...(saved.mapping.dateFormat ? { dateFormat: saved.mapping.dateFormat } : {}),
      });
    } else {
      useTabularImport.setState({ mapping: autoMapping(fields, headers), mappingSource: 'auto' });
    }
  } catch (e) {
    useTabularImport.setState({ mapping: autoMapping(fields, headers), mappingSource: 'auto', error: toUiError(e) });
  } finally {
    useTabularImport.setState({ busy: null });
  }
}

/** The request the check and the import share, or null (with the error set) when a choice is missing. */
function request() {
  const s = useTabularImport.getState();
  const missing = s.fields().filter((f) => f.required && !s.mapping[f.name]);
  if (!s.entity) {
    useTabularImport.setState({ error: { type: 'validation', code: 'REQUIRED', message: 'Choose what the file holds (the entity).', field: 'entity' } });
    return null;
  }
  if (missing.length) {
    useTabularImport.setState({
      error: { type: 'validation', code: 'REQUIRED', message: `Choose a column for every required field: ${missing.map((f) => f.name).join(', ')}.`, field: 'mapping' },
      step: 'columns',
    });
    return null;
  }
  const columns = Object.fromEntries(Object.entries(s.mapping).filter(([, c]) => c));
  return {
    path: s.path.trim(),
    entity: s.entity,
    ...(s.sheet ? { sheet: s.sheet } : {}),
    mapping: { columns, numberFormat: s.numberFormat, dateFormat: s.dateFormat },
  };
}
