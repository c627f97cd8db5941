import http from 'node:http';

/** One POST /api/sessions from `localAddress` (any 127.0.0.x is this machine's loopback on Linux). */
function createFrom(url: string, localAddress: string, scenarioId: string): Promise<number> {
  const target = new URL('/api/sessions', url);
  const body = JSON.stringify({ scenarioId });
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

export interface CreateFlood {
  /** 201 answers: sessions created. */
  created: number;
  /** Other answers by status (429 rate-limited, 503 capacity; 0 for a failed connection). */
  refused: Record<number, number>;
  requests: number;
}

/**
 * Anonymous creation at full speed (issue 14, finding 1): `concurrency` requests in flight from each
 * of `addresses` loopback source addresses (the server sees them as distinct clients), each sent
 * as soon as the previous answered, for `durationMs`.
 */
export async function floodCreation(options: {
  url: string;
  scenarioId: string;
  durationMs: number;
  addresses: number;
  concurrency?: number;
  /** Stop early once an answer has this status (503: the server is at SESSIONS_MAX). */
  stopOn?: number;
}): Promise<CreateFlood> {
  const result: CreateFlood = { created: 0, refused: {}, requests: 0 };
  let until = performance.now() + options.durationMs;
  const sources = Array.from({ length: options.addresses }, (_, i) => `127.0.0.${i + 2}`);
  await Promise.all(
    sources.flatMap((address) =>
      Array.from({ length: options.concurrency ?? 4 }, async () => {
        while (performance.now() < until) {
          const status = await createFrom(options.url, address, options.scenarioId);
          result.requests++;
          if (status === 201) result.created++;
          else result.refused[status] = (result.refused[status] ?? 0) + 1;
          if (status === options.stopOn) until = 0;
        }
      }),
    ),
  );
  return result;
}
