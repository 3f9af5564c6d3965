/**
 * The engine: one object per data folder, reached only through `invoke(command, input)`.
 * It validates input with the contract's schemas, checks the caller's role, runs the handler,
 * and answers with a `Reply` (errors as data). Long-lived parts (databases, queues, pools) are
 * services, created on first use and disposed in reverse order on `close()`.
 */
import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import {
  commands,
  isCommandName,
  ROLE_RANK,
  type EngineCommandName,
  type EventName,
  type EventPayload,
  type Output,
  type ParsedInput,
  type Reply,
  type Role,
} from '../../shared/contract';
import { FolioError, toErrorData } from '../../shared/errors';
import type { Platform } from './platform';

export interface Caller {
  user: string;
  role: Role;
}

export interface HandlerContext {
  engine: Engine;
  platform: Platform;
  caller: Caller;
}

export type Handler<K extends EngineCommandName> = (
  input: ParsedInput<K>,
  ctx: HandlerContext,
) => Promise<Output<K>> | Output<K>;
export type HandlerTable = { [K in EngineCommandName]: Handler<K> };

/** Declares one domain's handlers, typed by the contract. */
export function defineHandlers<T extends Partial<HandlerTable>>(h: T & Partial<HandlerTable>): T {
  return h;
}

export interface ServiceDef<T> {
  readonly name: string;
  create(engine: Engine): Promise<T> | T;
  dispose?(value: T, engine: Engine): Promise<void> | void;
}
export function defineService<T>(
  name: string,
  create: ServiceDef<T>['create'],
  dispose?: ServiceDef<T>['dispose'],
): ServiceDef<T> {
  return dispose ? { name, create, dispose } : { name, create };
}

/**
 * Start hooks: work a service's owner-dependants must do once when that service is created, before
 * anyone else uses it (the ledger store: crash reconciliation, the audit inbox merge, interrupted
 * batches). Each owner registers its hook when its module loads, so the service never imports its
 * dependants; the service runs them (`engine.runStartHooks`) at the point of its creation it
 * chooses. Phases order the hooks across owners: `repair` (make the data consistent), then `merge`
 * (join what other processes left), then `ready` (everything else); within a phase, registration
 * order.
 */
export type StartPhase = 'repair' | 'merge' | 'ready';
export interface StartHook<T> {
  /** who registered it (named in errors and in tests) */
  name: string;
  phase: StartPhase;
  run(engine: Engine, value: T): Promise<void> | void;
}
const PHASES: readonly StartPhase[] = ['repair', 'merge', 'ready'];
const startHooks = new Map<ServiceDef<unknown>, Array<StartHook<unknown>>>();

/** Registers a hook run once each time `def` is created (the same `run` function is registered once). */
export function onServiceStart<T>(def: ServiceDef<T>, hook: StartHook<T>): void {
  const list = startHooks.get(def as ServiceDef<unknown>) ?? [];
  if (!list.some((h) => h.run === hook.run)) list.push(hook as StartHook<unknown>);
  startHooks.set(def as ServiceDef<unknown>, list);
}

/** The hooks registered for `def`, in the order they run. */
export function startHooksOf<T>(def: ServiceDef<T>): ReadonlyArray<StartHook<T>> {
  const list = (startHooks.get(def as ServiceDef<unknown>) ?? []) as Array<StartHook<T>>;
  return PHASES.flatMap((phase) => list.filter((h) => h.phase === phase));
}

/** Resolves who is calling (user name and role); the settings service provides it. */
export type CallerResolver = (engine: Engine) => Promise<Caller>;

export class Engine {
  private readonly bus = new EventEmitter();
  private readonly services = new Map<ServiceDef<unknown>, Promise<unknown>>();
  private readonly order: Array<ServiceDef<unknown>> = [];
  private closing: Promise<void> | null = null;

  constructor(
    readonly platform: Platform,
    private readonly handlers: HandlerTable,
    private readonly resolveCaller: CallerResolver,
    /** told of every command refused for lack of role (the audit log records who tried what) */
    private readonly onDenied?: (engine: Engine, caller: Caller, command: string) => void,
  ) {
    this.bus.setMaxListeners(100);
  }

  /** The service, created once on first use. */
  use<T>(def: ServiceDef<T>): Promise<T> {
    if (this.closing) return Promise.reject(new FolioError('internal', 'ENGINE_CLOSED', 'The engine is shutting down'));
    let p = this.services.get(def as ServiceDef<unknown>) as Promise<T> | undefined;
    if (!p) {
      p = Promise.resolve().then(() => def.create(this));
      this.services.set(def as ServiceDef<unknown>, p);
      this.order.push(def as ServiceDef<unknown>);
      // a failed creation is forgotten so that a later call can try again
      p.catch(() => {
        if (this.services.get(def as ServiceDef<unknown>) === p) {
          this.services.delete(def as ServiceDef<unknown>);
          this.order.splice(this.order.indexOf(def as ServiceDef<unknown>), 1);
        }
      });
    }
    return p;
  }

  /** Runs the start hooks registered for `def` on its new value, in phase order; the first failure stops them and throws. */
  async runStartHooks<T>(def: ServiceDef<T>, value: T): Promise<void> {
    for (const hook of startHooksOf(def)) await hook.run(this, value);
  }

  /**
   * Puts a service's value in place of the one `def` would create, before anyone uses it: how a
   * test gives one engine a deterministic renderer or a small group-commit size, where module-wide
   * setters used to change every engine of the process. Disposed like a created one.
   */
  provide<T>(def: ServiceDef<T>, value: T): this {
    if (this.services.has(def as ServiceDef<unknown>)) {
      throw new FolioError('internal', 'SERVICE_IN_USE', `The ${def.name} service is already in use; provide it before the engine's first call`);
    }
    this.services.set(def as ServiceDef<unknown>, Promise.resolve(value));
    this.order.push(def as ServiceDef<unknown>);
    return this;
  }

  /** The service if it was already created, else null (does not create it). */
  peek<T>(def: ServiceDef<T>): Promise<T> | null {
    return (this.services.get(def as ServiceDef<unknown>) as Promise<T> | undefined) ?? null;
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.bus.emit('event', name, payload);
  }

  /** Listen to every event; returns an unsubscribe function. */
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void {
    this.bus.on('event', listener);
    return () => this.bus.off('event', listener);
  }

  /** Runs a command from any transport. Never throws: errors come back as data. */
  async invoke(name: unknown, input: unknown): Promise<Reply> {
    try {
      return { ok: true, value: await this.call(name, input) };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  }

  /** Runs a command, throwing a FolioError on failure (in-process callers: CLI, tests). */
  async call<K extends EngineCommandName>(name: K, input: unknown): Promise<Output<K>>;
  async call(name: unknown, input: unknown): Promise<unknown>;
  async call(name: unknown, input: unknown): Promise<unknown> {
    if (!isCommandName(name)) {
      throw new FolioError('validation', 'UNKNOWN_COMMAND', `There is no command named ${String(name).slice(0, 80)}`, 'command');
    }
    const spec = commands[name];
    if (spec.host !== 'engine') {
      throw new FolioError('validation', 'SHELL_COMMAND', `${name} is handled by the desktop shell, not the engine`, 'command');
    }
    const parsed = parseInput(spec.input, input ?? {});
    const caller = await this.resolveCaller(this);
    if (ROLE_RANK[caller.role] < ROLE_RANK[spec.role]) {
      this.onDenied?.(this, caller, name);
      throw new FolioError(
        'forbidden',
        'ROLE_FORBIDDEN',
        `${name} needs the ${spec.role} role; ${caller.user} has the ${caller.role} role`,
      );
    }
    const handler = this.handlers[name as EngineCommandName] as unknown as Handler<EngineCommandName>;
    return handler(parsed as never, { engine: this, platform: this.platform, caller });
  }

  /** Disposes services in reverse order of creation (saves databases, stops pools). */
  close(): Promise<void> {
    if (!this.closing) {
      this.closing = (async () => {
        for (const def of [...this.order].reverse()) {
          const p = this.services.get(def);
          if (!p || !def.dispose) continue;
          try {
            await def.dispose(await p, this);
          } catch (err) {
            process.emitWarning(`Folio: closing ${def.name} failed: ${(err as Error).message}`);
          }
        }
        this.services.clear();
        this.bus.removeAllListeners();
      })();
    }
    return this.closing;
  }
}

/** Validates input with a contract schema; the error names the field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  // bounded: a hostile key of megabytes must not come back in every error (security fuzz)
  const field = path.join('.').slice(0, 200) || undefined;
  const message = (field ? `${field}: ${issue.message}` : issue.message).slice(0, 1000);
  throw new FolioError('validation', 'INVALID_INPUT', message, field);
}
