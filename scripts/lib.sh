# Shared helpers for the local-service scripts. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${ONCOPAY_STATE_DIR:-${TMPDIR:-/tmp}/oncopay-services}"
CACHE_DIR="${ONCOPAY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/oncopay}"
KAFKA_VERSION="4.1.1"
PG_HOST=127.0.0.1 PG_PORT=5432 REDIS_PORT=6379 KAFKA_PORT=9092
mkdir -p "$STATE_DIR" "$CACHE_DIR"

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
