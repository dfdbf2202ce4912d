#!/usr/bin/env bash
# Desk and annual-report load test with about 100,000 cases: the web app (Release) on a SQLite file filled by the
# demo generator scaled up (Demo:ApplicationScale, every case played through the case engine), a signed-in handler
# of 示范县教育局 (40,000 of the cases at scale 500) and a supervisor of the county, and wrk against
#   - the desk queue page (/applications, sorted by due date, first page),
#   - the queue JSON (/api/applications, overdue filter),
#   - the cases behind a table cell (/applications?reportYear=YEAR&row=totalProcessed, the workspace's cell link),
#   - the supervisor's list of the whole county's cases (/supervision/applications, all of them),
#   - the annual-report workspace for last year (/annual-reports/YEAR: tables 三 and 四 computed from the cases,
#     the report assembled and validated on every request).
# Prints requests/s and p50/p95/p99 for each.
#
#   bench/desk-load.sh [scale] [connections] [seconds] [sqlite|postgres]   (defaults: 500 → 101,000 cases; 10; 20; sqlite)
#
# The database is made once per scale and reused afterwards: a SQLite file under /tmp/bench, or the PostgreSQL
# database desk_load_SCALE (role gongkai/gongkai on localhost, as scripts/prerequisites.sh sets up; PGHOST etc. not used).
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${1:-500}
connections=${2:-10}
seconds=${3:-20}
provider=${4:-sqlite}
port=${PORT:-5098}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }
mkdir -p /tmp/bench
db=/tmp/bench/desk-$scale.db
base="http://127.0.0.1:$port"

dotnet build -c Release src/Gongkai.Web -v quiet -nologo >/dev/null
export ASPNETCORE_URLS=$base ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
case "$provider" in
  sqlite)
    export Database__Provider=Sqlite Database__ConnectionString="Data Source=$db"
    [ -f "$db" ] || echo "creating $db with the demo scaled by $scale (once; a few minutes)" ;;
  postgres)
    export Database__Provider=PostgreSQL Database__ConnectionString="Host=localhost;Username=gongkai;Password=gongkai;Database=desk_load_$scale;Maximum Pool Size=60"
    echo "PostgreSQL database desk_load_$scale (made with the demo scaled by $scale on first use; a few minutes)" ;;
  *) echo "provider must be sqlite or postgres"; exit 1 ;;
esac
export Storage__Root=/tmp/bench/desk-files Demo__Seed=true Demo__ApplicationScale=$scale
export Search__LocalIndex__Path=/tmp/bench/search-index-desk_load_$scale   # the node-local index on PostgreSQL (ADR 0014)
dotnet src/Gongkai.Web/bin/Release/net10.0/Gongkai.Web.dll >/tmp/gongkai-desk-load.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 1800); do
  curl -sf "$base/health" >/dev/null && break
  kill -0 $app 2>/dev/null || { echo "the app stopped; see /tmp/gongkai-desk-load.log"; exit 1; }
  sleep 1
done
curl -sf "$base/health" >/dev/null || { echo "the app did not start; see /tmp/gongkai-desk-load.log"; exit 1; }

source bench/lib.sh
handler=$(login handler)
supervisor=$(login supervisor)
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $handler" "$base/applications")
[ "$status" = 200 ] || { echo "signing in as handler failed (queue answered $status)"; exit 1; }

year=$(( $(date +%Y) - 1 ))
cases=$(curl -s -H "Cookie: $handler" "$base/api/applications" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
echo "$provider, scale $scale: 示范县教育局 (the handler's agency) has $cases cases; $connections connections, ${seconds}s each"

threads=$(( connections < 2 ? connections : 2 ))
run() {
  echo "== $2 $1"
  wrk -t"$threads" -c"$connections" -d5s -H "Cookie: $3" "$base$1" >/dev/null
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 30s -H "Cookie: $3" -s bench/latency.lua "$base$1" | grep -E '^(requests|latency) '
}
run "/applications" handler "$handler"
run "/api/applications?status=overdue" handler "$handler"
run "/applications?reportYear=$year&row=totalProcessed" handler "$handler"
run "/annual-reports/$year" handler "$handler"
run "/supervision/applications" supervisor "$supervisor"
