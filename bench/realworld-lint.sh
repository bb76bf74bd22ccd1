#!/usr/bin/env bash
# Lints a folder of real-world Jenkinsfiles (kept outside the repository: they are other projects' files)
# with the published containercd, one whole process per file as a user runs it, and prints how many lint
# clean, the slowest files, and the first error of each file that does not.
# Usage: bench/realworld-lint.sh DIR   (every regular file under DIR/files, or under DIR, is a Jenkinsfile)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: bench/realworld-lint.sh DIR}"
[ -d "$dir/files" ] && dir="$dir/files"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "publishing containercd (ReadyToRun, linux-x64)..." >&2
dotnet publish "$root/Server/ContainerCd.Server.csproj" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -v quiet -nologo -o "$work/containercd" >&2
lint="$work/containercd/containercd"

total=0 clean=0
: > "$work/times"
: > "$work/failures"
while IFS= read -r -d '' file; do
  total=$((total + 1))
  start=$(date +%s%N)
  if "$lint" lint "$file" > "$work/out" 2>&1; then
    clean=$((clean + 1))
  else
    echo "$(basename "$file"): $(grep -m1 ': error: ' "$work/out" | sed "s|^$file:||" || head -c 200 "$work/out")" >> "$work/failures"
  fi
  echo "$(( ($(date +%s%N) - start) / 1000000 )) $(basename "$file")" >> "$work/times"
done < <(find "$dir" -type f -print0 | sort -z)

[ "$total" -gt 0 ] || { echo "no files under $dir" >&2; exit 2; }
echo "files: $total   lint clean: $clean ($(awk -v c="$clean" -v t="$total" 'BEGIN {printf "%.1f", 100 * c / t}')%)"
echo "lint process time per file (ms): median $(sort -n "$work/times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'), max $(sort -n "$work/times" | tail -1)"
echo "over 1 s: $(awk '$1 > 1000' "$work/times" | wc -l)"
if [ -s "$work/failures" ]; then
  echo "not clean:"
  sed 's/^/  /' "$work/failures"
fi
