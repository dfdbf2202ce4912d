#!/usr/bin/env bash
# Province load test (issue 15): the web app (Release) on a PostgreSQL database made by bench/Gongkai.ProvinceLoad, the
# generated accounts signed in, and wrk at 1 and 20 connections against the issue's six targets:
#   - the desk queue of the large agency (/applications as `handler`, the agency that receives a tenth of all cases),
#   - the province supervisor's case list (/supervision/applications as `supervisor`, every case of the province),
#   - a county supervisor's overview (/supervision as `county-supervisor`),
#   - the province supervisor's aggregate (/supervision/aggregate) and overview (/supervision as `supervisor`),
#   - the annual-report workspace of the large agency for last year (/annual-reports/YEAR),
#   - the portal item page (/catalog/{id}, a random sample of 2,000 published items, one after another: bench/item.lua),
#   - portal search (/search?q=…, the queries of bench/search-queries.txt: bench/search.lua) — on SEARCH_DATABASE,
#     with its node-local index in /tmp/bench/search-index-DATABASE (built at the first run, or a link to the folder
#     bench/search-load.sh built); the province database's pages run on a node that keeps no search index, so no
#     index build runs beside them (ADR 0014). Before the staff pages, both report years' findings are stored.
# Prints one table (database, page, connections, requests, p50, p95 in ms, non-200 answers), the load average before
# and after, and the databases' sizes. Figures on a shared 2-core machine are indicative: quote the load average.
#
#   bench/province-load.sh [seconds] [database] [search database]     (defaults: 20; province_load; catalog_load)
#
# Make the databases first (see docs/adr/0014-province-scale.md "The province-sized generator"):
#   dotnet run -c Release --project bench/Gongkai.ProvinceLoad -- --provider PostgreSQL \
#     --connection "Host=localhost;Username=gongkai;Password=gongkai;Database=province_load" --preset province
#   dotnet run -c Release --project bench/Gongkai.CatalogLoad -- --provider PostgreSQL \
#     --connection "Host=localhost;Username=gongkai;Password=gongkai;Database=catalog_load" --count 1000000
# APP_DLL runs another build of the app (e.g. a copy of the one before a change, for before/after figures).
# ONLY (a bash regular expression) measures only the pages whose name matches, e.g. ONLY='desk|item'; an empty
# search database (SEARCH_DATABASE=) skips portal search.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
database=${2:-province_load}
search_database=${3-${SEARCH_DATABASE-catalog_load}}
port=${PORT:-5096}
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }
command -v psql >/dev/null || { echo "psql is missing (apt-get install postgresql-client)"; exit 1; }
year=$(( $(date -u +%Y) - 1 ))
results=$(mktemp)
items=$(mktemp)
log=/tmp/gongkai-province-load.log
trap 'rm -f "$results" "$items"' EXIT
source bench/lib.sh

sql() { PGPASSWORD=gongkai psql -h localhost -U gongkai -d "$1" -Atc "$2"; }

dotnet build -c Release src/Gongkai.Web -v quiet -nologo >/dev/null
export ASPNETCORE_URLS=$base ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Demo__Seed=false
export Storage__Root=/tmp/bench/province-files

# Starts the app on one database; sets $app. With "search" as second argument it keeps a node-local search index
# (ADR 0014, one folder per database, e.g. a link to one built by bench/search-load.sh) and waits until it serves;
# without, the node keeps none, so no index build runs beside the measured staff pages.
start() {
  export Database__Provider=PostgreSQL Database__ConnectionString="Host=localhost;Username=gongkai;Password=gongkai;Database=$1;Maximum Pool Size=60"
  export Search__LocalIndex__Path=/tmp/bench/search-index-$1 Search__LocalIndex__Enabled=$([ "${2:-}" = search ] && echo true || echo false)
  env "Logging__LogLevel__Gongkai.Web.Portal.LocalSearchIndexBuilder=Information" \
    dotnet "${APP_DLL:-src/Gongkai.Web/bin/Release/net10.0/Gongkai.Web.dll}" >"$log" 2>&1 &
  app=$!
  wait_for_app $app "$log"
  if [ "${2:-}" = search ]; then
    local started=$SECONDS
    until curl -s "$base/health/ready" | grep -q '已就绪'; do
      kill -0 $app 2>/dev/null || { echo "the app stopped; see $log"; return 1; }
      sleep 2
    done
    echo "$1: the node's search index serves after $((SECONDS - started)) s"
    # An adopted file serves at once and is checked in the background (ADR 0014): measure after the check.
    if grep -q "checking it in the background" "$log"; then
      until grep -q "passed its check\|failed its check" "$log"; do
        kill -0 $app 2>/dev/null || { echo "the app stopped; see $log"; return 1; }
        sleep 2
      done
      echo "$1: its background check took $(($SECONDS - started)) s from the start"
    fi
  fi
}

stop() { kill $app; wait $app 2>/dev/null || true; }

run() {
  local name=$1 path=$2 cookie=${3:-} script=${4:-} connections
  [[ -n "${ONLY:-}" && ! "$name" =~ ${ONLY:-} ]] && return 0
  for connections in 1 20; do
    wrk_row "$results" "$label" "$name" "$connections" "$seconds" "$path" "$cookie" ${script:+"$script"}
  done
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
label=$database
start "$database"
handler=$(login handler)
county=$(login county-supervisor)
province=$(login supervisor)
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $handler" "$base/applications")
[ "$status" = 200 ] || { echo "signing in as handler failed (the queue answered $status)"; stop; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $province" "$base/supervision/regions")
[ "$status" = 200 ] || { echo "signing in as supervisor failed (/supervision/regions answered $status)"; stop; exit 1; }
# A sample of pages (1 %) is quick on millions of items; a small catalogue is sampled row by row.
sql "$database" "SELECT \"Id\" FROM (SELECT \"Id\" FROM \"CatalogItems\" TABLESAMPLE SYSTEM (1) WHERE \"Status\" = 5) s ORDER BY random() LIMIT 2000" >"$items"
[ "$(wc -l <"$items")" -ge 100 ] || sql "$database" "SELECT \"Id\" FROM \"CatalogItems\" WHERE \"Status\" = 5 ORDER BY random() LIMIT 2000" >"$items"
echo "$database: $(sql "$database" "SELECT count(*) FROM \"Applications\"") cases, the large agency $(sql "$database" "SELECT count(*) FROM \"Applications\" a JOIN \"AspNetUsers\" u ON u.\"AgencyId\" = a.\"AgencyId\" WHERE u.\"UserName\" = 'handler'"), $(wc -l <"$items") sampled items; report year $year; ${seconds}s per run"
# The overview's findings are stored per report version and build of the rules (ADR 0013): a new build computes them
# once, in the first overview of each year (or the warm-up job a minute after the start). Store both years the job
# keeps before measuring, so neither the job nor a first request computes beside the measured ones.
for y in $year $((year - 1)); do
  started=$SECONDS
  curl -s -o /dev/null -m 900 -H "Cookie: $province" "$base/supervision?year=$y"
  echo "province overview $y, first request after the start (stores the year's findings): $((SECONDS - started)) s"
done
run "desk queue (large agency)" "/applications" "$handler"
run "case list (province)" "/supervision/applications" "$province"
run "overview (county)" "/supervision" "$county"
run "aggregate (province)" "/supervision/aggregate" "$province"
run "overview (province)" "/supervision" "$province"
run "workspace $year (large agency)" "/annual-reports/$year" "$handler"
export ITEMS=$items SEARCH_PATH=/search
[ -s "$items" ] && run "item page" "/catalog" "" bench/item.lua
stop

if [ -n "$search_database" ] && [[ -z "${ONLY:-}" || "portal search" =~ ${ONLY:-} ]]; then
  label=$search_database
  start "$search_database" search
  run "portal search" "/search" "" bench/search.lua
  stop
fi

echo
wrk_header database
cat "$results"
echo "load average (1, 5, 15 min): before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for db in "$database" $search_database; do
  echo "$db: $(sql "$db" "SELECT pg_size_pretty(pg_database_size(current_database()))")"
done
