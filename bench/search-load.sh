#!/usr/bin/env bash
# Search load test: starts the web app (Release) on a catalogue made by Gongkai.CatalogLoad and runs wrk with
# bench/search.lua (the queries of bench/search-queries.txt) against /api/catalog/search, then prints p50/p95/p99.
#
#   bench/search-load.sh sqlite  /tmp/bench/catalog.db            [connections] [seconds]
#   bench/search-load.sh postgres "Host=localhost;Username=gongkai;Password=gongkai;Database=catalog_load" [connections] [seconds]
#
# On PostgreSQL the app first builds its local search index in $SEARCH_INDEX (default /tmp/bench/search-index; the
# build time is printed; later runs reuse the file), then the load runs against it.
#
# Make the database first, e.g. for one million items:
#   dotnet run -c Release --project bench/Gongkai.CatalogLoad -- --provider Sqlite --connection "Data Source=/tmp/bench/catalog.db" --count 1000000
set -euo pipefail
cd "$(dirname "$0")/.."

provider=${1:?sqlite or postgres}
target=${2:?SQLite file or PostgreSQL connection string}
connections=${3:-50}
seconds=${4:-30}
port=${PORT:-5099}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }

case "$provider" in
  sqlite) export Database__Provider=Sqlite Database__ConnectionString="Data Source=$target" ;;
  postgres) export Database__Provider=PostgreSQL Database__ConnectionString="$target;Maximum Pool Size=60"
    export Search__LocalIndex__Path=${SEARCH_INDEX:-/tmp/bench/search-index} ;;
  *) echo "provider must be sqlite or postgres"; exit 1 ;;
esac

dotnet build -c Release src/Gongkai.Web -v quiet -nologo >/dev/null
export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production Demo__Seed=false Logging__LogLevel__Default=Warning
# The index builder's information lines (its background check of an adopted file) go to the log; bash cannot export a
# name with dots, env can.
env "Logging__LogLevel__Gongkai.Web.Portal.LocalSearchIndexBuilder=Information" \
  dotnet src/Gongkai.Web/bin/Release/net10.0/Gongkai.Web.dll >${LOG:-/tmp/gongkai-search-load.log} 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "the app did not start; see ${LOG:-/tmp/gongkai-search-load.log}"; exit 1; }
if [ "$provider" = postgres ]; then
  # The node's local search index (ADR 0014): built once into $Search__LocalIndex__Path, reused by later runs.
  started=$(date +%s)
  until curl -s "http://127.0.0.1:$port/health/ready" | grep -q '已就绪'; do
    kill -0 $app 2>/dev/null || { echo "the app stopped; see ${LOG:-/tmp/gongkai-search-load.log}"; exit 1; }
    sleep 2
  done
  echo "local search index ready after $(( $(date +%s) - started )) s (in $Search__LocalIndex__Path: $(du -sh "$Search__LocalIndex__Path" | cut -f1))"
  # An adopted file serves at once and is checked in the background (ADR 0014); measure after the check, not beside it.
  if grep -q "checking it in the background" "${LOG:-/tmp/gongkai-search-load.log}"; then
    until grep -q "passed its check\|failed its check" "${LOG:-/tmp/gongkai-search-load.log}"; do
      kill -0 $app 2>/dev/null || { echo "the app stopped; see ${LOG:-/tmp/gongkai-search-load.log}"; exit 1; }
      sleep 2
    done
    echo "its background check: $(grep -o 'passed its check in [0-9.]* s\|failed its check' "${LOG:-/tmp/gongkai-search-load.log}" | head -1)"
  fi
fi

items=$(curl -s "http://127.0.0.1:$port/api/catalog/search?q=%E9%80%9A%E7%9F%A5" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
echo "provider $provider, connections $connections, ${seconds}s; sample query 通知 reports total=$items (the count stops at 1000)"
echo "warm-up (10 s)"
wrk -t2 -c"$connections" -d10s -s bench/search.lua "http://127.0.0.1:$port" >/dev/null
echo "measured run"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/search.lua "http://127.0.0.1:$port"
