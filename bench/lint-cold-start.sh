#!/usr/bin/env bash
# Times a whole `containercd lint` process on a 300-line Jenkinsfile against the cold start of a
# hello-world console app published the same way (framework-dependent, ReadyToRun, linux-x64), in
# the same run. Prints the median and mean of N runs of each and the ratio. Usage: bench/lint-cold-start.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rid="linux-x64"
publish=(-c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -v quiet -nologo)

echo "publishing containercd and hello world (ReadyToRun, $rid)..." >&2
dotnet publish "$root/Server/ContainerCd.Server.csproj" "${publish[@]}" -o "$work/containercd" >&2

mkdir -p "$work/hello-src"
cat > "$work/hello-src/Hello.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <InvariantGlobalization>true</InvariantGlobalization>
    <UseSystemResourceKeys>true</UseSystemResourceKeys>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
</Project>
PROJ
echo 'System.Console.WriteLine("Hello, World!");' > "$work/hello-src/Program.cs"
# Keep the repository's Directory.*.props away from the baseline.
echo '<Project></Project>' > "$work/Directory.Build.props"
echo '<Project></Project>' > "$work/Directory.Packages.props"
dotnet publish "$work/hello-src/Hello.csproj" "${publish[@]}" -o "$work/hello" >&2

jenkinsfile="$root/bench/data/Jenkinsfile.300"
lint=("$work/containercd/containercd" lint "$jenkinsfile")
hello=("$work/hello/Hello")
"${lint[@]}" >/dev/null
"${hello[@]}" >/dev/null

# Prints one wall-clock time in milliseconds per run.
time_runs() {
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
  done
}

stats() { sort -n | awk '{ a[NR] = $1; s += $1 } END { printf "%.1f %.1f\n", a[int((NR + 1) / 2)] / 1000, s / NR / 1000 }'; }

# Interleave the two so that machine noise hits both alike.
: > "$work/lint.txt"; : > "$work/hello.txt"
for _ in $(seq "$runs"); do
  runs=1 time_runs "${hello[@]}" >> "$work/hello.txt"
  runs=1 time_runs "${lint[@]}" >> "$work/lint.txt"
done
read -r hello_median hello_mean < <(stats < "$work/hello.txt")
read -r lint_median lint_mean < <(stats < "$work/lint.txt")
echo "hello world:              median ${hello_median} ms, mean ${hello_mean} ms ($runs runs)"
echo "containercd lint (300 l): median ${lint_median} ms, mean ${lint_mean} ms ($runs runs)"
awk -v l="$lint_median" -v h="$hello_median" 'BEGIN { printf "ratio (median): %.2fx hello world\n", l / h }'
