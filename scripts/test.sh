#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed".
# On a machine where it can (root with apt), it first installs and starts what the tests need.
set -uo pipefail
cd "$(dirname "$0")/.."

./scripts/prerequisites.sh || { echo "prerequisites could not be installed; see above"; exit 1; }

log=$(mktemp)
dotnet test Gongkai.slnx -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Each test assembly ends with a line like "Passed!  - Failed:     0, Passed:    22, Skipped:     0, Total:    22".
passed=0
failed=0
while read -r f p; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped:.*/\1 \2/p' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any test could report.
  failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
