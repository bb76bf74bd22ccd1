#!/usr/bin/env bash
# Lint time on malformed input (issue 13): whole `containercd lint` processes on inputs that used to take
# quadratic time, at growing sizes, and on ~1 MB malformed files, including mutants of bench/data/Jenkinsfile.300
# (a slice repeated to 1 MB, a cut, stray brackets). Times `containercd lint` as users run it (the published
# native entry, `dotnet publish Server -c Release`) and the JIT'd build output: wall time and CPU time (user+sys,
# steadier on a shared machine) per file, and the throughput of the 1 MB ones. Usage: bench/parse-linearity.sh [SEED]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seed="${1:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet publish "$root/Server/ContainerCd.Server.csproj" -c Release -v quiet -nologo >&2
lint="$root/Server/bin/Release/net10.0/publish/containercd"
jit="$root/Server/bin/Release/net10.0/containercd"

python3 - "$work" "$root/bench/data/Jenkinsfile.300" "$seed" <<'PY'
import os, random, sys
out, base, seed = sys.argv[1], open(sys.argv[2]).read(), int(sys.argv[3])
def write(name, text):
    open(os.path.join(out, name), "w").write(text)
for n in (400, 800, 1600, 6400):
    # The issue's input: two blocks left open, then N semicolons.
    write(f"semicolons-{n}", "a {\ns {\n" + ";" * n)
for n in (1600, 6400):
    write(f"nested-ifs-{n}", "if (a) " * n + "x" + ";\n" * n)
    write(f"open-blocks-{n}", "foo {\n" * min(n, 990))
mb = 1_000_000
write("1mb-semicolons", "a {\ns {\n" + ";" * mb)
write("1mb-semicolons-newlines", "a {\ns {\n" + ";\n" * (mb // 2))
write("1mb-newlines-then-ternary", "x = a + b" + "\n" * mb + "?")
stages = "pipeline {\n agent any\n stages {\n"
i = 0
while len(stages) < mb:
    stages += f"  stage('s{i}') {{\n   steps {{\n    sh \"make t{i} ${{env.X}}\"\n    echo 'done'\n   }}\n  }}\n"
    i += 1
write("1mb-stages-unclosed", stages)
write("1mb-stages-stray-paren", stages + " }\n}\n)\n")
rng = random.Random(seed)
for k in range(8):
    start = rng.randrange(len(base) - 200)
    piece = base[start:start + rng.randrange(20, 200)]
    head = base[:rng.randrange(len(base))]
    text = head + piece * (mb // len(piece))
    if k % 2:
        text = text.replace(rng.choice(["{", "}", "(", ")", "'"]), "", 1)
    write(f"1mb-mutant-{k}", text)
PY

cpu_of() { tail -1 "$work/.cpu" | awk '{ printf "%d", ($1 + $2) * 1000 }'; }
printf "%-28s %10s %8s %8s %8s  %s\n" file bytes wall_ms cpu_ms jit_cpu "first line of lint output"
for file in $(ls "$work" | sort -V); do
  path="$work/$file"
  bytes=$(stat -c %s "$path")
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$work/.cpu" "$lint" lint "$path" > "$work/.out" 2>&1 || true
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu=$(cpu_of)
  /usr/bin/time -f "%U %S" -o "$work/.cpu" "$jit" lint "$path" > "$work/.jit" 2>&1 || true
  jit_cpu=$(cpu_of)
  cmp -s "$work/.out" "$work/.jit" || echo "$file: the native and JIT'd lint disagree" >&2
  printf "%-28s %10s %8s %8s %8s  %s\n" "$file" "$bytes" "$wall" "$cpu" "$jit_cpu" "$(head -1 "$work/.out" | sed "s|$work/||" | cut -c1-80)"
  case "$file" in 1mb-*) echo "$bytes $wall $cpu $jit_cpu" >> "$work/.mb" ;; esac
done
awk '{ w = $1 / 1e6 / ($2 / 1000); c = $1 / 1e6 / ($3 / 1000); j = $1 / 1e6 / ($4 / 1000)
       if (NR == 1 || w < mw) mw = w; if (NR == 1 || c < mc) mc = c; if (NR == 1 || j < mj) mj = j }
     END { printf "1 MB files, slowest: %.2f MB/s wall, %.2f MB/s CPU (native entry); %.2f MB/s CPU JIT'"'"'d (whole processes, start-up included)\n", mw, mc, mj }' "$work/.mb"
