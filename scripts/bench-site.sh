#!/usr/bin/env bash
# A site of N stories (default 200), each the shipped story (content/) under
# its own title, built:
#   - one story at a time, each as a story root of its own (the sum of N
#     single builds);
#   - as one site, from nothing (no public/, no .cache/);
#   - again with nothing changed, then with one story's article edited;
# with the wall time and peak memory (VmHWM, from /usr/bin/time) of each.
#
#   scripts/bench-site.sh [N]
#
# From a release binary; leaves the site in target/bench-site/.
set -euo pipefail
n=${1:-200}
repo=$(cd "$(dirname "$0")/.." && pwd)
work="$repo/target/bench-site"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$repo/target}/release/explainer"

rm -rf "$work"
mkdir -p "$work/stories"
cat > "$work/site.yaml" <<'YAML'
title: Bench desk
description: Many copies of the shipped story.
lang: en
YAML
for i in $(seq -f '%03g' 1 "$n"); do
  mkdir -p "$work/stories/s$i"
  cp -r "$repo/content" "$work/stories/s$i/"
  python3 - "$work/stories/s$i/content/article.md" "$i" <<'PY'
import sys
path, i = sys.argv[1:]
text = open(path, encoding="utf-8").read()
# The shipped title is quoted: the number goes inside the quotes.
text = text.replace('"\n', f' ({i})"\n', 1) if text.split("\n")[1].endswith('"') else text
open(path, "w", encoding="utf-8").write(text)
PY
done

# Wall seconds and peak KiB of one run of the binary.
measure() {
  /usr/bin/time -f '%e %M' -o "$work/.time" "$bin" "$@" >/dev/null 2>"$work/.err" || {
    cat "$work/.err"
    exit 1
  }
  cat "$work/.time"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
sum=0
peak_one=0
for i in $(seq -f '%03g' 1 "$n"); do
  read -r secs kib < <(measure build --root "$work/stories/s$i" --output "$work/single/s$i")
  sum=$(python3 -c "print($sum + $secs)")
  (( kib > peak_one )) && peak_one=$kib
done

# The single builds' output is removed only at the end: deleting thousands
# of files just before the site's build makes this disk's next file
# creations slower (ext4 passes over recently freed inodes).
read -r full full_kib < <(measure build --root "$work")
# The second build reads the first one's facts (its New marks): it renders
# every story once more; from the third on, unchanged stories come from the
# cache (linked, neither loaded nor checked), and the peak is the site's own
# pages and search index.
measure build --root "$work" >/dev/null
read -r same same_kib < <(measure build --root "$work")
printf '\nOne more paragraph, added by an editor.\n' >> "$work/stories/s001/content/article.md"
read -r edit edit_kib < <(measure build --root "$work" --verbose)
tail -1 "$work/.err"
size=$(du -sb "$work/public" | cut -f1)
rm -rf "$work/single"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$n" "$sum" "$peak_one" "$full" "$full_kib" "$same" "$same_kib" "$edit" "$edit_kib" "$size" <<'PY'
import sys
n, total, peak_one, full, full_kib, same, same_kib, edit, edit_kib, size = sys.argv[1:]
n = int(n); total, full, same, edit = map(float, (total, full, same, edit))
mib = lambda kib: int(kib) / 1024
print(f"stories: {n}, site on disk: {int(size) / 1e6:.1f} MB")
print(f"sum of {n} single builds: {total:.2f} s (largest peak {mib(peak_one):.0f} MiB)")
print(f"full site build, from nothing: {full:.2f} s = {full / total:.2f} x the sum; peak {mib(full_kib):.0f} MiB = {mib(full_kib) / mib(peak_one):.2f} x one story's")
print(f"rebuild, nothing changed: {same:.2f} s = {same / full:.1%} of the full build; peak {mib(same_kib):.0f} MiB (the site's pages and search index)")
print(f"rebuild, one article edited: {edit:.2f} s = {edit / full:.1%} of the full build; peak {mib(edit_kib):.0f} MiB")
PY
