#!/usr/bin/env bash
# Instructions per stage, counted by valgrind's callgrind: a figure the
# machine's load does not move, for comparing two versions of the build.
#
#   scripts/callgrind-stages.sh [N]      (default N: 100)
#
# Builds the release binary, writes the shared workload's story of scale N
# (../shared/bench/gen.py) into $WORK (default /tmp/explainer-callgrind),
# builds it once to fill its cache, then once under callgrind, and prints
# the inclusive instruction count of each stage's entry point and of the
# whole build. Needs valgrind (Debian's `valgrind`, with callgrind_annotate).
set -euo pipefail
n=${1:-100}
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${BENCH:-$here/../shared/bench}
work=${WORK:-/tmp/explainer-callgrind}
target=${CARGO_TARGET_DIR:-$here/target}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
(cd "$here" && cargo build --release --locked --quiet)
bin=$target/release/explainer
mkdir -p "$work"
[ -d "$work/contract-$n" ] || python3 "$bench/gen.py" "$n" "$work" >/dev/null
story=$work/contract-$n
"$bin" build --root "$story" --output "$work/out-$n" >/dev/null 2>&1
rm -f "$work"/callgrind.out.*
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out.$n" \
  "$bin" build --root "$story" --output "$work/out-$n" >/dev/null 2>&1
annotated=$(callgrind_annotate --inclusive=yes --threshold=100 "$work/callgrind.out.$n" 2>/dev/null)
count() {
  # The inclusive count of the function named $1: callgrind_annotate lists
  # it once per source file its code came from (inlined code included),
  # and the largest of those counts is the whole function's.
  grep -E ":$1( \[|$)" <<<"$annotated" | awk '{gsub(",", "", $1); print $1}' | sort -n | tail -n 1 || true
}
total=$(grep -m1 "PROGRAM TOTALS" <<<"$annotated" | awk '{gsub(",", "", $1); print $1}' || true)
printf '| stage | instructions (N=%s) |\n|---|---|\n' "$n"
for stage in load::load validate::validate render::render_site_into write::write_each write::Staging::commit; do
  c=$(count "explainer::${stage}")
  printf '| %s | %s M |\n' "$stage" "$(( ${c:-0} / 1000000 ))"
done
printf '| whole process | %s M |\n' "$(( ${total:-0} / 1000000 ))"
