#!/usr/bin/env bash
# Packs every HallSim package into a local folder feed, restores samples/Consumer (copied out of the repository, so
# nothing of the repository's build leaks in) from that feed for HallSim* and from the NuGet mirror for the rest, into
# an empty package cache, then builds and runs it. Catches missing files, wrong dependencies and broken natives.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
version="0.1.0-ci.$(date +%Y%m%d%H%M%S)"
for p in src/HallSim src/HallSim.Rostering src/HallSim.Reports src/HallSim.Planning src/HallSim.Notebooks; do
  dotnet pack "$p" -c Release -p:Version="$version" -o "$work/consumer/feed" --nologo -v quiet > "$work/pack.txt" 2>&1 || { cat "$work/pack.txt"; exit 1; }
done
ls -l "$work/consumer/feed" | awk '{print "  " $5 "\t" $9}'
cp samples/Consumer/Consumer.csproj samples/Consumer/Program.cs samples/Consumer/nuget.config "$work/consumer/"
cd "$work/consumer"
dotnet restore -p:HallSimVersion="$version" --packages "$work/packages" --nologo > "$work/restore.txt" 2>&1 || { cat "$work/restore.txt"; exit 1; }
dotnet run -c Release --no-restore -p:HallSimVersion="$version" 2>&1 | tee "$work/run.txt"
grep -q "mean wait" "$work/run.txt" && grep -q "Roster for" "$work/run.txt" && grep -q "Plan for" "$work/run.txt"
# Each package's README is its own (no relative links that break on a package page).
for n in "$work"/consumer/feed/*.nupkg; do
  if unzip -p "$n" README.md | grep -qE '\]\((\.\./|docs/)'; then echo "$(basename "$n"): README links into the repository"; exit 1; fi
done
# OR-Tools natives: every platform's without a runtime identifier, one platform's with one.
all=$(du -sm bin/Release/net10.0 | cut -f1)
dotnet restore -r linux-x64 -p:HallSimVersion="$version" --packages "$work/packages" --nologo > "$work/restore-rid.txt" 2>&1 || { cat "$work/restore-rid.txt"; exit 1; }
dotnet build -c Release -r linux-x64 --no-restore -p:HallSimVersion="$version" --nologo -v quiet > "$work/rid.txt" 2>&1 || { cat "$work/rid.txt"; exit 1; }
one=$(du -sm bin/Release/net10.0/linux-x64 | cut -f1)
echo "  consumer output: ${all} MB without a runtime identifier, ${one} MB with -r linux-x64"
[ "$one" -lt "$all" ] || { echo "a runtime identifier did not reduce the natives"; exit 1; }
ls "$work/packages" | grep -i '^hallsim' | sed 's/^/  restored from the feed: /'
rm -rf "$work"
