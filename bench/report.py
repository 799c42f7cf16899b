#!/usr/bin/env python3
"""Turns one benchmark run's raw files into <out>.md (tables), <out>.json (for bench/compare)
and two PNG plots (gnuplot). Usage: report.py RAW_DIR OUT_PREFIX   (standard library only)."""
import json
import os
import re
import statistics
import subprocess
import sys

raw, out = sys.argv[1], sys.argv[2]
name = os.path.basename(out)
plots = os.path.join(os.path.dirname(out), "plots")
os.makedirs(plots, exist_ok=True)


def load(path):
    p = os.path.join(raw, path)
    return json.load(open(p)) if os.path.exists(p) else None


def ping_warmup():
    """The bare endpoint's warm-up and the JIT's share at its peak, when the run recorded them."""
    secs = os.path.join(raw, "ping.warmup.seconds")
    jit = (load("ping.peak.proc.json") or {}).get("jit_cpu_share")
    if not os.path.exists(secs) or jit is None:
        return ""
    return f", after {int(open(secs).read())} s of warm-up (JIT {jit * 100:.0f}% of the engine's CPU at the peak)"


env = dict(line.strip().split("=", 1) for line in open(os.path.join(raw, "env.txt")) if "=" in line)

# ceilings
ping = load("ping.peak.json")
redis = {}
for line in open(os.path.join(raw, "redis-benchmark.csv")):
    cells = [c.strip('"') for c in line.strip().split(",")]
    if cells and cells[0] in ("SET", "GET"):
        redis[cells[0]] = float(cells[1])
pg_text = open(os.path.join(raw, "pgbench.txt")).read()
m = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", pg_text) or re.search(r"tps = ([0-9.]+)", pg_text)
pgbench_tps = float(m.group(1)) if m else 0.0
m = re.search(r"latency average = ([0-9.]+) ms", pg_text)
pgbench_latency = float(m.group(1)) if m else None
# pgbench paced at 70% of its peak: per-transaction latencies (µs, third field) from its logs, with each one's end
# (epoch seconds and µs, fifth and sixth). The first PG70_SKIP_S seconds are left out: pgbench -R schedules from its
# start, so the transactions of the first second wait for the 16 clients' connecting and the schedule's catch-up (on
# 2026-12-07 the first second's transactions took 300-550 ms, the rest's p99 was half that). The engine's own
# paced phases run on connections already open, after a warm-up.
PG70_SKIP_S = 2
pg70_rows = []
for f in os.listdir(raw):
    if f.startswith("pgbench-at70.") and not f.endswith(".txt"):
        for line in open(os.path.join(raw, f)):
            cells = line.split()
            if len(cells) > 5 and cells[2].isdigit():
                latency_us = int(cells[2])
                pg70_rows.append((int(cells[4]) + int(cells[5]) / 1e6 - latency_us / 1e6, latency_us / 1000))
pg70_first = min((start for start, _ in pg70_rows), default=0)
pg70 = sorted(ms for start, ms in pg70_rows if start >= pg70_first + PG70_SKIP_S)
pgbench_at70 = {"transactions": len(pg70), "skipped_seconds": PG70_SKIP_S, "p50_ms": pg70[len(pg70) // 2],
                "p99_ms": pg70[int(len(pg70) * 0.99)]} if pg70 else None
ceilings = {"http": ping["rps"], "redis_get": redis.get("GET", 0.0), "pgbench_redeem": pgbench_tps}
# the write scenarios' own pgbench ceilings (bench/pgbench-submit.sql, -fulfil.sql), where the run measured them
for w in ("submit", "fulfil"):
    path = os.path.join(raw, f"pgbench-{w}.txt")
    if os.path.exists(path):
        m = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", open(path).read())
        if m:
            ceilings["pgbench_" + w] = float(m.group(1))

def per_request(run, proc):
    """What one request of a phase cost: the engine's and PostgreSQL's CPU in ms and the engine's read and write system
    calls (bench/run's proc.json, runs since 2026-12-06); None where the run did not record them."""
    if not run or not proc or "engine_cpu_ms" not in proc or not run.get("requests"):
        return None
    n = run["requests"]
    return {"engine_ms": proc["engine_cpu_ms"] / n, "pg_ms": proc["pg_cpu_ms"] / n,
            "reads": proc["engine_reads"] / n, "writes": proc["engine_writes"] / n}


SCENARIOS = [
    ("elig-cached", "(1) eligibility, cached", "http"),
    ("elig-cold", "(2) eligibility, cache cold", "http"),
    ("search", "(3) catalog search", "http"),
    ("submit", "(4) prescription submit, straight-through", "pgbench_submit" if "pgbench_submit" in ceilings else "http"),
    ("fulfil", "(5) fulfilment with pickup-code issue", "pgbench_fulfil" if "pgbench_fulfil" in ceilings else "http"),
    ("redeem", "(6) redemption at the counter", "pgbench_redeem"),
    ("mixed", "(8) mixed day", "http"),
]
rows = []
for key, label, ceiling in SCENARIOS:
    peak, at70 = load(f"{key}.peak.json"), load(f"{key}.at70.json")
    proc = load(f"{key}.peak.proc.json") or {}
    if not peak:
        continue
    rows.append({
        "key": key, "label": label, "ceiling": ceiling, "peak_rps": peak["rps"], "ratio": peak["rps"] / ceilings[ceiling] if ceilings[ceiling] else None,
        "peak_p99_ms": peak["p99_ms"], "peak_errors": peak["errors"],
        "at70_rate": at70.get("rate"), "at70_behind": at70.get("behind_schedule"), "statuses": {k: peak.get("statuses", {}).get(k, 0) + at70.get("statuses", {}).get(k, 0)
                     for k in set(peak.get("statuses", {})) | set(at70.get("statuses", {}))},
        "at70_rps": at70["rps"], "p50_ms": at70["p50_ms"], "p95_ms": at70["p95_ms"], "p99_ms": at70["p99_ms"], "at70_errors": at70["errors"],
        "cpu_percent": proc.get("cpu_percent"), "rss_mb": proc.get("rss_mb"), "gc_cpu_share": proc.get("gc_cpu_share"),
        "jit_cpu_share": proc.get("jit_cpu_share"), "machine_busy": proc.get("machine_busy"), "wal_mb": proc.get("wal_mb"),
        "warmup_s": int(open(os.path.join(raw, f"{key}.warmup.seconds")).read()) if os.path.exists(os.path.join(raw, f"{key}.warmup.seconds")) else None,
        "warmup_jit_share": (load(f"{key}.warmup.proc.json") or {}).get("jit_cpu_share"),
        "per_request": per_request(peak, proc), "per_request_at70": per_request(at70, load(f"{key}.at70.proc.json")),
    })
by = {r["key"]: r for r in rows}  # the warm run's rows by scenario
# the cold pass: the same scenarios once on a freshly started engine right after seeding
cold = []
for key, label, ceiling in SCENARIOS:
    c, c70, warm = load(f"{key}.cold.json"), load(f"{key}.cold70.json"), by.get(key)
    if not c:
        continue
    cproc = load(f"{key}.cold.proc.json") or {}
    cold.append({"key": key, "label": label, "cold_rps": c["rps"], "cold_p99_peak_ms": c["p99_ms"], "cold_errors": c["errors"] + (c70 or {}).get("errors", 0),
                 "cold70_rps": (c70 or {}).get("rps"), "cold70_p99_ms": (c70 or {}).get("p99_ms"),
                 "warm_rps": warm["peak_rps"] if warm else None, "cold_vs_warm": c["rps"] / warm["peak_rps"] if warm and warm["peak_rps"] else None,
                 "cpu_percent": cproc.get("cpu_percent"), "jit_cpu_share": cproc.get("jit_cpu_share"),
                 "machine_busy": cproc.get("machine_busy"), "wal_mb": cproc.get("wal_mb")})
# the slow-start pass: a fresh engine whose load climbs from 10% to 70% of the warm peak, then stays there
slow_start = []
for key, label, _ in SCENARIOS:
    ramp, held, warm = load(f"{key}.ramp.json"), load(f"{key}.held.json"), by.get(key)
    if ramp and held:
        slow_start.append({"key": key, "label": label, "rate": held["rate"], "ramp_s": round(ramp["seconds"]),
                           "ramp_p99_ms": ramp["p99_ms"], "ramp_max_ms": ramp["max_ms"], "ramp_behind": ramp["behind_schedule"],
                           "held_rps": held["rps"], "held_p99_ms": held["p99_ms"], "held_behind": held["behind_schedule"],
                           "warm_p99_ms": warm["p99_ms"] if warm else None, "errors": ramp["errors"] + held["errors"],
                           "ramp_jit": (load(f"{key}.ramp.proc.json") or {}).get("jit_cpu_share"),
                           "held_jit": (load(f"{key}.held.proc.json") or {}).get("jit_cpu_share")})


def pct(x, missing="—"):
    return missing if x is None else f"{x:.0%}"


def activity(key, phase):
    """pg_stat_activity samples of one run: the most sessions seen idle in transaction and waiting on the
    engine (ClientRead), and the most acquirers queued on the engine's pool (sql_pool_queue_size)."""
    path = os.path.join(raw, f"{key}.{phase}.activity.tsv")
    if not os.path.exists(path):
        return None
    idle_tx, active, queued = {}, {}, 0.0
    for line in open(path):
        cells = line.rstrip("\n").split("\t")
        if len(cells) == 4 and cells[1] == "idle in transaction":
            idle_tx[cells[0]] = idle_tx.get(cells[0], 0) + int(cells[3])
        elif len(cells) == 4 and cells[1] == "active":
            active[cells[0]] = active.get(cells[0], 0) + int(cells[3])
        elif len(cells) == 3 and cells[2].startswith("sql_pool_queue_size"):
            queued = max(queued, float(cells[2].split()[-1]))
    return {"max_idle_in_tx": max(idle_tx.values(), default=0), "max_active": max(active.values(), default=0), "max_pool_queue": queued}


# what the JIT compiled while a scenario ran cold: the cold engine's -XX:+PrintCompilation lines (ms since it started,
# compile id, flags, tier, method) inside NAME.cold.window, by library. Tiers 1-3 are C1, 4 is C2; "made not entrant"
# lines (code thrown away) are not compilations.
LIBRARIES = [("org.apache.kafka", "Kafka and messaging"), ("io.smallrye.reactive.messaging", "Kafka and messaging"),
             ("com.fasterxml.jackson", "Jackson"), ("io.vertx.pgclient", "PostgreSQL client"),
             ("io.vertx.sqlclient", "PostgreSQL client"), ("io.vertx.redis", "Redis client"), ("io.quarkus.redis", "Redis client"),
             ("org.jboss.resteasy", "RESTEasy"), ("io.quarkus.resteasy", "RESTEasy"), ("io.netty", "Netty and Vert.x"),
             ("io.vertx", "Netty and Vert.x"), ("io.quarkus.vertx", "Netty and Vert.x"), ("io.smallrye.mutiny", "Mutiny"),
             ("com.oncopay", "engine code"), ("org.hibernate", "Hibernate"), ("io.opentelemetry", "tracing and metrics"),
             ("io.micrometer", "tracing and metrics"), ("io.quarkus", "Quarkus"), ("io.smallrye", "SmallRye"),
             ("java.", "JDK"), ("javax.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK"), ("com.sun.", "JDK")]
COMPILED = re.compile(r"\s*(\d+)\s+\d+\s+[%sbn! ]*\s(\d)\s+(\S+)")


def jit_compiles(key):
    window, log = os.path.join(raw, f"{key}.cold.window"), os.path.join(raw, f"engine-cold-{key}.log")
    if not (os.path.exists(window) and os.path.exists(log)):
        return None
    lo, hi = (int(x) for x in open(window).read().split())
    c1 = c2 = 0
    by = {}
    for line in open(log, errors="replace"):
        m = COMPILED.match(line)
        if not m or "made not entrant" in line or not lo <= int(m.group(1)) < hi:
            continue
        if m.group(2) == "4":
            c2 += 1
        else:
            c1 += 1
        method = m.group(3)
        lib = next((name for prefix, name in LIBRARIES if method.startswith(prefix)), "other")
        by[lib] = by.get(lib, 0) + 1
    return {"c1": c1, "c2": c2, "by_library": dict(sorted(by.items(), key=lambda kv: -kv[1]))}


for c in cold:
    c["activity"] = activity(c["key"], "cold")
    c["jit_compiles"] = jit_compiles(c["key"])
for r in rows:
    r["activity"] = activity(r["key"], "peak")

sse = load("sse.json") or {}
sse_load = load("sse-load.at70.json") or {}
rss_after_mixed = int(open(os.path.join(raw, "rss-after-mixed.txt")).read().strip() or 0)


# the parts of a stack counted in the profile table: label → frame text that marks it
PARTS = {"JIT compiler": ("CompileBroker",), "GC": ("GCTaskThread", "G1", "WorkerThread::run"), "PostgreSQL client": ("io/vertx/pgclient",),
         "Redis client": ("io/vertx/redis",), "Kafka client": ("org/apache/kafka",), "JSON (Jackson)": ("com/fasterxml/jackson",),
         "security (JWT, roles)": ("io/quarkus/security",), "engine code (com.oncopay)": ("com/oncopay/",)}


def profile(key):
    """Shares of the engine's CPU samples in one peak run (async-profiler, collapsed stacks)."""
    path = os.path.join(raw, f"{key}.collapsed")
    if not os.path.exists(path):
        return None
    total, parts, frames = 0, {label: 0 for label in PARTS}, {}
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(" ")
        n = int(n)
        total += n
        for label, needles in PARTS.items():
            if any(needle in stack for needle in needles):
                parts[label] += n
        for f in set(x for x in stack.split(";") if x.startswith("com/oncopay/") and "$$" not in x and "_Subclass" not in x and "_ClientProxy" not in x):
            frames[f] = frames.get(f, 0) + n
    top = sorted(frames.items(), key=lambda kv: -kv[1])[:6]
    return {"samples": total, "shares": {k: v / total for k, v in parts.items()} if total else {},
            "top_engine_frames": [(f, v / total) for f, v in top] if total else []}


profiles = {key: profile(key) for key, _, _ in SCENARIOS + [("ping", "bare endpoint", "http")]}

# the engine's GC pauses of the warm run (the engine started after the cold pass) (-Xlog:gc)
pauses = []
gc_log = next((os.path.join(raw, f) for f in ("gc-run.log", "gc.log") if os.path.exists(os.path.join(raw, f))), None)
if gc_log:
    for line in open(gc_log):
        m = re.search(r"Pause .* ([0-9.]+)ms$", line.strip())
        if m:
            pauses.append(float(m.group(1)))
gc = {"pauses": len(pauses), "total_ms": round(sum(pauses), 1), "max_ms": max(pauses) if pauses else 0,
      "p99_ms": sorted(pauses)[int(len(pauses) * 0.99)] if pauses else 0}

# the bare endpoint and cached eligibility in turn on the warm engine (bench/run's pairs, runs since 2026-12-07): each
# pair's ratio, and its median, which the cached-eligibility target is judged on where the run measured pairs
pairs = []
for i in range(1, 100):
    p_, e_ = load(f"ping.pair{i}.json"), load(f"elig-cached.pair{i}.json")
    if not p_ or not e_:
        break
    pp, ep = per_request(p_, load(f"ping.pair{i}.proc.json")), per_request(e_, load(f"elig-cached.pair{i}.proc.json"))
    pairs.append({"pair": i, "first": "ping" if i % 2 else "elig-cached", "ping_rps": p_["rps"], "elig_rps": e_["rps"],
                  "ratio": e_["rps"] / p_["rps"] if p_["rps"] else 0.0,
                  "ping_engine_us": pp["engine_ms"] * 1000 if pp else None, "elig_engine_us": ep["engine_ms"] * 1000 if ep else None})
paired_ratio = statistics.median(p["ratio"] for p in pairs) if pairs else None

targets = []
def target(text, ok, value):
    targets.append((text, "met" if ok else "**missed**", value))

if paired_ratio is not None:
    each = ", ".join(f'{p["ratio"]:.1%}' for p in pairs)
    apart = f'; the peaks minutes apart: {by["elig-cached"]["ratio"]:.0%}' if "elig-cached" in by else ""
    target("cached eligibility ≥ 60% of the bare endpoint (median of the pairs measured in turn)", paired_ratio >= 0.6,
           f"{paired_ratio:.1%} (pairs: {each}{apart})")
elif "elig-cached" in by:
    target("cached eligibility ≥ 60% of the bare endpoint", by["elig-cached"]["ratio"] >= 0.6, f'{by["elig-cached"]["ratio"]:.0%}')
if "redeem" in by:
    target("redemption ≥ 150% of pgbench (same SQL)", by["redeem"]["ratio"] >= 1.5, f'{by["redeem"]["ratio"]:.0%}')
for key in ("submit", "fulfil"):
    if key in by and ceilings.get("pgbench_" + key):
        target(f'{by[key]["label"]} ≥ 100% of pgbench (same SQL)', by[key]["ratio"] >= 1.0, f'{by[key]["ratio"]:.0%}')
worst = max(rows, key=lambda r: r["p99_ms"])
target("p99 < 25 ms for every scenario at 70% of its peak (warm)", all(r["p99_ms"] < 25 for r in rows), f'worst {worst["label"]}: {worst["p99_ms"]:.1f} ms')
if cold:
    worst_cold = max((c for c in cold if c["cold70_p99_ms"] is not None), key=lambda c: c["cold70_p99_ms"], default=None)
    if worst_cold:
        target("p99 < 100 ms for every scenario at 70% of its cold peak (cold)", worst_cold["cold70_p99_ms"] < 100,
               f'worst {worst_cold["label"]}: {worst_cold["cold70_p99_ms"]:.1f} ms')
    slow = [c for c in cold if c["cold_vs_warm"] is not None and c["cold_vs_warm"] < 0.8]
    target("every scenario's cold peak ≥ 80% of its warm peak", not slow,
           ", ".join(f'{c["label"]} {c["cold_vs_warm"]:.1%}' for c in slow) or "all")
errors = sum(r["peak_errors"] + r["at70_errors"] for r in rows) + sse_load.get("errors", 0) + sse.get("failed", 0) + sum(c["cold_errors"] for c in cold) + sum(x["errors"] for x in slow_start)
target("zero errors", errors == 0, str(errors))
# read audits the engine dropped because its queue was full, over every measured phase (runs before 2026-12-06 have none)
dropped = {f[:-len(".proc.json")]: json.load(open(os.path.join(raw, f))).get("audit_dropped", 0)
           for f in sorted(os.listdir(raw)) if f.endswith(".proc.json")}
lost = {k: v for k, v in dropped.items() if v}
target("nothing lost: zero read audits dropped", not lost,
       ", ".join(f"{k} {v:,}" for k, v in lost.items()) if lost else "0")
if sse:
    target("SSE publish-to-receive p99 < 100 ms with 500 streams", sse.get("streams") == 500 and (sse.get("p99_ms") or 1e9) < 100,
           f'{sse.get("streams")} streams, {sse.get("events")} events, p99 {sse.get("p99_ms")} ms')
gc_shares = {k: p["shares"].get("GC", 0) for k, p in profiles.items() if p and p["samples"]}
if gc_shares:
    worst_gc = max(gc_shares, key=gc_shares.get)
    target("GC < 5% of engine CPU in every scenario (profiler samples)", gc_shares[worst_gc] < 0.05, f"worst {worst_gc}: {gc_shares[worst_gc]:.0%}")
target("RSS < 450 MB after the mixed run", rss_after_mixed < 450, f"{rss_after_mixed} MB")

md = [f"# Benchmark {name}", "",
      f'{env.get("date")} · {env.get("cpu")} · {env.get("cores")} cores · {env.get("memory_gb")} GB · {env.get("java")} · '
      f'PostgreSQL {env.get("postgres")} · Redis {env.get("redis")} · {env.get("wrk")} · commit {env.get("commit")}', "",
      f'Load generator on the same machine as the engine and its services. wrk {env.get("threads")} threads × {env.get("connections")} connections; '
      f'{env.get("warmup")} s warm-up, longer while the JIT is busy (per scenario below; not reported), then {env.get("duration")} s at full speed (peak) and {env.get("duration")} s paced at 70% '
      f'of that peak (latency columns): arrivals on a fixed schedule (open model, like wrk2; a connection that falls behind sends at once), '
      f'the connections cap what is in flight. '
      + (f'Spans recorded for {float(env["trace_ratio"]):.0%} of requests (`ONCOPAY_TRACE_SAMPLE_RATIO`, as `k8s/configmap.yaml`), not exported. ' if env.get("trace_ratio") else '')
      + f'Seeded: {int(env.get("members", 0)):,} members with policies and diagnoses, '
      f'{int(env.get("pharmacies", 0)):,} pharmacies with {int(env.get("prices", 0)):,} prices (all 188 drugs), {int(env.get("codes", 0)):,} pickup codes issued'
      + (f', {int(env["dispenses"]):,} past dispenses (the year before, kept by the reset of every run)' if env.get("dispenses") else '') + '.', "",
      "## Ceilings (same run)", "",
      "| ceiling | throughput |", "|---|---|",
      f'| bare Quarkus endpoint `GET /api/v1/ping` (wrk) | {ceilings["http"]:,.0f} req/s (p99 {ping["p99_ms"]:.1f} ms){ping_warmup()} |',
      f'| `redis-benchmark` GET of a {open(os.path.join(raw, "eligibility-size.txt")).read().strip()}-byte value (eligibility-entry size) | {ceilings["redis_get"]:,.0f} req/s |',
      f'| `pgbench` with the redemption\'s exact SQL (its lookup, then its transaction), statement by statement (16 clients) | {pgbench_tps:,.0f} tx/s (mean {pgbench_latency} ms) |',
      (f'| the same paced at 70% of that rate (`pgbench -R`) | p50 {pgbench_at70["p50_ms"]:.1f} ms, p99 {pgbench_at70["p99_ms"]:.1f} ms '
       f'over {pgbench_at70["transactions"]:,} transactions (its first {pgbench_at70["skipped_seconds"]} s, the clients connecting, '
       f'left out): the floor under any redemption latency |' if pgbench_at70 else "| pgbench at 70% | not measured |")]
md += [f'| `pgbench` with the {w} scenario\'s SQL, statement by statement (16 clients) | {ceilings["pgbench_" + w]:,.0f} tx/s |'
       for w in ("submit", "fulfil") if "pgbench_" + w in ceilings]
# the outbox relay's own ceiling (#22): events written at once, published to Kafka until none is unsent
relay = load("relay.json")
if relay:
    ceilings["relay_events_per_s"] = relay["events_per_s"]
    md.append(f'| outbox relay: {relay["events"]:,} events written at once, published to Kafka in {relay["seconds"]:.1f} s '
              f'(engine CPU {relay["cpu_percent"]}%{", " + str(relay["unsent_left"]) + " still unsent" if relay["unsent_left"] else ""}) '
              f'| {relay["events_per_s"]:,.0f} events/s |')
md += ["",
      "## Scenarios", "",
      "| scenario | peak req/s | vs ceiling | at 70%: target → achieved req/s | p50 ms | p95 ms | p99 ms | errors (peak + 70%) | engine CPU at peak | GC threads' share of it | JIT compiler threads' share | RSS MB | machine CPU busy at peak (2 cores) |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    gcs, jit, busy = (pct(r.get(k), "–") for k in ("gc_cpu_share", "jit_cpu_share", "machine_busy"))
    errs = str(r["peak_errors"] + r["at70_errors"]) + (" (" + ", ".join(f"{k}×{v}" for k, v in r["statuses"].items()) + ")" if r["statuses"] else "")
    md.append(f'| {r["label"]} | {r["peak_rps"]:,.0f} | {r["ratio"]:.0%} of {r["ceiling"]} | {r["at70_rate"] or 0:,} → {r["at70_rps"]:,.0f} | {r["p50_ms"]:.2f} | {r["p95_ms"]:.2f} | '
              f'{r["p99_ms"]:.2f} | {errs} | {r["cpu_percent"]}% | {gcs} | {jit} | {r["rss_mb"]} | {busy} |')
if sse:
    md.append(f'| (7) SSE fan-out: {sse.get("streams")} streams during (5) at 70% ({sse_load.get("rps", 0):,.0f} req/s) | | | {sse.get("events")} events received | '
              f'{sse.get("p50_ms")} | {sse.get("p95_ms")} | {sse.get("p99_ms")} | {sse_load.get("errors", 0) + sse.get("failed", 0)} | | | | | |')
warmed = [r for r in rows if r.get("warmup_s")]
if warmed:
    md += ["", "Warm-up before each scenario's peak: " + "; ".join(
        f'{r["label"]} {r["warmup_s"]} s (JIT {pct(r["warmup_jit_share"], "–")} of the engine\'s CPU in its last stretch)' for r in warmed)
        + ". It goes on 20 s at a time while the JIT's compiler threads hold more than 5% of the engine's CPU "
          f"(at most {env.get('warmup_extra', 100)} s more than the first {env.get('warmup')})."]
if cold:
    md += ["", "## Cold start: each scenario on a freshly started engine, right after seeding", "",
           f"Every scenario runs once on an engine started just for it, from the moment it is ready (after its own start-up warm-up, "
           "`oncopay.warm-up.duration`), with no warm-up of the scenario: "
           f"{env.get('duration')} s at full speed, "
           f"then {env.get('duration')} s paced at 70% of that cold peak. The warm figures are the table above, on another engine started afterwards. "
           "A scenario whose cold peak is below 80% of its warm peak is flagged. Sessions idle in transaction (waiting on the engine) and "
           "acquirers queued on the engine's pool are the most seen in the once-a-second samples of the cold run; the wall-clock flame graphs "
           f"are `flames/{name}-<scenario>-cold-wall.html`. Engine CPU, its JIT compiler threads' share, the whole machine's busy "
           "share (engine, PostgreSQL, Redis and the load generator on the same 2 cores) and the WAL PostgreSQL wrote are of the "
           "cold full-speed run.", "",
           "| scenario | cold peak req/s | warm peak req/s | cold / warm | cold p99 at 70% of cold peak, ms | errors | idle in tx (max) | pool queue (max) | engine CPU | JIT share | methods compiled (C1 + C2) | machine busy | WAL MB |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for c in cold:
        a = c.get("activity") or {}
        ratio = f'{c["cold_vs_warm"]:.0%}' + (" **below 80%**" if c["cold_vs_warm"] < 0.8 else "") if c["cold_vs_warm"] is not None else "—"
        j = c.get("jit_compiles")
        compiles = f'{j["c1"]:,} + {j["c2"]:,}' if j else "—"
        md.append(f'| {c["label"]} | {c["cold_rps"]:,.0f} | {c["warm_rps"] or 0:,.0f} | {ratio} | '
                  f'{c["cold70_p99_ms"] if c["cold70_p99_ms"] is None else round(c["cold70_p99_ms"], 1)} | {c["cold_errors"]} | '
                  f'{a.get("max_idle_in_tx", "—")} | {a.get("max_pool_queue", "—")} | '
                  f'{"—" if c["cpu_percent"] is None else str(c["cpu_percent"]) + "%"} | {pct(c["jit_cpu_share"])} | '
                  f'{compiles} | {pct(c["machine_busy"])} | '
                  f'{"—" if c["wal_mb"] is None else c["wal_mb"]} |')
    compiled = [c for c in cold if c.get("jit_compiles")]
    if compiled:
        md += ["", "What the JIT compiled while each scenario ran cold (`-XX:+PrintCompilation` of its engine, the cold full-speed "
               "run's window), the libraries with the most methods: code that the engine's start-up warm-up did not run, or ran "
               "too little to compile."]
        for c in compiled:
            libs = ", ".join(f"{k} {v:,}" for k, v in list(c["jit_compiles"]["by_library"].items())[:5])
            md.append(f'- {c["label"]}: {libs}')
if slow_start:
    md += ["", "## A fresh engine behind a load balancer's slow start", "",
           "What the cold pass shows is what a replica meets when it gets its full share at once. The remedy an operator has "
           "is a slow start on the load balancer (README, \"A fresh replica\"). Each write scenario and the mixed day ran "
           f"on an engine started just for it: arrivals climbing in a straight line from 10% to 100% of the warm run's 70% "
           f"rate over {slow_start[0]['ramp_s']} s, then {env.get('duration')} s at that rate. "
           "Behind schedule: requests sent late because every connection was still waiting (the engine fell behind).", "",
           "| scenario | rate reached, req/s | p99 while climbing, ms | longest while climbing, ms | p99 at the rate, ms (warm engine's) | achieved at the rate, req/s | behind schedule | errors | JIT share climbing / at the rate |",
           "|---|---|---|---|---|---|---|---|---|"]
    for x in slow_start:
        md.append(f'| {x["label"]} | {x["rate"]:,} | {x["ramp_p99_ms"]:.1f} | {x["ramp_max_ms"]:.0f} | {x["held_p99_ms"]:.1f} '
                  f'({"—" if x["warm_p99_ms"] is None else round(x["warm_p99_ms"], 1)}) | {x["held_rps"]:,.0f} | '
                  f'{x["ramp_behind"] + x["held_behind"]:,} | {x["errors"]} | {pct(x["ramp_jit"])} / {pct(x["held_jit"])} |')
if pairs:
    md += ["", "## Cached eligibility and the bare endpoint, in turn", "",
           f"The ceiling and the scenario's peak above are minutes apart, with pgbench's ceilings between them, and a shared VM "
           f"changes speed in minutes. So after the scenario the warm engine ran the two in turn, {len(pairs)} pairs of "
           f"{env.get('pair_seconds', '10')} s each, the order swapped every other pair; the target is judged on the median of the "
           f"pairs' ratios: **{paired_ratio:.1%}**. Engine CPU per request from `/proc`.", "",
           "| pair | first | bare endpoint req/s | cached eligibility req/s | ratio | engine µs per ping | engine µs per check |",
           "|---|---|---|---|---|---|---|"]
    for p in pairs:
        us = lambda v: "—" if v is None else f"{v:.1f}"
        md.append(f'| {p["pair"]} | {p["first"]} | {p["ping_rps"]:,.0f} | {p["elig_rps"]:,.0f} | {p["ratio"]:.1%} | '
                  f'{us(p["ping_engine_us"])} | {us(p["elig_engine_us"])} |')
md += ["", "This machine's PostgreSQL runs with `autovacuum` off; production never does. The bench runs `VACUUM (ANALYZE)` on the whole "
       "database after seeding and between parts instead."]
md += ["", f'Engine GC over the warm run (its engine, started after the cold pass): {gc["pauses"]} pauses, {gc["total_ms"]:,} ms in all, p99 {gc["p99_ms"]} ms, longest {gc["max_ms"]} ms '
       f'(heap and flags: `ENGINE_JAVA_OPTS` in `scripts/lib.sh`).']
md += ["", "SSE latency is publish-to-receive: from the event's outbox write (`recordedAt`, the engine's wall clock when it inserts the row, so the commit's own wait is included) to its arrival in the client, on the same machine.", "",
       "## Targets", "", "| target | result | value |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in targets]
md += ["", "## Plots", "", f"![throughput](plots/{name}-throughput.png)", "", f"![latency](plots/{name}-latency.png)", ""]
costs = [r for r in rows if r["per_request"]]
if costs:
    md += ["## What one request costs", "",
           "Per request of each warm phase, from `/proc` at the phase's edges: the engine's CPU and PostgreSQL's (every "
           "`postgres` process), and the engine's read and write system calls. Peaks move between runs of one jar on a "
           "shared VM; these move much less, so a change that saves work shows here first.", "",
           "| scenario | engine CPU ms (peak / 70%) | PostgreSQL CPU ms (peak / 70%) | engine reads | engine writes (peak / 70%) |",
           "|---|---|---|---|---|"]
    for r in costs:
        a, b = r["per_request"], r["per_request_at70"] or {}
        md.append(f'| {r["label"]} | {a["engine_ms"]:.3f} / {b.get("engine_ms", 0):.3f} | {a["pg_ms"]:.3f} / {b.get("pg_ms", 0):.3f} | '
                  f'{a["reads"]:.1f} | {a["writes"]:.1f} / {b.get("writes", 0):.1f} |')
    md.append("")
md += ["## Where the engine's CPU goes (async-profiler, each peak run)", "",
       "Share of the engine's CPU samples (itimer, 5 ms) whose stack contains each part; a sample can count for more than one. "
       f"The flame graphs are in `flames/{name}-<scenario>.html`.", "",
       "| scenario | samples | JIT | GC | PG client | Redis | Kafka | Jackson | security | engine code | flame graph |", "|---|---|---|---|---|---|---|---|---|---|---|"]
for key, label, _ in [("ping", "bare endpoint", "http")] + SCENARIOS:
    p = profiles.get(key)
    if not p or not p["samples"]:
        continue
    sh = p["shares"]
    md.append(f'| {label} | {p["samples"]:,} | ' + " | ".join(f"{sh[k]:.0%}" for k in sh) + f' | [html](flames/{name}-{key}.html) |')
md += ["", "Heaviest engine frames (inclusive):", ""]
for key, label, _ in SCENARIOS:
    p = profiles.get(key)
    if p and p["top_engine_frames"]:
        md.append(f'- {label}: ' + "; ".join(f'`{f.replace("com/oncopay/", "").replace("/", ".")}` {v:.0%}' for f, v in p["top_engine_frames"][:4]))
md.append("")
notes = out + "-notes.md"  # written by a person after the run; kept when the report is made again
if os.path.exists(notes):
    md += ["", open(notes).read().rstrip()]
open(out + ".md", "w").write("\n".join(md) + "\n")
json.dump({"name": name, "env": env, "ceilings": ceilings, "scenarios": rows, "cold": cold, "slow_start": slow_start, "sse": sse, "rss_after_mixed_mb": rss_after_mixed,
           "pgbench_at70": pgbench_at70, "relay": relay, "pairs": pairs, "paired_ratio": paired_ratio, "gc": gc, "profiles": profiles}, open(out + ".json", "w"), indent=1)

# plots
dat = os.path.join(raw, "plot.dat")
with open(dat, "w") as f:
    f.write('label peak p50 p95 p99\n')
    f.write(f'"bare HTTP" {ceilings["http"]:.0f} 0 0 0\n')
    f.write(f'"pgbench redeem SQL" {pgbench_tps:.0f} 0 0 0\n')
    for r in rows:
        f.write(f'"{r["key"]}" {r["peak_rps"]:.0f} {r["p50_ms"]:.3f} {r["p95_ms"]:.3f} {r["p99_ms"]:.3f}\n')
script = f"""
set terminal pngcairo size 1000,500 font ",10"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set xtics rotate by -30
set key top left
set grid ytics
set output "{plots}/{name}-throughput.png"
set title "Peak throughput (req/s), ceilings first — {name}"
plot "{dat}" using 2:xtic(1) title "req/s"
set output "{plots}/{name}-latency.png"
set title "Latency at 70% of peak (ms) — {name}"
set yrange [0:*]
plot "< tail -n +4 {dat}" using 3:xtic(1) title "p50", "" using 4 title "p95", "" using 5 title "p99", 25 with lines lw 2 dt 2 title "25 ms target"
"""
try:
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
except Exception as e:  # the tables are the result; a missing plot is reported, not fatal
    print(f"plots not written: {e}", file=sys.stderr)
print(out + ".md")
