#!/usr/bin/env bash
# Lints a folder of real-world Jenkinsfiles (kept outside the repository: they are other projects' files)
# with the published containercd, one whole process per file as a user runs it, and prints how many lint
# clean, the slowest files, and the first error of each file that does not. DIR/REJECTED.txt, if present,
# lists (tab-separated: file name, why) the files Jenkins itself rejects: those must get an error, and the
# rate that matters is that of the others.
# Usage: bench/realworld-lint.sh DIR   (every regular file under DIR/files, or under DIR, is a Jenkinsfile)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: bench/realworld-lint.sh DIR}"
rejected_list="$dir/REJECTED.txt"
[ -d "$dir/files" ] && dir="$dir/files"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "publishing containercd (ReadyToRun, linux-x64)..." >&2
dotnet publish "$root/Server/ContainerCd.Server.csproj" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -v quiet -nologo -o "$work/containercd" >&2
lint="$work/containercd/containercd"

total=0 clean=0 valid=0 valid_clean=0 invalid=0 invalid_caught=0
is_rejected() { [ -f "$rejected_list" ] && grep -q "^$1	" "$rejected_list"; }
: > "$work/times"
: > "$work/failures"
while IFS= read -r -d '' file; do
  total=$((total + 1))
  name="$(basename "$file")"
  start=$(date +%s%N)
  if "$lint" lint "$file" > "$work/out" 2>&1; then
    clean=$((clean + 1))
    if is_rejected "$name"; then invalid=$((invalid + 1)); echo "$name: lints clean, but Jenkins rejects it" >> "$work/failures"
    else valid=$((valid + 1)) valid_clean=$((valid_clean + 1)); fi
  else
    tag=""
    if is_rejected "$name"; then invalid=$((invalid + 1)) invalid_caught=$((invalid_caught + 1)) tag="   [Jenkins rejects it too]"; else valid=$((valid + 1)); fi
    echo "$name: $(grep -m1 ': error: ' "$work/out" | sed "s|^$file:||" || head -c 200 "$work/out")$tag" >> "$work/failures"
  fi
  echo "$(( ($(date +%s%N) - start) / 1000000 )) $name" >> "$work/times"
done < <(find "$dir" -type f -print0 | sort -z)

[ "$total" -gt 0 ] || { echo "no files under $dir" >&2; exit 2; }
echo "files: $total   lint clean: $clean ($(awk -v c="$clean" -v t="$total" 'BEGIN {printf "%.1f", 100 * c / t}')%)"
if [ -f "$rejected_list" ]; then
  echo "files Jenkins accepts: $valid, lint clean: $valid_clean ($(awk -v c="$valid_clean" -v t="$valid" 'BEGIN {printf "%.1f", t ? 100 * c / t : 0}')%)"
  echo "files Jenkins rejects ($rejected_list): $invalid, rejected: $invalid_caught"
fi
echo "lint process time per file (ms): median $(sort -n "$work/times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'), max $(sort -n "$work/times" | tail -1)"
echo "over 1 s: $(awk '$1 > 1000' "$work/times" | wc -l)"
if [ -s "$work/failures" ]; then
  echo "not clean:"
  sed 's/^/  /' "$work/failures"
fi
