#!/usr/bin/env python3
"""What each request cost the engine and PostgreSQL in CPU and system calls, phase by phase of `bench/run`.

Peak throughput moves by a third between two runs of one jar on the same VM (bench/results/*-notes.md), so a change
that saves a few system calls cannot be seen in it. Counted per request, at the phase's own rate, it can.

  bench/per-request.py sample FILE        # once a second until stopped: the bench engine's and PostgreSQL's
                                          # CPU ticks and read/write system calls (/proc/<pid>/stat and io; root)
  bench/per-request.py report FILE RAW... # per request in each phase of those bench/run raw folders that the
                                          # samples cover (a phase's window: its json's mtime minus its seconds)

The engine is the one named by bench/run's pid file; PostgreSQL is every process named postgres (its backends persist
through a phase: the pool's connections). A counter that goes down (a process gone) is skipped for that second.
"""
import glob
import json
import os
import sys
import time

PIDFILE = os.environ.get('ONCOPAY_STATE_DIR', '/tmp/oncopay-services') + '/bench-engine.pid'
TICK = os.sysconf('SC_CLK_TCK')


def io(pid):
    d = {}
    try:
        for line in open(f'/proc/{pid}/io'):
            k, v = line.split(':')
            d[k] = int(v)
    except OSError:
        pass
    return d


def ticks(pid):
    try:
        s = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
        return int(s[11]) + int(s[12])
    except (OSError, IndexError):
        return 0


def sample(path):
    out = open(path, 'a', buffering=1)
    while True:
        t = time.time()
        try:
            e = int(open(PIDFILE).read())
        except (OSError, ValueError):
            e = 0
        ei = io(e) if e else {}
        pt = pr = pw = 0
        for p in os.listdir('/proc'):
            if not p.isdigit():
                continue
            try:
                if open(f'/proc/{p}/comm').read().strip() != 'postgres':
                    continue
            except OSError:
                continue
            pt += ticks(p)
            i = io(p)
            pr += i.get('syscr', 0)
            pw += i.get('syscw', 0)
        out.write(f"{t:.2f}\t{e}\t{ticks(e) if e else 0}\t{ei.get('syscr', 0)}\t{ei.get('syscw', 0)}"
                  f"\t{pt}\t{pr}\t{pw}\n")
        time.sleep(max(0.0, 1 - (time.time() - t)))


def report(path, raws):
    rows = [list(map(float, line.split('\t'))) for line in open(path) if line.strip()]
    print('| run | scenario | phase | req/s | engine CPU ms | engine writes | engine reads | PostgreSQL CPU ms '
          '| PostgreSQL reads | PostgreSQL writes |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for raw in raws:
        for f in sorted(glob.glob(f'{raw}/*.json')):
            name = os.path.basename(f)[:-5]
            if name.count('.') != 1 or not name.endswith(('.peak', '.at70')):
                continue
            j = json.load(open(f))
            t1 = os.path.getmtime(f)
            t0 = t1 - j['seconds']
            inside = [r for r in rows if t0 <= r[0] <= t1]
            if not inside:
                continue
            engine = max(int(r[1]) for r in inside)
            sel = [r for r in inside if int(r[1]) == engine]
            if len(sel) < 2 or sel[-1][0] - sel[0][0] < j['seconds'] / 2:
                continue
            acc = [0.0] * 8
            for a, b in zip(sel, sel[1:]):
                for k in range(2, 8):
                    if b[k] >= a[k]:
                        acc[k] += b[k] - a[k]
            n = j['rps'] * (sel[-1][0] - sel[0][0])
            scenario, phase = name.split('.')
            print(f"| {os.path.basename(raw)} | {scenario} | {phase} | {j['rps']:,.0f} "
                  f"| {1000 * acc[2] / TICK / n:.3f} | {acc[4] / n:.2f} | {acc[3] / n:.2f} "
                  f"| {1000 * acc[5] / TICK / n:.3f} | {acc[6] / n:.2f} | {acc[7] / n:.2f} |")


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'sample':
        sample(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == 'report':
        report(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
