import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics for one server instance. Each server owns its own registry (tests run several
 * servers in one process), and gauges read live counts at scrape time rather than being kept in step
 * by hand.
 */
export interface MetricsSources {
  activeSessions: () => number;
  connectedSockets: () => number;
}

export interface ServerMetrics {
  readonly registry: Registry;
  /** Counts one command by its type and result (`accepted` or the rejection code) and observes its latency. */
  recordCommand(type: string, result: string, seconds: number): void;
  /** Counts one refused inbound socket event by code (bad payload, unknown event, rate limited...). */
  recordRejectedEvent(code: string): void;
  recordJoinFailure(): void;
  close(): void;
}

export function createMetrics(sources: MetricsSources): ServerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ app: 'crisis-table' });

  new Gauge({
    name: 'crisis_table_active_sessions',
    help: 'Sessions loaded in this process (not ended)',
    registers: [registry],
    collect() {
      this.set(sources.activeSessions());
    },
  });
  new Gauge({
    name: 'crisis_table_connected_sockets',
    help: 'Socket.io connections open now',
    registers: [registry],
    collect() {
      this.set(sources.connectedSockets());
    },
  });
  const commands = new Counter({
    name: 'crisis_table_commands_total',
    help: 'Game commands handled, by command type and result (accepted or the rejection code)',
    labelNames: ['type', 'result'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'crisis_table_command_duration_seconds',
    help: 'Time from receiving a command to acknowledging it (includes the durable store append)',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const rejectedEvents = new Counter({
    name: 'crisis_table_rejected_socket_events_total',
    help: 'Inbound socket events refused before reaching a session, by error code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const joinFailures = new Counter({
    name: 'crisis_table_join_failures_total',
    help: 'Join attempts with an unknown join code',
    registers: [registry],
  });

  // Event-loop lag from Node's own histogram (libuv timer delay), reset at each scrape so it reports
  // the interval since the previous scrape.
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  new Gauge({
    name: 'crisis_table_event_loop_lag_seconds',
    help: 'Event-loop delay since the last scrape (mean, p99 and max)',
    labelNames: ['stat'] as const,
    registers: [registry],
    collect() {
      const toSeconds = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
      this.set({ stat: 'mean' }, toSeconds(loopDelay.mean));
      this.set({ stat: 'p99' }, toSeconds(loopDelay.percentile(99)));
      this.set({ stat: 'max' }, toSeconds(loopDelay.max));
      loopDelay.reset();
    },
  });

  return {
    registry,
    recordCommand(type, result, seconds) {
      commands.inc({ type, result });
      latency.observe({ type }, seconds);
    },
    recordRejectedEvent(code) {
      rejectedEvents.inc({ code });
    },
    recordJoinFailure() {
      joinFailures.inc();
    },
    close() {
      loopDelay.disable();
    },
  };
}
