// (7) SSE fan-out: opens one dispatch stream per benchmark pharmacy (500) from its current
// position and measures publish-to-receive latency: the time from the event's outbox write
// (recordedAt, the engine's clock when it inserted the row, so the commit's wait counts too; same
// machine) to its arrival here. Runs while scenario (5) creates reservations. Usage: node bench/sse.mjs SECONDS   (env BENCH_DATA, BENCH_OUT, BASE_URL)
import { readFileSync, writeFileSync } from 'node:fs';

const data = process.env.BENCH_DATA || 'bench/results/raw/data';
const base = process.env.BASE_URL || 'http://127.0.0.1:8080';
const seconds = Number(process.argv[2] || 30);
const tokens = new Map(readFileSync(`${data}/pharmacy-tokens.txt`, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([i, t]) => [Number(i), t]));
const positions = new Map(readFileSync(`${data}/stream-positions.txt`, 'utf8').trim().split('\n').filter(Boolean)
  .map((l) => l.split(/\s+/)).map(([code, seq]) => [code, seq]));
const latencies = [];
let open = 0, failed = 0, events = 0;
const controller = new AbortController();

async function stream(i) {
  const code = `BENCH-PH-${String(i).padStart(3, '0')}`;
  try {
    const response = await fetch(`${base}/api/v1/pharmacies/${code}/dispatch-events`, {
      headers: { Authorization: `Bearer ${tokens.get(i)}`, Accept: 'text/event-stream', 'Last-Event-ID': positions.get(code) || '0' },
      signal: controller.signal,
    });
    if (!response.ok) { failed++; return; }
    open++;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const line = block.split('\n').find((l) => l.startsWith('data:'));
        if (!line) continue;
        const recordedAt = JSON.parse(line.slice(5)).recordedAt;
        if (recordedAt) { latencies.push(Date.now() - Date.parse(recordedAt)); events++; }
      }
    }
  } catch (e) {
    if (!controller.signal.aborted) failed++;
  }
}

const all = [];
for (let i = 1; i <= 500; i++) all.push(stream(i));
// every stream open (or refused) before the load starts, at most 15 s: a stream that opened late would replay what
// was written before it opened and count that wait as delivery latency
for (let waited = 0; open + failed < 500 && waited < 15000; waited += 100) await new Promise((r) => setTimeout(r, 100));
const opened = open;
if (process.env.BENCH_OUT) writeFileSync(`${process.env.BENCH_OUT}.ready`, `${opened}\n`);
await new Promise((r) => setTimeout(r, seconds * 1000));
controller.abort();
await Promise.allSettled(all);
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : null);
const result = { streams: opened, failed, events, p50_ms: pct(50), p95_ms: pct(95), p99_ms: pct(99), max_ms: latencies.length ? latencies[latencies.length - 1] : null };
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, `${JSON.stringify(result)}\n`);
console.log(JSON.stringify(result));
