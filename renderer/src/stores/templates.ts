/**
 * The Templates screen's store: the templates, the selected one's versions, a draft body being
 * edited (validated with the contract's templateBody schema), a live sample render of the draft,
 * saving a new version and rolling back.
 */
import { create } from 'zustand';
import { templateBody, type TemplateBody, type TemplateSummary, type TemplateVersion } from '../../../shared/contract';
import { api } from '../api';
import { toUiError, zodFieldErrors, type UiError } from '../components/errors';

export interface TemplatesState {
  list: TemplateSummary[] | null;
  selectedId: string | null;
  versions: TemplateVersion[] | null;
  draft: TemplateBody | null;
  dirty: boolean;
  errors: Record<string, string>;
  error: UiError | null;
  sample: { base64: string; fallback: boolean; error: string | null } | null;
  /** how many samples have been rendered (each draft change that renders bumps it) */
  sampleSeq: number;
  sampling: boolean;
  saving: boolean;
  message: string | null;
  load(): Promise<void>;
  select(id: string): Promise<void>;
  edit(patch: Partial<TemplateBody> | ((b: TemplateBody) => TemplateBody)): void;
  renderSample(): Promise<void>;
  save(): Promise<void>;
  rollback(version: number): Promise<void>;
  discard(): void;
}

export const useTemplates = create<TemplatesState>()((set, get) => ({
  list: null,
  selectedId: null,
  versions: null,
  draft: null,
  dirty: false,
  errors: {},
  error: null,
  sample: null,
  sampleSeq: 0,
  sampling: false,
  saving: false,
  message: null,

  async load() {
    try {
      const list = await api.templates.list();
      set({ list, error: null });
      if (!get().selectedId && list[0]) await get().select(list[0].id);
    } catch (e) {
      set({ list: get().list ?? [], error: toUiError(e) });
    }
  },

  async select(id) {
    set({ selectedId: id, versions: null, draft: null, dirty: false, errors: {}, message: null, sample: null });
    try {
      const versions = await api.templates.versions({ id });
      if (get().selectedId !== id) return;
      const current = versions.find((v) => v.current) ?? versions[versions.length - 1] ?? null;
      set({ versions: [...versions].sort((a, b) => b.version - a.version), draft: current ? structuredClone(current.body) : null });
      void get().renderSample();
    } catch (e) {
      set({ error: toUiError(e), versions: [] });
    }
  },

  edit(patch) {
    const d = get().draft;
    if (!d) return;
    const next = typeof patch === 'function' ? patch(d) : { ...d, ...patch };
    const parsed = templateBody.safeParse(next);
    set({ draft: next, dirty: true, errors: parsed.success ? {} : zodFieldErrors(parsed.error), message: null });
  },

  async renderSample() {
    const d = get().draft;
    if (!d) return;
    const parsed = templateBody.safeParse(d);
    if (!parsed.success) return;
    set({ sampling: true });
    try {
      const r = await api.templates.sample({ body: parsed.data });
      if (get().draft === d) set((st) => ({ sample: r, sampleSeq: st.sampleSeq + 1 }));
    } catch (e) {
      if (get().draft === d) set({ sample: { base64: '', fallback: false, error: toUiError(e).message } });
    } finally {
      set({ sampling: false });
    }
  },

  async save() {
    const { draft, selectedId } = get();
    if (!draft || !selectedId) return;
    const parsed = templateBody.safeParse(draft);
    if (!parsed.success) {
      set({ errors: zodFieldErrors(parsed.error) });
      return;
    }
    set({ saving: true });
    try {
      const v = await api.templates.save({ id: selectedId, body: parsed.data });
      set({ message: `Saved as version ${v.version}. Statements already made keep the version they used.` });
      await get().load();
      const keep = get().message;
      await get().select(selectedId);
      set({ message: keep });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ saving: false });
    }
  },

  async rollback(version) {
    const id = get().selectedId;
    if (!id) return;
    try {
      const v = await api.templates.rollback({ id, version });
      await get().load();
      await get().select(id);
      set({ message: `Version ${v.version} is now current.` });
    } catch (e) {
      set({ error: toUiError(e) });
    }
  },

  discard() {
    const id = get().selectedId;
    if (id) void get().select(id);
  },
}));
