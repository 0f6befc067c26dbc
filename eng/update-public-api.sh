#!/usr/bin/env bash
# Declares every public symbol that the build reports as undeclared (RS0016) in that project's
# PublicAPI.Unshipped.txt. Review the diff: every line is a public API change.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(dotnet build HallSim.sln -c Debug 2>&1 || true)
grep -oE "error RS0016: Symbol '.*' is not part of the declared public API.*\[[^]]+\.csproj\]" <<<"$out" \
  | sed -E "s/error RS0016: Symbol '(.*)' is not part of the declared public API.*\[([^]]+)\.csproj\]/\2|\1/" \
  | sort -u | while IFS='|' read -r project symbol; do
      file="$(dirname "$project")/PublicAPI.Unshipped.txt"
      grep -qxF "$symbol" "$file" || echo "$symbol" >> "$file"
    done
# Symbols declared but gone (RS0017): remove those lines from Unshipped (a shipped symbol must be removed by hand).
grep -oE "[^ ]*PublicAPI.Unshipped.txt\([0-9]+,[0-9]+\): error RS0017: Symbol '.*' is part of the declared API" <<<"$out" \
  | sed -E "s/^([^ ]*PublicAPI.Unshipped.txt)\([0-9]+,[0-9]+\): error RS0017: Symbol '(.*)' is part of the declared API$/\1|\2/" \
  | sort -u | while IFS='|' read -r file symbol; do
      grep -vxF "$symbol" "$file" > "$file.tmp" && mv "$file.tmp" "$file"
    done
for f in src/*/PublicAPI.Unshipped.txt; do
  { head -n 1 "$f"; tail -n +2 "$f" | sort -u; } > "$f.tmp" && mv "$f.tmp" "$f"
done
echo "remaining RS0016/RS0017:"; dotnet build HallSim.sln -c Debug 2>&1 | grep -cE "RS001[67]" || true
