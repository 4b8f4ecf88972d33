#!/usr/bin/env bash
# What CmsHazards adds to a whole `dotnet build --no-incremental` of a CMS 11 site, as a user gets it: through the
# packed package. The site is generated: samples/Cms11Site (SDK-style net48, Global.asax.cs, web.config, stand-in
# EPiServer assemblies) plus FILES-1 generated C# files, so FILES in all; CmsHazards is its only analyzer.
#
# Builds alternate in PAIRS rounds, the order of the variants rotating each round, so that load from other work on
# the machine falls on every variant alike. Each round gives one ratio per variant (its build time over the build
# without the package in the same round); the script prints the median of those ratios and their spread (quartiles,
# lowest and highest). Then the compiler's own report of analyzer time (-p:ReportAnalyzer=true) for the site and for
# a class library of the same files without CMS, REPORTS builds each. docs/performance.md has the figures.
#
#   tests/CmsHazards.Benchmarks/build-overhead.sh                       # PAIRS=12 rounds, FILES=200
#   PAIRS=3 REPORTS=1 tests/CmsHazards.Benchmarks/build-overhead.sh     # a quick look (a few minutes on a quiet machine)
#   BASELINE=main tests/CmsHazards.Benchmarks/build-overhead.sh         # also the package packed from a git ref
#   COMPILER_SERVER=0 ...                                               # a new compiler process per project
set -euo pipefail

pairs="${PAIRS:-12}"
files="${FILES:-200}"
reports="${REPORTS:-3}"
baseline="${BASELINE:-}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cmshazards-build-overhead.XXXXXX")"
stamp="$(date +%s)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
server_id=""

cleanup() {
  if [ -n "$server_id" ]; then
    # Only this run's compiler server, found by the pipe name this run gave it.
    for pid in $(pgrep -f -- "pipename:$server_id" || true); do kill "$pid" 2> /dev/null || true; done
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "== kept $work"; else rm -rf "$work"; fi
  rm -rf "$packages/cmshazards/0.0.0-bench.$stamp".*
}
trap cleanup EXIT

export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${COMPILER_SERVER:-1}" = 1 ]; then
  # As developers build by default: a compiler server that stays warm between builds. This run's own server
  # (its own pipe name), so no one else's compiles run in it; it is stopped, by its process id, at the end.
  server_id="cmshazards-bench-$$-$stamp"
  export SharedCompilationId="$server_id"
  # An environment that turns the server off (UseSharedCompilation=false, as on some CI images and on the machine
  # the figures in docs/performance.md come from) would otherwise make every build start a new compiler silently.
  export UseSharedCompilation=true
  compiler_mode="compiler server $server_id"
else
  # Each build starts its own compiler process: the cold start CI pays when the compiler server is off, and
  # the worst case for an analyzer, whose code is compiled just in time each run.
  export UseSharedCompilation=false
  compiler_mode="a new compiler process per project (UseSharedCompilation=false)"
fi

echo "== machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version)"
echo "== compiler: $compiler_mode; $files C# files; $pairs rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

pack() { # source-tree version
  # The package builds the shipped projects itself, which need their own restore first.
  for project in Core Analyzers CodeFixes Build; do
    dotnet restore "$1/src/CmsHazards.$project/CmsHazards.$project.csproj" -nodeReuse:false -tl:off -v:q > "$work/restore-$2.log" 2>&1 \
      || { cat "$work/restore-$2.log"; exit 1; }
  done
  dotnet pack "$1/nuget/CmsHazards.csproj" -c Release -o "$work/feed" "-p:Version=$2" -nodeReuse:false -tl:off -v:q > "$work/pack-$2.log" 2>&1 \
    || { cat "$work/pack-$2.log"; exit 1; }
}
variants="without with"
echo "== pack CmsHazards from this tree"
pack "$repo" "0.0.0-bench.$stamp.with"
if [ -n "$baseline" ]; then
  echo "== pack CmsHazards from $baseline"
  mkdir -p "$work/baseline-src"
  git -C "$repo" archive "$baseline" | tar -x -C "$work/baseline-src"
  pack "$work/baseline-src" "0.0.0-bench.$stamp.baseline"
  variants="without with baseline"
fi

# The generated C# files: generate FOLDER COUNT (generate-features.sh).
source "$repo/tests/CmsHazards.Benchmarks/generate-features.sh"

# One copy of the site and of the class library per variant, so no build's restore or incremental state is disturbed
# by another's. The class library is the same generated code without EPiServer, with the package: it should cost nothing.
echo "== generate the site ($files C# files) and a class library without CMS"
for variant in $variants; do
  root="$work/$variant/samples"
  mkdir -p "$root/StandIns"
  cp -r "$repo/samples/Cms11Site" "$root/"
  cp -r "$repo/samples/StandIns/EPiServer" "$repo/samples/StandIns/EPiServer.Cms.Shell.UI" "$root/StandIns/"
  cp "$repo/samples/Directory.Build.props" "$repo/samples/Directory.Build.targets" "$root/"
  rm -rf "$root"/*/bin "$root"/*/obj "$root"/StandIns/*/bin "$root"/StandIns/*/obj
  generate "$root/Cms11Site/Features" $((files - 1))
  mkdir -p "$root/Library"
  cp -r "$root/Cms11Site/Features" "$root/Library/"
  cat > "$root/Library/Library.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net48</TargetFramework>
    <CmsHazardsSample>true</CmsHazardsSample>
  </PropertyGroup>
</Project>
EOF
  cat > "$work/$variant/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="cmshazards-under-test" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF
done

# Without the package: the same net48 site with CmsHazardsSample=false, which adds nothing of CmsHazards.
properties() { # variant
  case "$1" in
    without) echo "-p:CmsHazardsSample=false" ;;
    *) echo "-p:CmsHazardsPackageVersion=0.0.0-bench.$stamp.$1" ;;
  esac
}

build() { # variant project log extra-arguments...
  local variant="$1" project="$2" log="$3"
  shift 3
  dotnet build "$work/$variant/samples/$project" "$(properties "$variant")" -nodeReuse:false -tl:off "$@" > "$log" 2>&1 || { cat "$log"; exit 1; }
}

# Elapsed milliseconds. (CPU time would vary less on a shared machine, but MSBuild's worker nodes and the compiler
# server are not children that `time` sees, so it misses part of a build.)
timed() { # command...
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# Median, quartiles, lowest and highest of numbers, one a line.
spread() {
  sort -g | awk '{ v[NR] = $1 }
    function q(p,   h, l) { h = (NR - 1) * p + 1; l = int(h); return v[l] + (h - l) * (v[l + 1 < NR ? l + 1 : NR] - v[l]) }
    END { printf "median %.4f, quartiles %.4f to %.4f, lowest %.4f, highest %.4f", q(0.5), q(0.25), q(0.75), v[1], v[NR] }'
}

echo "== warm-up builds (restore, first run of each tool; not timed)"
for variant in $variants; do
  build "$variant" Cms11Site "$work/$variant-warmup.log" --no-incremental
  build "$variant" Library "$work/$variant-library-warmup.log" --no-incremental
done
for variant in $variants; do
  if [ "$variant" = without ]; then
    if grep -q "CMSH" "$work/without-warmup.log"; then echo "The build without the package reported CmsHazards diagnostics." >&2; exit 1; fi
  elif ! grep -q "warning CMSH101" "$work/$variant-warmup.log"; then
    echo "The build with the package ($variant) did not report CMSH101." >&2
    exit 1
  fi
done

echo "== $pairs rounds of full builds (--no-incremental) of the site, one build of each variant per round, order rotating"
read -r -a order <<< "$variants"
count=${#order[@]}
declare -A times
for round in $(seq 1 "$pairs"); do
  line="   round $round:"
  for k in $(seq 0 $((count - 1))); do
    variant="${order[$(((k + round) % count))]}"
    ms=$(timed build "$variant" Cms11Site "$work/$variant-full-$round.log" --no-incremental)
    times[$variant,$round]=$ms
    line="$line $variant $ms ms,"
  done
  echo "${line%,}; load $(cut -d' ' -f1 /proc/loadavg)"
done
for variant in $variants; do
  [ "$variant" = without ] && continue
  echo "   $variant / without, per round: $(for round in $(seq 1 "$pairs"); do
    awk -v a="${times[$variant,$round]}" -v b="${times[without,$round]}" 'BEGIN { printf "%.4f\n", a / b }'
  done | spread)"
done
for variant in $variants; do
  echo "   $variant, build time in ms: $(for round in $(seq 1 "$pairs"); do echo "${times[$variant,$round]}"; done | spread)"
done

# A no-change build skips the compiler, and with it the analyzer; CmsHazards must not make it compile again.
build with Cms11Site "$work/with-incremental-detailed.log" -v:d
considered=$(grep -c 'Target "CoreCompile" in file' "$work/with-incremental-detailed.log" || true)
skipped=$(grep -c 'Skipping target "CoreCompile" because all output files are up-to-date' "$work/with-incremental-detailed.log" || true)
if [ "$considered" -gt 0 ] && [ "$considered" = "$skipped" ]; then
  echo "   no-change build with the package: CoreCompile skipped in all $skipped projects"
else
  echo "   no-change build with the package: CoreCompile ran ($skipped of $considered skipped)" >&2
  exit 1
fi

# The compiler's report: "Total analyzer execution time", then a line per analyzer assembly and per analyzer. The
# site's compile and CmsHazards' target as MSBuild's performance summary times them.
echo "== -p:ReportAnalyzer=true, $reports builds of each project and variant with the package (dependencies already built)"
for project in Cms11Site Library; do
  for variant in $variants; do
    [ "$variant" = without ] && continue
    for run in $(seq 1 "$reports"); do
      log="$work/$variant-$project-report-$run.log"
      build "$variant" "$project" "$log" --no-incremental --no-dependencies -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary
      total=$(grep -m1 -E 'Total analyzer execution time' "$log" | grep -oE '[0-9]+\.[0-9]+' | head -1)
      analyzers=$(grep -E '^ +[0-9.<]+ +[0-9<]+ +CmsHazards\.Analyzers\.' "$log" | sed -E 's/^ +//; s/ +/ /g' | awk '{ printf "%s %s s; ", $3, $1 }')
      compile=$(grep -E '^ +[0-9]+ ms +CoreCompile ' "$log" | awk '{ print $1 }' | head -1)
      task=$(grep -E '^ +[0-9]+ ms +InspectCmsSite ' "$log" | awk '{ print $1 }' | head -1)
      # Which compiler ran: the server ("CompilerServer: server") or a process of its own ("CompilerServer: tool").
      compiler=$(grep -m1 -oE 'CompilerServer: (server|tool)' "$log" | cut -d' ' -f2 || true)
      echo "   $project, $variant, run $run: all analyzers ${total:-?} s; ${analyzers}CoreCompile ${compile:-?} ms; InspectCmsSite ${task:-none} ms; compiler ${compiler:-?}"
    done
  done
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
