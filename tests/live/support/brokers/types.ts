// What a real broker started by the tests offers: where to reach it and how to stop it.

export interface RunningBroker {
  /** e.g. "RabbitMQ 3.10.8". */
  readonly name: string;
  /** `mqtt://127.0.0.1:PORT` */
  readonly tcpUrl: string;
  /** The MQTT-over-WebSocket address, or null when the broker has none here. */
  readonly wsUrl: string | null;
  /** What the broker wrote to stdout and stderr so far. */
  output(): string;
  /** Stops the broker and everything it started, and removes its folder. */
  stop(): Promise<void>;
}

/** Tries `start` up to three times: a port found free may be taken before the broker binds it. */
export async function withRetries<T>(start: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await start();
    } catch (err) {
      last = err;
    }
  }
  throw last;
}
