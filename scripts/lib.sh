# Shared helpers for the local-service scripts. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${ONCOPAY_STATE_DIR:-${TMPDIR:-/tmp}/oncopay-services}"
CACHE_DIR="${ONCOPAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/oncopay}"
KAFKA_VERSION="4.1.1"
PG_HOST=127.0.0.1 PG_PORT=5432 REDIS_PORT=6379 KAFKA_PORT=9092
mkdir -p "$STATE_DIR" "$CACHE_DIR"
# The engine's JVM: its live set is about 40-55 MB under load (Hibernate Reactive's metamodel added about 10 MB to the
# 30 MB before it; with 128 MB, G1 then ran a concurrent cycle every few seconds and GC time doubled, bench/results
# 2026-12-02-vm-2c-after-18-notes.md), so a heap of 150-160 MB leaves room. G1 with a 100 ms pause goal: a 10 ms goal
# kept the young generation so small that requests were promoted and collected again in the old one (same jar and
# VM: GC time 3.4x and the longest pause 206 ms against 26 ms, bench/results/2026-12-03-vm-2c-statements-notes.md);
# the goal is a ceiling G1 sizes toward, not the pause it makes (p50 4.3 ms, p99 15.5 ms with 100). With
# ParallelGC the benchmark saw a 100-125 ms full collection about once a minute (old generation filled by requests
# promoted early), which landed in every scenario's p99; G1 has no full collections there (its longest pause on the
# shared 2-core machine was 68 ms, when the load generator and PostgreSQL had the CPU). Bounded code cache,
# metaspace and direct memory, and few malloc arenas, bound the RSS (445-495 MB after the bench's runs, bench/).
# A fixed marking threshold (70% of the heap) instead of G1's adaptive one: the live set is about 33 MB, but in a full
# bench run the old generation kept 10-15 MB of floating garbage and the adaptive threshold sat just above it, so G1
# started a marking cycle every 0.5 s (186 in one run; GC 8-20% of the engine's CPU). Fixed at 70%: 3 cycles, GC 2-6%,
# catalog search +21% and the mixed day +28% on the same VM (bench/results/2026-12-03-vm-2c-ihop70.md). The marking
# stack starts at 64k entries instead of 4M (32 MB committed for a 33 MB live set); G1 doubles it if marking overflows.
# The native heap is given back to the OS every 5 s (-XX:TrimNativeHeapInterval, JDK 17.0.9+): what the JIT's and
# start-up's malloc arenas freed stays resident otherwise. RSS after the mixed day 497 MB (with NMT's own 12) -> 441 MB
# in partial runs on one VM, 452 MB in two full runs (bench/results/2026-12-04-vm-2c-sse-trim-notes.md).
# The heap is 152 MB, not 160 (#22): in a full run on one 2-core VM the RSS after the mixed day fell to 444 MB (452 at
# 160 in the run before it, 448-458 across earlier full runs) with the GC threads at 3% of the engine's CPU at most and
# as many pauses; two partial runs back to back on one VM: 435 MB at 152, 444 at 160, 13% more pauses, GC share 1-2% in
# both (bench/results/2026-12-07-vm-2c-heap152-full-notes.md). 128 MB had doubled the pauses (2026-12-02).
# An OutOfMemoryError ends the process (the orchestrator starts a fresh one) instead of leaving a half-working engine.
# The image (src/main/docker/Dockerfile.jvm, JAVA_OPTS) runs with exactly these options, and MALLOC_ARENA_MAX below:
# EngineJvmOptionsTest fails when the two differ.
ENGINE_JAVA_OPTS="-XX:+UseG1GC -XX:MaxGCPauseMillis=100 -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:MarkStackSize=64k -Xms152m -Xmx152m -XX:MetaspaceSize=96m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=96m -Xss512k -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# The engine's JDK (#22): the machine's default java unless ENGINE_JAVA names another one (with a JDK 25 or later,
# compact object headers, JEP 519, are added). Chosen by measurement on one 2-core VM, same jar, flags and data
# (bench/results/2026-12-03-vm-2c-one-update-notes.md): against Temurin 25, JDK 17 made 10-37% more redemptions and
# mixed-day requests in each of three same-VM pairs and as many reads; Temurin 25's RSS was 15-20 MB lower and its JIT
# still held 19% of the engine's CPU in the warm redemption. E.g. ENGINE_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java.
engine_jvm() {
  ENGINE_JAVA="${ENGINE_JAVA:-java}"
  case "$("$ENGINE_JAVA" -version 2>&1 | head -1)" in
    *'"2'[5-9]*) ENGINE_JAVA_OPTS="$ENGINE_JAVA_OPTS -XX:+UseCompactObjectHeaders" ;;
  esac
}

log() { printf '[services] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port seconds
  local i
  for ((i = 0; i < $2 * 5; i++)); do port_open "$1" && return 0; sleep 0.2; done
  return 1
}

mark_started() { touch "$STATE_DIR/started-$1"; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then log "need root to apt-get install $*"; return 1; fi
  [ -f "$STATE_DIR/apt-updated" ] || { apt-get update -qq && touch "$STATE_DIR/apt-updated"; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
