#!/usr/bin/env bash
# The CMS 12 part's share of a build (issue: below 1% of analyzer time on a 500-file CMS 12 compilation). Builds
# samples/Cms12Site (ASP.NET Core, Startup with AddCms, a host declared without WebSockets: one CMSH101) plus FILES-1
# generated C# files through the packed package, REPORTS times with -p:ReportAnalyzer=true, and prints from each
# build the compiler's own report: the time of CmsHazards' analyzer (SiteAnalyzer, which reads the CMS 12 site's C#
# and appsettings as well as everything else: an upper bound of the CMS 12 part), all analyzers together (the SDK's
# own analyzers and generators run too), and CoreCompile as MSBuild times it. docs/performance.md has the figures.
#
#   tests/CmsHazards.Benchmarks/cms12-share.sh              # FILES=500, REPORTS=3
set -euo pipefail

files="${FILES:-500}"
reports="${REPORTS:-3}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cmshazards-cms12-share.XXXXXX")"
stamp="$(date +%s)"
version="0.0.0-cms12.$stamp"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
server_id="cmshazards-cms12-$$-$stamp"

cleanup() {
  for pid in $(pgrep -f -- "pipename:$server_id" || true); do kill "$pid" 2> /dev/null || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "== kept $work"; else rm -rf "$work"; fi
  rm -rf "$packages/cmshazards/$version"
}
trap cleanup EXIT

# A compiler server of this run's own (its own pipe name), as developers build by default; stopped at the end.
# UseSharedCompilation=true: an environment that turns the server off would otherwise start a new compiler per build.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 SharedCompilationId="$server_id" UseSharedCompilation=true
echo "== machine: $(nproc) cores, .NET SDK $(dotnet --version); $files C# files; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== pack CmsHazards from this tree"
source "$repo/tests/CmsHazards.Benchmarks/packed-package.sh"
pack_cmshazards "$repo" "$version" "$work/feed" "$work/package"

source "$repo/tests/CmsHazards.Benchmarks/generate-features.sh"
root="$work/samples"
mkdir -p "$root/StandIns"
cp -r "$repo/samples/Cms12Site" "$root/"
for standIn in EPiServer.Cms.Shell.UI.Cms12 EPiServer.Cms.AspNetCore EPiServer.Cms.UI.AspNetIdentity; do cp -r "$repo/samples/StandIns/$standIn" "$root/StandIns/"; done
cp "$repo/samples/Directory.Build.props" "$repo/samples/Directory.Build.targets" "$root/"
rm -rf "$root"/*/bin "$root"/*/obj "$root"/StandIns/*/bin "$root"/StandIns/*/obj
generate "$root/Cms12Site/Features" $((files - 1))
write_nuget_config "$work" "$work/feed"

build() { # log extra-arguments...
  local log="$1"
  shift
  dotnet build "$root/Cms12Site" "-p:CmsHazardsPackageVersion=$version" -nodeReuse:false -tl:off "$@" > "$log" 2>&1 || { cat "$log"; exit 1; }
}

echo "== warm-up build (restore, stand-ins; not measured)"
build "$work/warmup.log" --no-incremental
grep -q "warning CMSH101" "$work/warmup.log" || { echo "The CMS 12 site did not get CMSH101." >&2; exit 1; }

echo "== $reports builds of the site with -p:ReportAnalyzer=true (dependencies already built)"
for run in $(seq 1 "$reports"); do
  log="$work/report-$run.log"
  build "$log" --no-incremental --no-dependencies -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary
  total=$(grep -m1 -E 'Total analyzer execution time' "$log" | grep -oE '[0-9]+\.[0-9]+' | head -1)
  generators=$(grep -m1 -E 'Total generator execution time' "$log" | grep -oE '[0-9]+\.[0-9]+' | head -1 || true)
  site=$(grep -E '^ +[0-9.<]+ +[0-9<]+ +CmsHazards\.Analyzers\.SiteAnalyzer' "$log" | awk '{ print $1 }' | head -1)
  compile=$(grep -E '^ +[0-9]+ ms +CoreCompile ' "$log" | awk '{ print $1 }' | head -1)
  echo "   run $run: SiteAnalyzer ${site:-?} s, all analyzers ${total:-?} s, generators ${generators:-?} s, CoreCompile ${compile:-?} ms;" \
    "SiteAnalyzer $(awk -v u="${site:-0}" -v t="${total:-1}" -v c="${compile:-1}" 'BEGIN { printf "%.2f%% of analyzer time, %.2f%% of CoreCompile", u * 100 / t, u * 100000 / c }'); load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
