#!/usr/bin/env bash
# Time explainer beside Hugo and Zola on the shared explainer workload, in one
# run, and print a table of wall time (median) and peak memory.
#
# usage: scripts/bench-peers.sh [N ...]      (default N: 1 100 1000)
#
# Needs the workload generator and runner in ../shared/bench (gen.py,
# run-peers.sh), python3, hyperfine and /usr/bin/time; installs hugo,
# hyperfine and time from Debian when missing and run as root. Zola is not
# packaged: it is measured only when a `zola` binary is on PATH.
#
# Environment: WORK (scratch folder, default /tmp/explainer-bench), RUNS
# (timed runs per command, default 5), PEERS (default "hugo zola"; add jekyll
# if wanted: it takes minutes at N=1000), BENCH (the bench folder).
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH:-$HERE/../shared/bench}
export WORK=${WORK:-/tmp/explainer-bench}
export RUNS=${RUNS:-5}
export PEERS=${PEERS:-hugo zola}
NS=("$@")
[ ${#NS[@]} -gt 0 ] || NS=(1 100 1000)

[ -f "$BENCH/gen.py" ] && [ -f "$BENCH/run-peers.sh" ] || {
  echo "no workload at $BENCH (gen.py, run-peers.sh); set BENCH" >&2
  exit 1
}
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
case " $PEERS " in *" hugo "*) command -v hugo >/dev/null || missing+=(hugo) ;; esac
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y "${missing[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null; }
  else
    echo "missing: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
fi
if [ -z "${ZOLA:-}" ] && ! command -v zola >/dev/null; then
  echo "# zola is not on PATH: it is left out of this run (it is not packaged)"
  PEERS=$(echo " $PEERS " | sed 's/ zola / /; s/^ *//; s/ *$//')
  export PEERS
fi

mkdir -p "$WORK"
(cd "$HERE" && cargo build --release --locked --quiet)
OURS_BIN=${CARGO_TARGET_DIR:-$HERE/target}/release/explainer

# The workload is built as gen.py writes it, for every generator alike.
OURS="'$OURS_BIN' build --root '$WORK/sites/contract-{N}' --output {OUT}" \
  bash "$BENCH/run-peers.sh" "${NS[@]}" | tee "$WORK/peers.log"

# One line per N: explainer against Hugo, from the same run.
python3 - "$WORK/results" "${NS[@]}" <<'PY'
import json, os, statistics, sys
res, ns = sys.argv[1], sys.argv[2:]
def wall(tag):
    p = os.path.join(res, tag + ".hyperfine.json")
    try:
        return statistics.median(json.load(open(p))["results"][0]["times"])
    except (OSError, ValueError, KeyError, IndexError):
        return None
def rss(tag):
    p = os.path.join(res, tag + ".rss.txt")
    if not os.path.exists(p): return None
    v = [int(l.split()[0].split("=")[1]) for l in open(p) if l.startswith("maxrss_kb=")]
    return statistics.median(v) / 1024 if v else None
print()
print("| N | explainer | Hugo | Zola | ÷ Hugo | ÷ Zola |")
print("|---|---|---|---|---|---|")
fmt = lambda t, m: "-" if t is None else "%.0f ms, %.0f MiB" % (t * 1000, m or 0)
ratio = lambda a, b: "%.2f" % (a / b) if a and b else "-"
for n in ns:
    o, h, z = (wall("%s-%s" % (p, n)) for p in ("ours", "hugo", "zola"))
    print("| %s | %s | %s | %s | %s | %s |" % (n, fmt(o, rss("ours-" + n)), fmt(h, rss("hugo-" + n)),
          fmt(z, rss("zola-" + n)), ratio(o, h), ratio(o, z)))
if all(wall("ours-" + n) for n in ("100", "1000")):
    print("\nexplainer N=100 → N=1000: %.1f×" % (wall("ours-1000") / wall("ours-100")))
PY
