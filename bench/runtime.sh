#!/usr/bin/env bash
# Runtime benchmarks (BENCHMARKS.md, runtime section), each against its raw baseline in the same run:
#  1. engine overhead per echo step: `containercd run` of N echo steps minus the same pipeline with none,
#     the process measured end to end, divided by N (median of RUNS runs);
#  2. 20 stages x 5 trivial `sh` steps on the host agent, first stage start to last stage end (reported by
#     containercd through CONTAINERCD_TIMINGS_FILE), against a plain shell loop of the same 100 `sh -c` commands.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
ECHOS=${ECHOS:-2000}
dotnet build Server -c Release -v quiet -nologo >/dev/null
CCD="dotnet $(pwd)/Server/bin/Release/net10.0/containercd-server.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gen_echo() { # $1 = steps
  { echo "pipeline {"; echo "  agent none"; echo "  stages {"; echo "    stage('s') {"; echo "      steps {"
    for ((i = 0; i < $1; i++)); do echo "        echo 'line $i'"; done
    [ "$1" -eq 0 ] && echo "        script { }"
    echo "      }"; echo "    }"; echo "  }"; echo "}"; } > "$2"
}
gen_sh() {
  { echo "pipeline {"; echo "  agent any"; echo "  options { skipDefaultCheckout() }"; echo "  stages {"
    for ((s = 0; s < 20; s++)); do
      echo "    stage('s$s') {"; echo "      steps {"
      for ((i = 0; i < 5; i++)); do echo "        sh 'true'"; done
      echo "      }"; echo "    }"
    done
    echo "  }"; echo "}"; } > "$1"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { date +%s%N | awk '{printf "%.3f\n", $1/1000000}'; }

mkdir -p "$work/e0" "$work/eN" "$work/sh"
gen_echo 0 "$work/e0/Jenkinsfile"
gen_echo "$ECHOS" "$work/eN/Jenkinsfile"
gen_sh "$work/sh/Jenkinsfile"

per_echo=(); ratios=(); loops=(); spans=()
for ((r = 0; r < RUNS; r++)); do
  t0=$(now_ms); $CCD run "$work/e0/Jenkinsfile" --home "$work/home" >/dev/null; t1=$(now_ms)
  $CCD run "$work/eN/Jenkinsfile" --home "$work/home" >/dev/null; t2=$(now_ms)
  per_echo+=("$(awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$ECHOS" 'BEGIN {printf "%.4f", ((c-b)-(b-a))/n}')")

  # The shell loop runs right before and right after the pipeline; its baseline is the mean of the two,
  # so that the machine's drift during a run weighs on both sides alike.
  l0=$(now_ms); for ((i = 0; i < 100; i++)); do sh -c 'true'; done; l1=$(now_ms)
  CONTAINERCD_TIMINGS_FILE="$work/span" $CCD run "$work/sh/Jenkinsfile" --home "$work/home" >/dev/null
  l2=$(now_ms); for ((i = 0; i < 100; i++)); do sh -c 'true'; done; l3=$(now_ms)
  loop=$(awk -v a="$l0" -v b="$l1" -v c="$l2" -v d="$l3" 'BEGIN {printf "%.1f", ((b-a)+(d-c))/2}'); span=$(cat "$work/span")
  loops+=("$loop"); spans+=("$span")
  ratios+=("$(awk -v l="$loop" -v s="$span" 'BEGIN {printf "%.3f", s/l}')")
done

echo "echo step overhead (ms, median of $RUNS, $ECHOS steps): $(printf '%s\n' "${per_echo[@]}" | median)   [runs: ${per_echo[*]}]"
echo "100 sh steps in 20 stages (ms, median): $(printf '%s\n' "${spans[@]}" | median)   plain shell loop (ms, median): $(printf '%s\n' "${loops[@]}" | median)"
echo "ratio stages/loop (median of per-run ratios): $(printf '%s\n' "${ratios[@]}" | median)   [runs: ${ratios[*]}]"
