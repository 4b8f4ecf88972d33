#!/usr/bin/env bash
# What CmsHazards adds to a whole `dotnet build` of samples/Cms11Site, as a user gets it: through the packed
# package. Prints the median of RUNS builds with and without the package (full and no-change incremental
# builds, alternating so that noise from other work on the machine falls on both), then the analyzer's own
# execution time from one build with -p:ReportAnalyzer=true. docs/performance.md has the figures.
#
#   tests/CmsHazards.Benchmarks/build-overhead.sh                    # RUNS=7, a new compiler process per project
#   COMPILER_SERVER=1 tests/CmsHazards.Benchmarks/build-overhead.sh  # dotnet build's default: a compiler server
set -euo pipefail

runs="${RUNS:-7}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cmshazards-build-overhead.XXXXXX")"
version="0.0.0-bench.$(date +%s)"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

cleanup() {
  if [ -n "$server_id" ]; then
    for pid in $(pgrep -f -- "pipename:$server_id" || true); do kill "$pid" 2> /dev/null || true; done
  fi
  rm -rf "$work" "$packages/cmshazards/$version"
}
trap cleanup EXIT

export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
server_id=""
if [ "${COMPILER_SERVER:-0}" = 1 ]; then
  # As developers build by default: a compiler server that stays warm between builds. This run's own server
  # (its own pipe name), so no one else's compiles run in it; it is stopped, by its process id, at the end.
  server_id="cmshazards-bench-$$-$(date +%s)"
  export SharedCompilationId="$server_id"
  compiler_mode="compiler server $server_id"
else
  # Each build starts its own compiler processes and leaves none behind: the cold start CI pays when the
  # compiler server is off, and the worst case for an analyzer, whose code is compiled just in time each run.
  export UseSharedCompilation=false
  compiler_mode="a new compiler process per project (UseSharedCompilation=false)"
fi

echo "== machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version)"
echo "== compiler: $compiler_mode; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== pack CmsHazards $version"
dotnet pack "$repo/nuget/CmsHazards.csproj" -c Release -o "$work/feed" "-p:Version=$version" -nodeReuse:false -tl:off -v:q > "$work/pack.log" \
  || { cat "$work/pack.log"; exit 1; }

# Two copies of the sample, so neither build's restore or incremental state is disturbed by the other's.
for variant in with without; do
  mkdir -p "$work/$variant/samples"
  cp -r "$repo/samples/Cms11Site" "$repo/samples/StandIns" "$repo/samples/Directory.Build.props" "$repo/samples/Directory.Build.targets" "$work/$variant/samples/"
  rm -rf "$work/$variant"/samples/*/bin "$work/$variant"/samples/*/obj "$work/$variant"/samples/StandIns/*/bin "$work/$variant"/samples/StandIns/*/obj
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

# With the package: the sample sets CmsHazardsSample=true and takes CmsHazards from the feed. Without it: the
# same net48 sample with CmsHazardsSample=false, which adds nothing of CmsHazards.
with_args=("$work/with/samples/Cms11Site" "-p:CmsHazardsPackageVersion=$version")
without_args=("$work/without/samples/Cms11Site" "-p:CmsHazardsSample=false")

build() { # variant log extra-arguments...
  local variant="$1" log="$2"
  shift 2
  local -n arguments="${variant}_args"
  dotnet build "${arguments[@]}" -nodeReuse:false -tl:off "$@" > "$log" 2>&1 || { cat "$log"; exit 1; }
}

# Elapsed milliseconds. (CPU time would vary less on a shared machine, but MSBuild's worker nodes are not all
# waited for by the process that `time` sees, so it misses part of a build.)
timed() { # command...
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Restore, first build and the first run of each tool are not what a developer waits for every time.
echo "== warm-up builds (not timed)"
for variant in with without; do build "$variant" "$work/$variant-warmup.log" --no-incremental; done
grep -q "warning CMSH101" "$work/with-warmup.log" || { echo "The build with the package did not report CMSH101." >&2; exit 1; }
if grep -q "CMSH" "$work/without-warmup.log"; then echo "The build without the package reported CmsHazards diagnostics." >&2; exit 1; fi

report() { # title with-times without-times
  local with without
  with=$(echo "$2" | median)
  without=$(echo "$3" | median)
  echo "$1, median: with ${with} ms, without ${without} ms, difference $(awk -v a="$with" -v b="$without" 'BEGIN { printf "%+.1f%% (%+d ms)", (a - b) * 100 / b, a - b }')"
  echo "   with:    $2"
  echo "   without: $3"
}

for kind in full incremental; do
  echo "== $runs $kind builds each, alternating"
  with_times="" without_times=""
  extra=()
  if [ "$kind" = full ]; then extra=(--no-incremental); fi
  for run in $(seq 1 "$runs"); do
    # Which variant goes first alternates too, so neither always follows the other's disk and cache state.
    if [ $((run % 2)) -eq 1 ]; then order="with without"; else order="without with"; fi
    for variant in $order; do
      ms=$(timed build "$variant" "$work/$variant-$kind-$run.log" "${extra[@]}")
      if [ "$variant" = with ]; then with_times="$with_times $ms"; else without_times="$without_times $ms"; fi
    done
  done
  report "$kind build" "${with_times# }" "${without_times# }"
done

# A no-change build skips the compiler, and with it the analyzer; CmsHazards must not make it compile again.
build with "$work/with-incremental-detailed.log" -v:d
considered=$(grep -c 'Target "CoreCompile" in file' "$work/with-incremental-detailed.log" || true)
skipped=$(grep -c 'Skipping target "CoreCompile" because all output files are up-to-date' "$work/with-incremental-detailed.log" || true)
if [ "$considered" -gt 0 ] && [ "$considered" = "$skipped" ]; then
  echo "   no-change build with the package: CoreCompile skipped in all $skipped projects"
else
  echo "   no-change build with the package: CoreCompile ran ($skipped of $considered skipped)" >&2
  exit 1
fi

echo "== the site's own compile, once, with -p:ReportAnalyzer=true -v:d (dependencies already built)"
build with "$work/report-analyzer.log" --no-incremental --no-dependencies -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary
# The compiler's report for the site's compilation, then MSBuild's times for the compile and for CmsHazards' target.
awk '/Total analyzer execution time/ { block = ""; on = 1 }
     on { block = block $0 "\n" }
     on && /All analyzers have|Done executing task/ { on = 0; if (block ~ /CmsHazards/) printf "%s", block }' "$work/report-analyzer.log" \
  | grep -vE '^ *$|All analyzers have|Done executing task' | sed -E 's/^ +/   /'
grep -E "^ +[0-9]+ ms +(CoreCompile|CmsHazardsInspectSite|ResolveAssemblyReferences) " "$work/report-analyzer.log" | sed -E 's/^ +/   target /'
grep -E "^ +[0-9]+ ms +(Csc|InspectCmsSite) " "$work/report-analyzer.log" | sed -E 's/^ +/   task   /'
grep -E "^Time Elapsed" "$work/report-analyzer.log" | sed -E 's/^/   /'

# The compiler alone, without MSBuild around it: the site's own csc command line from that log, run as it is and
# without CmsHazards' /analyzer and /additionalfile arguments, alternating. Each run is a new compiler process.
echo "== $runs runs each of the site's compiler command (a new process each), with and without CmsHazards' arguments"
csc_line=$(grep -E '^ +/.*/Roslyn/bincore/csc /noconfig .*Cms11Site' "$work/report-analyzer.log" | tail -1 | sed -E 's/^ +//')
compiler="${csc_line%% *}"
echo "${csc_line#* }" | tr ' ' '\n' | grep -v -e '^$' -e '^/reportanalyzer$' -e '^/noconfig$' > "$work/csc-with.rsp"
grep -v -e '^/analyzer:.*CmsHazards' -e '^/additionalfile:' "$work/csc-with.rsp" > "$work/csc-without.rsp"
compile() { # rsp
  (cd "$work/with/samples/Cms11Site" && "$compiler" /noconfig "@$1" > "$1.log" 2>&1) || { cat "$1.log"; exit 1; }
}
with_times="" without_times=""
for run in $(seq 1 "$runs"); do
  with_times="$with_times $(timed compile "$work/csc-with.rsp")"
  without_times="$without_times $(timed compile "$work/csc-without.rsp")"
done
report "compiler run" "${with_times# }" "${without_times# }"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
