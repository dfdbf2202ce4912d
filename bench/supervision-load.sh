#!/usr/bin/env bash
# Supervision load test at region scale: the web app (Release) on a database made by bench/Gongkai.ProvinceLoad, the
# generated supervisors signed in, and wrk at 1 and 20 connections against
#   - the region overview (/supervision: every agency's report for last year, findings, the twelve-month trends), its
#     first request timed on its own (it stores the findings of report versions that have none stored for this build),
#   - the same overview of a county supervisor (a 20-agency subtree),
#   - the per-region summary (/supervision/regions),
#   - an assessment (/supervision/assessment?period=Q): at region scale the ranking computed in the background and
#     stored (AssessmentSnapshots); the script first asks for it and waits until the job has computed it, printing how
#     long one background computation took (queued → 已完成, and the job's own DurationMs),
#   - its Excel export (排名 and 指标明细, from the same stored ranking),
#   - the region aggregate (/supervision/aggregate, last year) and its Excel export (?handler=xlsx): at region scale
#     computed in the background and stored like the ranking; the script first asks for it and waits until it is stored,
#   - the supervisors' case lists (/supervision/applications: every case of the region, and a county's).
# Prints one table: provider, page, connections, requests, p50, p95 (ms). Figures on a shared 2-core machine are indicative.
#
#   bench/supervision-load.sh [seconds] [both|sqlite|postgres]        (defaults: 20; both)
#
# Make the databases first (minutes; see docs/adr/0013-supervision.md "Measured"):
#   dotnet run -c Release --project bench/Gongkai.ProvinceLoad -- --provider PostgreSQL \
#     --connection "Host=localhost;Username=gongkai;Password=gongkai;Database=region_load" --preset region
#   dotnet run -c Release --project bench/Gongkai.ProvinceLoad -- --provider Sqlite --connection "Data Source=/work/benchdata/region.db" --preset region
# Generation ends by publishing the annual reports of the complete years; a database made before that gets them with
#   dotnet run -c Release --project bench/Gongkai.ProvinceLoad -- --provider Sqlite --connection "Data Source=…" --add-reports
# SQLITE_DB and PG_DATABASE choose other databases; PERIOD (default: the last full quarter) the assessed quarter;
# ONLY (a bash regular expression) measures only the pages whose name matches, e.g. ONLY='overview' or ONLY='case list';
# APP_DLL runs another build of the app (e.g. a copy of the one before a change, for before/after figures).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
which=${2:-both}
port=${PORT:-5097}
sqlite_db=${SQLITE_DB:-/work/benchdata/region.db}
pg_database=${PG_DATABASE:-region_load}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }
month=$(date -u +%-m); year=$(date -u +%Y); quarter=$(( (month - 1) / 3 ))
[ "$quarter" -eq 0 ] && { quarter=4; year=$((year - 1)); }
period=${PERIOD:-${year}Q${quarter}}
base="http://127.0.0.1:$port"
results=$(mktemp)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet build -c Release src/Gongkai.Web -v quiet -nologo >/dev/null
export ASPNETCORE_URLS=$base ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Demo__Seed=false
export Storage__Root=/tmp/bench/supervision-files
# On PostgreSQL each database gets its own node-local search index (ADR 0014), outside the working tree.
export Search__LocalIndex__Path=/tmp/bench/search-index-${PG_DATABASE:-region_load}

source bench/lib.sh

measure() {
  local provider=$1 app
  case "$provider" in
    sqlite)
      [ -f "$sqlite_db" ] || { echo "no $sqlite_db; make it with bench/Gongkai.ProvinceLoad"; return 1; }
      export Database__Provider=Sqlite Database__ConnectionString="Data Source=$sqlite_db" ;;
    postgres)
      export Database__Provider=PostgreSQL Database__ConnectionString="Host=localhost;Username=gongkai;Password=gongkai;Database=$pg_database;Maximum Pool Size=60" ;;
  esac
  dotnet "${APP_DLL:-src/Gongkai.Web/bin/Release/net10.0/Gongkai.Web.dll}" >/tmp/gongkai-supervision-load.log 2>&1 &
  app=$!
  wait_for_app $app /tmp/gongkai-supervision-load.log || return 1
  local province county
  province=$(login supervisor)
  county=$(login county-supervisor)
  local status
  # A supervisors' page that reads no report, so that the overview's first request below is the first to read them.
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $province" "$base/supervision/collect")
  [ "$status" = 200 ] || { echo "signing in as supervisor failed (/supervision/collect answered $status)"; kill $app; return 1; }
  echo "$provider: assessing $period"
  run() {
    local name=$1 path=$2 cookie=$3 connections
    [[ -n "${ONLY:-}" && ! "$name" =~ ${ONLY:-} ]] && return 0
    for connections in 1 20; do
      wrk_row "$results" "$provider" "$name" "$connections" "$seconds" "$path" "$cookie"
    done
  }
  if [[ -z "${ONLY:-}" || "overview (province)" =~ ${ONLY:-} ]]; then
    first_request "$provider" "overview (province), first request" "/supervision" "$province"
  fi
  run "overview (province)" "/supervision" "$province"
  run "overview (county)" "/supervision" "$county"
  run "regions" "/supervision/regions" "$province"
  if [[ -z "${ONLY:-}" || "assessment" =~ ${ONLY:-} ]]; then
    snapshot "$provider" "$province"
  fi
  run "assessment $period" "/supervision/assessment?period=$period" "$province"
  run "assessment Excel" "/supervision/assessment?handler=xlsx&period=$period" "$province"
  if [[ -z "${ONLY:-}" || "aggregate" =~ ${ONLY:-} ]]; then
    aggregate_snapshot "$provider" "$province"
  fi
  run "aggregate (province)" "/supervision/aggregate" "$province"
  run "aggregate Excel" "/supervision/aggregate?handler=xlsx" "$province"
  run "case list (region)" "/supervision/applications" "$province"
  run "case list (county)" "/supervision/applications" "$county"
  kill $app; wait $app 2>/dev/null || true
}

# One request, timed, before any other of the page: on a database whose reports' findings are not stored yet (or were
# stored by another build) it computes and stores them (StoredFindings), which every later request reads.
first_request() {
  local provider=$1 name=$2 path=$3 cookie=$4 code took
  read -r code took < <(curl -s -o /dev/null -m 600 -w '%{http_code} %{time_total}\n' -H "Cookie: $cookie" "$base$path")
  echo "$provider: $name ${took}s (HTTP $code)"
  printf "%-9s %-34s %3s %8s %10s %10s %6s\n" "$provider" "$name" 1 1 "$(printf '%.0f' "$(echo "$took * 1000" | bc)")" "-" "$([ "$code" = 200 ] && echo 0 || echo 1)" >>"$results"
}

# Asks for the assessment (which queues its background computation when none is fresh) and waits until it is done.
snapshot() {
  local provider=$1 cookie=$2 started state waited=0
  started=$(date +%s.%N)
  curl -s -o /dev/null -m 300 -H "Cookie: $cookie" "$base/supervision/assessment?period=$period"
  while :; do
    state=$(curl -s -m 60 -H "Cookie: $cookie" -H 'Accept: application/json' "$base/supervision/assessment?handler=state&period=$period" | jq -r '.state // "none"')
    [[ "$state" == queued || "$state" == running ]] || break
    sleep 1; waited=$((waited + 1))
    [ "$waited" -lt 900 ] || { echo "the background computation did not finish in 900 s"; break; }
  done
  local took
  took=$(echo "$(date +%s.%N) - $started" | bc)
  echo "$provider: background computation $state after ${took}s (wall, including the wait for the job's next round)"
  local sql="SELECT \"DurationMs\" FROM \"AssessmentSnapshots\" WHERE \"PeriodKey\" = '$period' ORDER BY \"ComputedAtUtc\" DESC LIMIT 1" duration
  case "$provider" in
    sqlite) duration=$(sqlite3 "$sqlite_db" "$sql") ;;
    postgres) duration=$(PGPASSWORD=gongkai psql -h localhost -U gongkai -d "$pg_database" -tAc "$sql") ;;
  esac
  printf "%-9s %-34s %3s %8s %10s %10s %6s\n" "$provider" "background computation, wall ($state)" "-" 1 "$(printf '%.0f' "$(echo "$took * 1000" | bc)")" "-" "-" >>"$results"
  printf "%-9s %-34s %3s %8s %10s %10s %6s\n" "$provider" "background computation, job" "-" 1 "${duration:-?}" "-" "-" >>"$results"
}

# Asks for the aggregate (which queues its background computation when none is fresh) and waits until the page says
# 汇总数据截至 with no state left to show (queued, running or failed).
aggregate_snapshot() {
  local provider=$1 cookie=$2 started page waited=0 state=done
  started=$(date +%s.%N)
  while :; do
    page=$(curl -s -m 300 -H "Cookie: $cookie" "$base/supervision/aggregate")
    if grep -q 'id="aggregate-computed-at"' <<<"$page" && ! grep -q 'data-part="label"' <<<"$page"; then break; fi
    grep -q '>失败<' <<<"$page" && { state=failed; break; }
    sleep 1; waited=$((waited + 1))
    [ "$waited" -lt 900 ] || { echo "the aggregate was not computed in 900 s"; state=timeout; break; }
  done
  local took
  took=$(echo "$(date +%s.%N) - $started" | bc)
  echo "$provider: aggregate $state after ${took}s (wall, including the wait for the job's next round)"
  local sql="SELECT \"DurationMs\" FROM \"AssessmentSnapshots\" WHERE \"PeriodKey\" LIKE 'A%' ORDER BY \"ComputedAtUtc\" DESC LIMIT 1" duration
  case "$provider" in
    sqlite) duration=$(sqlite3 "$sqlite_db" "$sql") ;;
    postgres) duration=$(PGPASSWORD=gongkai psql -h localhost -U gongkai -d "$pg_database" -tAc "$sql") ;;
  esac
  printf "%-9s %-34s %3s %8s %10s %10s %6s\n" "$provider" "aggregate computation, wall" "-" 1 "$(printf '%.0f' "$(echo "$took * 1000" | bc)")" "-" "-" >>"$results"
  printf "%-9s %-34s %3s %8s %10s %10s %6s\n" "$provider" "aggregate computation, job" "-" 1 "${duration:-?}" "-" "-" >>"$results"
}

trap 'rm -f "$results"' EXIT
case "$which" in
  both) measure postgres; measure sqlite ;;
  sqlite|postgres) measure "$which" ;;
  *) echo "which must be both, sqlite or postgres"; exit 1 ;;
esac
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk_header
cat "$results"
