#!/usr/bin/env bash
# What CmsHazards adds to a whole `dotnet build --no-incremental` of a CMS 11 site, as a user gets it: through the
# packed package. The site is generated: samples/Cms11Site (SDK-style net48, Global.asax.cs, web.config, stand-in
# EPiServer assemblies) plus FILES-1 generated C# files, so FILES in all; CmsHazards is its only analyzer.
#
# Four variants of the site: without the package; "control", without it but with an analyzer that registers nothing
# (what the compiler spends on running any analyzer at all, which no analyzer can avoid); "with" the package; "task",
# the package with -p:RunAnalyzersDuringBuild=false (the compiler runs no analyzer, CmsHazards' task reports).
# After WARMUP untimed rounds, builds alternate in PAIRS rounds, the order of the variants rotating each round, so that
# load from other work on the machine falls on every variant alike. Each round gives one ratio per variant (its build
# time over the build without the package in the same round), in elapsed and in CPU time; the script prints the median
# of those ratios and their spread (quartiles, lowest and highest), and the medians of the rows of MSBuild's
# performance summary where the variants differ. Then the compiler's own report of analyzer time
# (-p:ReportAnalyzer=true) for the site and for a class library of the same files without CMS, REPORTS builds each.
# docs/performance.md has the figures.
#
#   tests/CmsHazards.Benchmarks/build-overhead.sh                       # PAIRS=12 rounds, WARMUP=4, FILES=200
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

# pack_cmshazards and write_nuget_config (packed-package.sh).
source "$repo/tests/CmsHazards.Benchmarks/packed-package.sh"
# without: the site alone. control: the site with an analyzer that registers nothing, which tells the compiler's own
# cost of running any analyzer at all from CmsHazards'. with: the package, as users add it. task: the package with
# -p:RunAnalyzersDuringBuild=false, so the compiler runs no analyzer and CmsHazards' task reports the same warnings.
variants="without control with task"
echo "== an analyzer that does nothing (the control), built against the same Roslyn as CmsHazards' analyzer"
mkdir -p "$work/control-analyzer"
cat > "$work/control-analyzer/ControlAnalyzer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <EnforceExtendedAnalyzerRules>true</EnforceExtendedAnalyzerRules>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="$(sed -nE 's#.*<CmsHazardsRoslynVersion>(.*)</CmsHazardsRoslynVersion>.*#\1#p' "$repo/Directory.Build.props")" PrivateAssets="all" />
  </ItemGroup>
</Project>
EOF
cat > "$work/control-analyzer/ControlAnalyzer.cs" <<'EOF'
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ControlAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
    }
}
EOF
dotnet build "$work/control-analyzer" -c Release -o "$work/control-analyzer/out" -nodeReuse:false -tl:off -v:q > "$work/control-analyzer.log" 2>&1 \
  || { cat "$work/control-analyzer.log"; exit 1; }
echo "== pack CmsHazards from this tree"
pack_cmshazards "$repo" "0.0.0-bench.$stamp.with" "$work/feed" "$work/with"
if [ -n "$baseline" ]; then
  echo "== pack CmsHazards from $baseline"
  mkdir -p "$work/baseline-src"
  git -C "$repo" archive "$baseline" | tar -x -C "$work/baseline-src"
  pack_cmshazards "$work/baseline-src" "0.0.0-bench.$stamp.baseline" "$work/feed" "$work/baseline"
  variants="$variants baseline"
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
  if [ "$variant" = control ]; then
    sed -i "s#^</Project>#  <ItemGroup><Analyzer Include=\"$work/control-analyzer/out/ControlAnalyzer.dll\" /></ItemGroup>\n</Project>#" "$root/Directory.Build.targets"
  fi
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
  write_nuget_config "$work/$variant" "$work/feed"
done

# Without the package: the same net48 site with CmsHazardsSample=false, which adds nothing of CmsHazards.
properties() { # variant
  case "$1" in
    without | control) echo "-p:CmsHazardsSample=false" ;;
    task) echo "-p:CmsHazardsPackageVersion=0.0.0-bench.$stamp.with -p:RunAnalyzersDuringBuild=false" ;;
    *) echo "-p:CmsHazardsPackageVersion=0.0.0-bench.$stamp.$1" ;;
  esac
}

build() { # variant project log extra-arguments...
  local variant="$1" project="$2" log="$3"
  shift 3
  local props
  read -r -a props <<< "$(properties "$variant")"
  dotnet build "$work/$variant/samples/$project" "${props[@]}" -nodeReuse:false -tl:off "$@" > "$log" 2>&1 || { cat "$log"; exit 1; }
}

# CPU milliseconds this run's compiler server has used so far (0 without one). The server is not a child of the build,
# so the build's own CPU time misses the compiles; its counters in /proc are read before and after each build.
server_cpu() {
  local ticks=0 pid
  if [ -n "$server_id" ]; then
    for pid in $(pgrep -f -- "pipename:$server_id" || true); do
      ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2> /dev/null || echo 0)))
    done
  fi
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# "WALL CPU": elapsed milliseconds, and the CPU milliseconds of the build's processes (MSBuild and its worker nodes,
# which exit with the build and are counted as its children; with COMPILER_SERVER=0 the compiler processes too) plus
# this run's compiler server. Elapsed time is what a developer waits; CPU time is what the build costs, and varies
# far less on a shared machine, where waiting for a core is elapsed time but not CPU time.
timed() { # command...
  local start end before after children
  before=$(server_cpu)
  start=$(date +%s%N)
  # `times` in a subshell prints the subshell's own and then its children's user and system time ("0m1.234s 0m0.456s").
  children=$( ("$@" > /dev/null; times) | tail -1 | awk '{
    n = 0; for (i = 1; i <= 2; i++) { split($i, t, "m"); sub("s", "", t[2]); n += t[1] * 60 + t[2] } printf "%d", n * 1000 }')
  end=$(date +%s%N)
  after=$(server_cpu)
  echo "$(((end - start) / 1000000)) $((children + after - before))"
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
  if [ "$variant" = without ] || [ "$variant" = control ]; then
    if grep -q "CMSH" "$work/$variant-warmup.log"; then echo "The build without the package ($variant) reported CmsHazards diagnostics." >&2; exit 1; fi
  elif ! grep -q "warning CMSH101" "$work/$variant-warmup.log"; then
    echo "The build with the package ($variant) did not report CMSH101." >&2
    exit 1
  fi
done

# A new compiler server compiles its own code just in time and then again, optimized, over its first several builds:
# on this machine its CPU time per build of the site fell from about 14 s to 3 s over the first five. Rounds timed
# before then measure that, not the package.
warmup="${WARMUP:-4}"
echo "== $warmup rounds of warm-up builds of every variant (not timed)"
for round in $(seq 1 "$warmup"); do
  for variant in $variants; do build "$variant" Cms11Site "$work/$variant-settle-$round.log" --no-incremental; done
done

echo "== $pairs rounds of full builds (--no-incremental) of the site, one build of each variant per round, order rotating"
read -r -a order <<< "$variants"
count=${#order[@]}
declare -A wall cpu
for round in $(seq 1 "$pairs"); do
  line="   round $round:"
  for k in $(seq 0 $((count - 1))); do
    variant="${order[$(((k + round) % count))]}"
    read -r wall[$variant,$round] cpu[$variant,$round] < <(timed build "$variant" Cms11Site "$work/$variant-full-$round.log" --no-incremental -clp:PerformanceSummary)
    line="$line $variant ${wall[$variant,$round]} ms (CPU ${cpu[$variant,$round]} ms),"
  done
  echo "${line%,}; load $(cut -d' ' -f1 /proc/loadavg)"
done
ratios() { # measure variant: its build over the build without the package, one line a round
  local -n of="$1"
  for round in $(seq 1 "$pairs"); do awk -v a="${of[$2,$round]}" -v b="${of[without,$round]}" 'BEGIN { printf "%.4f\n", a / b }'; done
}
values() { # measure variant
  local -n of="$1"
  for round in $(seq 1 "$pairs"); do echo "${of[$2,$round]}"; done
}
for measure in wall cpu; do
  [ "$measure" = wall ] && name="elapsed time" || name="CPU time"
  for variant in $variants; do
    [ "$variant" = without ] || echo "   $variant / without, $name, per round: $(ratios "$measure" "$variant" | spread)"
  done
  for variant in $variants; do echo "   $variant, $name in ms: $(values "$measure" "$variant" | spread)"; done
done

# Where the difference is, from MSBuild's own performance summary of the same builds: the site's evaluation, restore,
# the compiler, CmsHazards' target; medians over the rounds, in ms.
summary() { # log section name: the time of one row of one section of the performance summary
  awk -v section="$2" -v name="$3" '
    /Performance Summary:/ { in_section = index($0, section " Performance Summary:") == 1 }
    in_section && $2 == "ms" && ($3 == name || index($3, "/" name) > 0) { print $1; exit }' "$1"
}
echo "   median ms per build of each variant, from -clp:PerformanceSummary:"
for row in "Project Evaluation:Cms11Site.csproj" "Target:Restore" "Target:ResolveAssemblyReferences" "Target:CoreCompile" "Target:CmsHazardsInspectSite" "Target:GenerateMSBuildEditorConfigFile" "Target:ResolvePackageAssets"; do
  section="${row%%:*}" name="${row#*:}"
  line="     $name ($section):"
  for variant in $variants; do
    median=$(for round in $(seq 1 "$pairs"); do summary "$work/$variant-full-$round.log" "$section" "$name"; done | { grep . || echo 0; } | spread | awk '{ print $2 }' | tr -d ,)
    line="$line $variant ${median%.*},"
  done
  echo "${line%,}"
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
    case "$variant" in without | control | task) continue ;; esac
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
