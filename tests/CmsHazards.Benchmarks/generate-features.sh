#!/usr/bin/env bash
# Sourced by build-overhead.sh and cms12-share.sh.
# The generated part of the site: page types, repositories and services in the shape CMS 11 sites have, each file
# with a few methods the compiler has to bind (LINQ, generics, string formatting, a switch), no EPiServer API so
# the stand-ins suffice. About 70 lines a file, from Inputs/FeatureTemplate.txt, which BuildBenchmarks compiles too.
generate() { # folder count
  mkdir -p "$1"
  local i template
  template="$(dirname "${BASH_SOURCE[0]}")/Inputs/FeatureTemplate.txt"
  for i in $(seq 1 "$2"); do
    sed "s/__N__/$i/g" "$template" > "$1/Feature$i.cs"
  done
}
