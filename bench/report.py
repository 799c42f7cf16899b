#!/usr/bin/env python3
"""Turns one benchmark run's raw files into <out>.md (tables), <out>.json (for bench/compare)
and two PNG plots (gnuplot). Usage: report.py RAW_DIR OUT_PREFIX   (standard library only)."""
import json
import os
import re
import subprocess
import sys

raw, out = sys.argv[1], sys.argv[2]
name = os.path.basename(out)
plots = os.path.join(os.path.dirname(out), "plots")
os.makedirs(plots, exist_ok=True)


def load(path):
    p = os.path.join(raw, path)
    return json.load(open(p)) if os.path.exists(p) else None


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
ceilings = {"http": ping["rps"], "redis_get": redis.get("GET", 0.0), "pgbench_redeem": pgbench_tps}

SCENARIOS = [
    ("elig-cached", "(1) eligibility, cached", "http"),
    ("elig-cold", "(2) eligibility, cache cold", "http"),
    ("search", "(3) catalog search", "http"),
    ("submit", "(4) prescription submit, straight-through", "http"),
    ("fulfil", "(5) fulfilment with pickup-code issue", "http"),
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
        "at70_rps": at70["rps"], "p50_ms": at70["p50_ms"], "p95_ms": at70["p95_ms"], "p99_ms": at70["p99_ms"], "at70_errors": at70["errors"],
        "cpu_percent": proc.get("cpu_percent"), "rss_mb": proc.get("rss_mb"),
    })
sse = load("sse.json") or {}
sse_load = load("sse-load.at70.json") or {}
rss_after_mixed = int(open(os.path.join(raw, "rss-after-mixed.txt")).read().strip() or 0)
hot = open(os.path.join(raw, "mixed-hot-methods.txt")).read().strip() if os.path.exists(os.path.join(raw, "mixed-hot-methods.txt")) else ""

targets = []
by = {r["key"]: r for r in rows}
def target(text, ok, value):
    targets.append((text, "met" if ok else "**missed**", value))

if "elig-cached" in by:
    target("cached eligibility ≥ 50% of the bare endpoint", by["elig-cached"]["ratio"] >= 0.5, f'{by["elig-cached"]["ratio"]:.0%}')
if "redeem" in by:
    target("redemption ≥ 50% of pgbench (same SQL)", by["redeem"]["ratio"] >= 0.5, f'{by["redeem"]["ratio"]:.0%}')
worst = max(rows, key=lambda r: r["p99_ms"])
target("p99 < 25 ms for every scenario at 70% of its peak", all(r["p99_ms"] < 25 for r in rows), f'worst {worst["label"]}: {worst["p99_ms"]:.1f} ms')
errors = sum(r["peak_errors"] + r["at70_errors"] for r in rows) + sse_load.get("errors", 0) + sse.get("failed", 0)
target("zero errors", errors == 0, str(errors))
if sse:
    target("SSE publish-to-receive p99 < 250 ms with 500 streams", sse.get("streams") == 500 and (sse.get("p99_ms") or 1e9) < 250,
           f'{sse.get("streams")} streams, {sse.get("events")} events, p99 {sse.get("p99_ms")} ms')
target("RSS < 400 MB after the mixed run", rss_after_mixed < 400, f"{rss_after_mixed} MB")

md = [f"# Benchmark {name}", "",
      f'{env.get("date")} · {env.get("cpu")} · {env.get("cores")} cores · {env.get("memory_gb")} GB · {env.get("java")} · '
      f'PostgreSQL {env.get("postgres")} · Redis {env.get("redis")} · {env.get("wrk")} · commit {env.get("commit")}', "",
      f'Load generator on the same machine as the engine and its services. wrk {env.get("threads")} threads × {env.get("connections")} connections; '
      f'{env.get("warmup")} s warm-up (not reported), then {env.get("duration")} s at full speed (peak) and {env.get("duration")} s paced at 70% '
      f'of that peak (latency columns). Seeded: {int(env.get("members", 0)):,} members with policies and diagnoses, '
      f'{int(env.get("pharmacies", 0)):,} pharmacies with {int(env.get("prices", 0)):,} prices (all 188 drugs), {int(env.get("codes", 0)):,} pickup codes issued.', "",
      "## Ceilings (same run)", "",
      "| ceiling | throughput |", "|---|---|",
      f'| bare Quarkus endpoint `GET /api/v1/ping` (wrk) | {ceilings["http"]:,.0f} req/s (p99 {ping["p99_ms"]:.1f} ms) |',
      f'| `redis-benchmark` GET of a {open(os.path.join(raw, "eligibility-size.txt")).read().strip()}-byte value (eligibility-entry size) | {ceilings["redis_get"]:,.0f} req/s |',
      f'| `pgbench` with the redemption\'s SQL in one transaction (16 clients) | {pgbench_tps:,.0f} tx/s (mean {pgbench_latency} ms) |', "",
      "## Scenarios", "",
      "| scenario | peak req/s | vs ceiling | at 70%: req/s | p50 ms | p95 ms | p99 ms | errors (peak + 70%) | engine CPU at peak | RSS MB |",
      "|---|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    md.append(f'| {r["label"]} | {r["peak_rps"]:,.0f} | {r["ratio"]:.0%} of {r["ceiling"]} | {r["at70_rps"]:,.0f} | {r["p50_ms"]:.2f} | {r["p95_ms"]:.2f} | '
              f'{r["p99_ms"]:.2f} | {r["peak_errors"] + r["at70_errors"]} | {r["cpu_percent"]}% | {r["rss_mb"]} |')
if sse:
    md.append(f'| (7) SSE fan-out: {sse.get("streams")} streams during (5) at 70% ({sse_load.get("rps", 0):,.0f} req/s) | | | {sse.get("events")} events received | '
              f'{sse.get("p50_ms")} | {sse.get("p95_ms")} | {sse.get("p99_ms")} | {sse_load.get("errors", 0) + sse.get("failed", 0)} | | |')
md += ["", "SSE latency is publish-to-receive: from the event's outbox commit (`recordedAt`, database clock) to its arrival in the client.", "",
       "## Targets", "", "| target | result | value |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in targets]
md += ["", "## Plots", "", f"![throughput](plots/{name}-throughput.png)", "", f"![latency](plots/{name}-latency.png)", ""]
if hot:
    md += ["## Where the CPU goes under the mixed load (JFR execution samples, top frames)", "", "```", hot, "```", ""]
open(out + ".md", "w").write("\n".join(md) + "\n")
json.dump({"name": name, "env": env, "ceilings": ceilings, "scenarios": rows, "sse": sse, "rss_after_mixed_mb": rss_after_mixed}, open(out + ".json", "w"), indent=1)

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
set key top right
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
