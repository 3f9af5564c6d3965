/**
 * The typed API, generated from the contract for every transport.
 *
 * - A `Transport` moves a command and its input to whoever handles it and brings back a `Reply`
 *   (Electron IPC in the preload, HTTP in the browser bridge, a direct call in tests).
 * - `createWireApi(transport)` builds the nested object the preload exposes as `window.folio`:
 *   `folio.data.import({ path })` resolves to a `Reply` (plain data: safe across contextBridge).
 * - `createClient(wire)` wraps it for app code: resolves to the output or throws a `FolioError`.
 */
import { COMMAND_NAMES, type CommandName, type EventName, type EventPayload, type Input, type Output, type Reply } from './contract';
import { FolioError } from './errors';

export interface Transport {
  invoke(name: CommandName, input: unknown): Promise<Reply>;
  /** listen to every engine event; returns an unsubscribe function */
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

type DomainOf<K> = K extends `${infer D}:${string}` ? D : never;
type Domains = DomainOf<CommandName>;
type ArgsOf<K extends CommandName> = {} extends Input<K> ? [input?: Input<K>] : [input: Input<K>];

export type WireApi = {
  [D in Domains]: {
    [K in CommandName as K extends `${D}:${infer V}` ? V : never]: (...args: ArgsOf<K>) => Promise<Reply<Output<K>>>;
  };
} & {
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void;
};

export type ClientApi = {
  [D in Domains]: {
    [K in CommandName as K extends `${D}:${infer V}` ? V : never]: (...args: ArgsOf<K>) => Promise<Output<K>>;
  };
} & {
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void;
  invoke<K extends CommandName>(name: K, ...args: ArgsOf<K>): Promise<Output<K>>;
};

function splitName(name: CommandName): [string, string] {
  const i = name.indexOf(':');
  return [name.slice(0, i), name.slice(i + 1)];
}

export function createWireApi(transport: Transport): WireApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of COMMAND_NAMES) {
    const [domain, verb] = splitName(name);
    api[domain] ??= {};
    api[domain][verb] = (input?: unknown) => transport.invoke(name, input ?? {});
  }
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;
  (api as Record<string, unknown>).on = (eventName: string, cb: (p: unknown) => void) => {
    if (!unsubscribe) {
      unsubscribe = transport.subscribe((n, p) => listeners.get(n)?.forEach((l) => l(p)));
    }
    let set = listeners.get(eventName);
    if (!set) listeners.set(eventName, (set = new Set()));
    set.add(cb);
    return () => {
      set.delete(cb);
    };
  };
  return api as unknown as WireApi;
}

export function createClient(wire: WireApi): ClientApi {
  const client: Record<string, Record<string, unknown>> = {};
  const call = async (name: CommandName, input: unknown): Promise<unknown> => {
    const [domain, verb] = splitName(name);
    const fn = (wire as unknown as Record<string, Record<string, (i: unknown) => Promise<Reply>>>)[domain]?.[verb];
    if (!fn) throw new FolioError('internal', 'NO_SUCH_COMMAND', `The app has no command ${name}`);
    const reply = await fn(input ?? {});
    if (reply.ok) return reply.value;
    throw FolioError.from(reply.error);
  };
  for (const name of COMMAND_NAMES) {
    const [domain, verb] = splitName(name);
    client[domain] ??= {};
    client[domain][verb] = (input?: unknown) => call(name, input);
  }
  const c = client as Record<string, unknown>;
  c.on = (name: EventName, cb: (p: unknown) => void) => wire.on(name, cb as never);
  c.invoke = (name: CommandName, input?: unknown) => call(name, input);
  return client as unknown as ClientApi;
}
