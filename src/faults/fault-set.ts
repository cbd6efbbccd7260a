import { hashSeed, mix32 } from "../ids.js";
import { kitMessage } from "../logger.js";
import type { PipelineLayer } from "../pipeline/types.js";
import type { AppRuntime } from "../runtime.js";
import { classifyRequest, requestLabel } from "./classify.js";
import { cutAfterEvents } from "./cut-stream.js";
import { type Wait, waitOnClock, waitReal } from "./delay.js";
import { faultError, throttleResponse } from "./effects.js";
import { FaultSpecError, parseFaultSpec } from "./spec.js";
import type { FaultHandle, FaultInfo, FaultRequest, FaultSpec, MockFaults } from "./types.js";

const TWO_32 = 2 ** 32;

/** One injected fault and its counters. */
class ActiveFault {
  fired = 0;
  private draws = 0;
  private left: number | "always";
  private readonly seed: number;

  constructor(
    readonly id: string,
    readonly spec: FaultSpec,
    defaultSeed: string,
  ) {
    this.left = spec.times ?? 1;
    this.seed = hashSeed(spec.seed ?? defaultSeed);
  }

  get remaining(): number | "always" {
    return this.left;
  }

  matches(request: FaultRequest, runtime: AppRuntime): boolean {
    const { spec } = this;
    const routes = typeof spec.route === "string" ? [spec.route] : spec.route;
    if (!routes.includes(request.group)) return false;
    if (spec.functionName !== undefined && spec.functionName !== request.functionName) return false;
    if (spec.namespace !== undefined && spec.namespace !== request.namespace) return false;
    if (spec.userId !== undefined && spec.userId !== request.userId) return false;
    if (spec.when === undefined) return true;
    try {
      return spec.when(request);
    } catch (error) {
      runtime.logger.warn(`The predicate of fault ${this.id} threw; the fault did not fire.`, error);
      return false;
    }
  }

  /** Decides whether it fires on a matching request (a seeded draw when probabilistic) and counts it. */
  fire(): boolean {
    const p = this.spec.probability ?? 1;
    if (p < 1 && mix32(this.seed, this.draws++) / TWO_32 >= p) return false;
    this.fired += 1;
    if (this.left !== "always") this.left -= 1;
    return true;
  }

  info(): FaultInfo {
    const { when, ...spec } = this.spec;
    return { id: this.id, spec, hasPredicate: when !== undefined, fired: this.fired, remaining: this.left };
  }
}

/**
 * The faults of one mock app: the `mock.faults` API and the pipeline layer that applies them. Only the layer knows
 * about faults; routes never do. `reset()` drops every fault and ends delayed requests with a network error.
 */
export class FaultSet {
  private readonly active = new Map<string, ActiveFault>();
  private readonly waits = new Set<Wait>();
  /** Faults injected since the last reset: names ids and default seeds, so a run repeats exactly. */
  private serial = 0;

  constructor(private readonly runtime: AppRuntime) {
    runtime.onReset(() => {
      this.active.clear();
      this.serial = 0;
      for (const wait of [...this.waits]) wait.cancel();
    });
  }

  /** The `mock.faults` API. */
  api(): MockFaults {
    return {
      inject: (spec) => {
        let parsed: FaultSpec;
        try {
          parsed = parseFaultSpec(spec);
        } catch (error) {
          if (error instanceof FaultSpecError)
            throw new Error(kitMessage(`mock.faults.inject: ${error.message}`));
          throw error;
        }
        const fault = this.add(parsed);
        const faults = this.active;
        const handle: FaultHandle = {
          id: fault.id,
          get fired() {
            return fault.fired;
          },
          get active() {
            return faults.get(fault.id) === fault;
          },
          clear: () => {
            if (faults.get(fault.id) === fault) faults.delete(fault.id);
          },
        };
        return handle;
      },
      clear: (id) => this.remove(id),
      list: () => this.list(),
    };
  }

  /** Adds an already parsed fault. */
  private add(spec: FaultSpec): ActiveFault {
    this.serial += 1;
    const id = `fault-${this.serial}`;
    const fault = new ActiveFault(id, spec, `${this.runtime.options.idSeed ?? this.runtime.id}:${id}`);
    this.active.set(id, fault);
    return fault;
  }

  private remove(id?: string): number {
    if (id === undefined) {
      const count = this.active.size;
      this.active.clear();
      return count;
    }
    return this.active.delete(id) ? 1 : 0;
  }

  private list(): FaultInfo[] {
    return [...this.active.values()].map((f) => f.info());
  }

  /** The layer around the routes. Without faults it costs one size check. */
  readonly layer: PipelineLayer = (next) => async (ctx) => {
    if (this.active.size === 0) return next(ctx);
    const facts = classifyRequest(ctx);
    if (facts === undefined) return next(ctx);
    const request: FaultRequest = { ...facts, request: ctx.request, bodyText: ctx.bodyText };
    let cut: { fault: ActiveFault; afterEvents: number; mode: "close" | "error" } | undefined;
    const journal = (fault: ActiveFault) =>
      this.runtime.emit({
        type: "fault-injected",
        faultId: fault.id,
        route: facts.group,
        effect: fault.spec.effect.kind,
        request: requestLabel(facts),
        userId: facts.userId ?? null,
      });
    for (const fault of [...this.active.values()]) {
      if (!fault.matches(request, this.runtime) || !fault.fire()) continue;
      if (fault.remaining === 0) this.active.delete(fault.id);
      const { effect } = fault.spec;
      // A cut is journaled once the stream is open (its route has subscribed), the others before they act.
      if (effect.kind !== "cut-stream") journal(fault);
      switch (effect.kind) {
        case "error":
          throw faultError(effect);
        case "rate-limit":
        case "unavailable":
          return throttleResponse(effect);
        case "network-error":
          return Response.error();
        case "delay":
          if (!(await this.delay(effect.ms, effect.clock ?? "mock"))) return Response.error();
          break;
        case "cut-stream":
          cut = { fault, afterEvents: effect.afterEvents, mode: effect.mode ?? "close" };
          break;
      }
    }
    const response = await next(ctx);
    if (cut === undefined || response.body === null || !response.ok) return response;
    journal(cut.fault);
    return new Response(cutAfterEvents(response.body, cut.afterEvents, cut.mode), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  /** True when the time has come; false when a reset ended the wait first. */
  private async delay(ms: number, clock: "mock" | "real"): Promise<boolean> {
    const wait = clock === "real" ? waitReal(ms) : waitOnClock(this.runtime.clock, ms);
    this.waits.add(wait);
    try {
      return await wait.done;
    } finally {
      this.waits.delete(wait);
    }
  }
}
