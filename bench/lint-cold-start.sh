#!/usr/bin/env bash
# Times whole `containercd lint` processes against the cold start of a hello-world console app, in the same run.
# Builds, each the plain way a user gets it:
#   hello        a framework-dependent console app, `dotnet publish -c Release` (no runtime, no ReadyToRun)
#   published    `dotnet publish Server -c Release`: the README's publish (its containercd is native code)
#   jit-entry    the same with -p:NativeEntry=false (what a publish without clang gives: the entry on the JIT)
#   ./containercd  the repository's script (publishes on change, then runs the published containercd)
# Each round runs hello, then every lint, then hello again (A-B-A), so that machine noise hits all alike. Prints
# the median wall-clock and CPU (user+sys) time of each and its ratio to hello world.
# Usage: bench/lint-cold-start.sh [ROUNDS]   (default 30)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
quiet=(-c Release -v quiet -nologo)

echo "publishing containercd (plain, and with the JIT entry) and hello world..." >&2
dotnet publish "$root/Server/ContainerCd.Server.csproj" "${quiet[@]}" -o "$work/published" >&2
dotnet publish "$root/Server/ContainerCd.Server.csproj" "${quiet[@]}" -p:NativeEntry=false -o "$work/jit-entry" >&2
mkdir -p "$work/hello-src"
cat > "$work/hello-src/Hello.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
</Project>
PROJ
echo 'System.Console.WriteLine("Hello, World!");' > "$work/hello-src/Program.cs"
# Keep the repository's Directory.*.props away from the baseline.
echo '<Project></Project>' > "$work/Directory.Build.props"
echo '<Project></Project>' > "$work/Directory.Packages.props"
dotnet publish "$work/hello-src/Hello.csproj" "${quiet[@]}" -o "$work/hello" >&2
"$root/containercd" --version >/dev/null  # publishes the script's folder if its sources changed

example="$root/examples/docker/Jenkinsfile"
long="$root/bench/data/Jenkinsfile.300"
names=(hello "published lint example" "published lint 300 lines" "jit-entry lint example" "./containercd lint example")
commands=(
  "$work/hello/Hello"
  "$work/published/containercd lint $example"
  "$work/published/containercd lint $long"
  "$work/jit-entry/containercd lint $example"
  "$root/containercd lint $example"
)
for command in "${commands[@]}"; do $command >/dev/null; done  # warm the file cache

# One line per run: wall, user, sys in seconds.
TIMEFORMAT='%3R %3U %3S'
time_one() { { time "$@" >/dev/null 2>&1; } 2>> "$work/$label.txt"; }
for _ in $(seq "$rounds"); do
  for i in "${!commands[@]}" 0; do
    label="$i"
    # shellcheck disable=SC2086 # the commands are words on purpose
    time_one ${commands[$i]}
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] * 1000 }'; }
read -r hello_wall < <(awk '{ print $1 }' "$work/0.txt" | median)
read -r hello_cpu < <(awk '{ print $2 + $3 }' "$work/0.txt" | median)
printf '%-30s %12s %8s %12s %8s\n' "" "wall (ms)" "ratio" "cpu (ms)" "ratio"
for i in "${!commands[@]}"; do
  read -r wall < <(awk '{ print $1 }' "$work/$i.txt" | median)
  read -r cpu < <(awk '{ print $2 + $3 }' "$work/$i.txt" | median)
  awk -v n="${names[$i]}" -v w="$wall" -v c="$cpu" -v hw="$hello_wall" -v hc="$hello_cpu" \
    'BEGIN { printf "%-30s %12.1f %7.2fx %12.1f %7.2fx\n", n, w, w / hw, c, c / hc }'
done
echo "medians of $(wc -l < "$work/1.txt") runs each (hello: $(wc -l < "$work/0.txt")), load average $(cut -d' ' -f1-3 /proc/loadavg)"
