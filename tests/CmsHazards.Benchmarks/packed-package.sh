# Sourced by build-overhead.sh and cms12-share.sh: CmsHazards as users get it, a package in a local feed.
#
#   pack_cmshazards SOURCE-TREE VERSION FEED LOG-PREFIX   packs SOURCE-TREE's nuget/CmsHazards.csproj at VERSION into FEED
#   write_nuget_config FOLDER FEED                        a NuGet.config in FOLDER: FEED first, then nuget.org

pack_cmshazards() {
  local source="$1" version="$2" feed="$3" log="$4" project
  # The package builds the shipped projects itself, which need their own restore first.
  for project in Core Analyzers CodeFixes Build; do
    dotnet restore "$source/src/CmsHazards.$project/CmsHazards.$project.csproj" -nodeReuse:false -tl:off -v:q > "$log-restore.log" 2>&1 \
      || { cat "$log-restore.log"; exit 1; }
  done
  dotnet pack "$source/nuget/CmsHazards.csproj" -c Release -o "$feed" "-p:Version=$version" -nodeReuse:false -tl:off -v:q > "$log-pack.log" 2>&1 \
    || { cat "$log-pack.log"; exit 1; }
}

write_nuget_config() {
  cat > "$1/NuGet.config" <<EOC
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="cmshazards-under-test" value="$2" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOC
}
