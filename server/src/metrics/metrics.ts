import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one server. Each server owns its registry (tests run several servers in
 * one process; the global registry would mix them). Gauges that mirror live state (connections,
 * open documents) are read when scraped, so no code path has to remember to update them.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly updates: Counter;
  readonly storeAppendSeconds: Histogram;
  readonly messageBytes: Histogram;
  readonly rejections: Counter<'reason'>;
  /** Set by the Redis fan-out (issue 7): how far this process lags behind the others. */
  readonly redisLagSeconds: Gauge;
  readonly roomMemoryBytes: Gauge;
  readonly storeFailures: Counter<'kind'>;
  /** Bytes handed to the store: the update log and the snapshots compaction writes. */
  readonly storeBytesWritten: Counter<'kind'>;

  constructor(live: { connections: () => number; openDocuments: () => number; roomMemoryBytes: () => number }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'quorum_' });
    new Gauge({ name: 'quorum_connections', help: 'Open WebSocket connections', registers, collect() { this.set(live.connections()); } });
    new Gauge({ name: 'quorum_open_documents', help: 'Documents (rooms) loaded in this process', registers, collect() { this.set(live.openDocuments()); } });
    this.roomMemoryBytes = new Gauge({ name: 'quorum_room_memory_bytes', help: 'Estimated memory held by open documents (encoded state size)', registers, collect() { this.set(live.roomMemoryBytes()); } });
    this.updates = new Counter({ name: 'quorum_updates_total', help: 'Document updates durably stored (rate() gives updates/s)', registers });
    this.storeAppendSeconds = new Histogram({
      name: 'quorum_store_append_seconds',
      help: 'Latency of one store append (one batch of updates, until committed)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.messageBytes = new Histogram({
      name: 'quorum_ws_message_bytes',
      help: 'Size of WebSocket messages received from clients',
      buckets: [16, 64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304],
      registers,
    });
    this.rejections = new Counter({ name: 'quorum_rejections_total', help: 'Refused upgrades, requests and closed connections, by reason', labelNames: ['reason'], registers });
    this.storeFailures = new Counter({ name: 'quorum_store_append_failures_total', help: 'Store appends that failed (retried), by kind: disk-full, read-only, unavailable', labelNames: ['kind'], registers });
    this.redisLagSeconds = new Gauge({ name: 'quorum_redis_lag_seconds', help: 'Pub/sub round trip through Redis (a heartbeat this process sends itself)', registers });
    this.storeBytesWritten = new Counter({ name: 'quorum_store_bytes_written_total', help: 'Document bytes written to the store, by kind: log (appended updates) or snapshot (compaction)', labelNames: ['kind'], registers });
  }

  reject(reason: RejectionReason): void {
    this.rejections.inc({ reason });
  }
}

/** Every reason a limit or a protocol check refuses something; a closed set keeps label cardinality small. */
export type RejectionReason =
  | 'message-too-large'
  | 'message-rate'
  | 'invalid-payload'
  | 'unsupported-data'
  | 'policy-violation'
  | 'connections-per-ip'
  | 'connections-per-user'
  | 'documents-open'
  | 'room-memory'
  | 'admission'
  | 'slow-consumer'
  | 'store-backlog'
  | 'load-failed'
  | 'document-too-large'
  | 'awareness-too-large'
  | 'shutting-down'
  | 'worker-busy'
  | 'worker-memory'
  | 'worker-timeout';
