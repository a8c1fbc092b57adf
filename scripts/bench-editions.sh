#!/usr/bin/env bash
# Build time of the shipped story with N past editions in its git history
# (default 50) beside the same story with none: the same files, once in a
# plain folder and once as the last of N+1 dated commits, each adding an
# update (so each is an edition of its own) and a takeaway.
#
#   scripts/bench-editions.sh [N] [RUNS]
#
# Prints the median of RUNS (default 7) builds of each, from a release
# binary, and leaves the two story folders in target/bench-editions/.
set -euo pipefail
n=${1:-50}
runs=${2:-7}
repo=$(cd "$(dirname "$0")/.." && pwd)
work="$repo/target/bench-editions"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$repo/target}/release/explainer"

rm -rf "$work"
mkdir -p "$work/history" "$work/plain"
cp -r "$repo/content" "$work/history/"
cd "$work/history"
git() {
  command git -c user.name=Bench -c user.email=bench@example.org \
    -c commit.gpgsign=false -c init.defaultBranch=main "$@"
}
git init -q
printf 'public/\n' > .gitignore
facts=content/facts.yaml
# The story's own updates stay; new ones go first under `updates:`.
for i in $(seq 1 "$n"); do
  stamp=$(printf '2025-03-%02dT%02d:00:00Z' $(( (i - 1) / 24 + 11 )) $(( (i - 1) % 24 )))
  python3 - "$facts" "$stamp" "$i" <<'PY'
import sys
path, stamp, i = sys.argv[1:]
text = open(path, encoding="utf-8").read()
text = text.replace("updates:\n", f"updates:\n  - at: {stamp}\n    text: Edition {i} of the day.\n", 1)
text = text.replace("takeaways:\n", f"takeaways:\n  - Point {i} added with edition {i}.\n", 1)
open(path, "w", encoding="utf-8").write(text)
PY
  GIT_AUTHOR_DATE=$stamp GIT_COMMITTER_DATE=$stamp git add -A
  GIT_AUTHOR_DATE=$stamp GIT_COMMITTER_DATE=$stamp git commit -q -m "Edition $i"
done
# The latest edition: one more update, not yet committed.
python3 - "$facts" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("updates:\n", "updates:\n  - at: 2025-03-31T12:00:00Z\n    text: The latest.\n", 1)
open(path, "w", encoding="utf-8").write(text)
PY
cp -r content "$work/plain/"

median() {
  local root=$1 times=()
  "$bin" build --root "$root" > /dev/null 2>&1
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N)
    "$bin" build --root "$root" > /dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
with=$(median "$work/history")
without=$(median "$work/plain")
editions=$(ls "$work/history/public/editions" | wc -l)
printf 'past editions built: %s\n' "$editions"
printf 'with %s editions: %s ms\n' "$n" "$(awk "BEGIN{printf \"%.1f\", $with/1000}")"
printf 'with none:        %s ms\n' "$(awk "BEGIN{printf \"%.1f\", $without/1000}")"
"$bin" build --root "$work/history" --verbose 2>&1 | tail -2
