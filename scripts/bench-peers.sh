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

(cd "$HERE" && cargo build --release --locked --quiet)
OURS_BIN=$HERE/target/release/explainer

# gen.py draws 15 × N people from 650 first-and-last-name pairs, so from N=100
# on many people share a name. explainer refuses that (a mention must say whom
# it names), so it builds a copy in which each later holder of a name gets
# their id's number after it ("Rosa Petrov 74"), in facts.yaml and in the
# article's lines that quote them. Everything else is byte for byte the same.
mkdir -p "$WORK/sites" "$WORK/ours"
for n in "${NS[@]}"; do
  python3 "$BENCH/gen.py" "$n" "$WORK/sites" >/dev/null
  rm -rf "$WORK/ours/contract-$n"
  cp -r "$WORK/sites/contract-$n" "$WORK/ours/contract-$n"
  python3 - "$WORK/ours/contract-$n" <<'PY'
import re, sys
root = sys.argv[1]
facts_path, article_path = root + "/content/facts.yaml", root + "/content/article.md"
lines = open(facts_path, encoding="utf-8").read().split("\n")
seen, renamed, speakers, pid = set(), {}, [], None
for i, line in enumerate(lines):
    if line.startswith("  - id: "):
        pid = line[len("  - id: "):]
    elif line.startswith("    name: ") and pid:
        name = line[len('    name: "'):-1]
        if name in seen:
            new = "%s %s" % (name, pid.rsplit("-", 1)[1])
            renamed[pid] = (name, new)
            lines[i] = '    name: "%s"' % new
        seen.add(name)
        pid = None
    elif line.startswith("  - speaker: "):
        speakers.append(line[len("  - speaker: "):])
open(facts_path, "w", encoding="utf-8").write("\n".join(lines))
article = open(article_path, encoding="utf-8").read().split("\n")
start = article.index("## Voices")
k = 0
for i in range(start + 1, len(article)):
    if article[i].startswith("\u201c"):
        if speakers[k] in renamed:
            old, new = renamed[speakers[k]]
            head, sep, tail = article[i].rpartition("\u201d " + old + " said ")
            assert sep, article[i]
            article[i] = head + "\u201d " + new + " said " + tail
        k += 1
assert k == len(speakers), (k, len(speakers))
open(article_path, "w", encoding="utf-8").write("\n".join(article))
PY
done

OURS="'$OURS_BIN' build --root '$WORK/ours/contract-{N}' --output {OUT}" \
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
print("| N | explainer | Hugo | Zola | explainer ÷ Hugo |")
print("|---|---|---|---|---|")
fmt = lambda t, m: "-" if t is None else "%.0f ms, %.0f MiB" % (t * 1000, m or 0)
for n in ns:
    o, h, z = (wall("%s-%s" % (p, n)) for p in ("ours", "hugo", "zola"))
    ratio = "%.2f" % (o / h) if o and h else "-"
    print("| %s | %s | %s | %s | %s |" % (n, fmt(o, rss("ours-" + n)), fmt(h, rss("hugo-" + n)),
          fmt(z, rss("zola-" + n)), ratio))
if all(wall("ours-" + n) for n in ("100", "1000")):
    print("\nexplainer N=100 → N=1000: %.1f×" % (wall("ours-1000") / wall("ours-100")))
PY
