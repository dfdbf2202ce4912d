#!/usr/bin/env bash
# Durability under kill -9: the web app (Release) on a fresh database takes online submissions from wrk
# (bench/submit.lua, every acknowledged receipt logged by the client), is killed with SIGKILL in the middle of the
# load, and is started again on the same database while the load goes on. Then the acknowledged receipts are
# compared with the stored applications:
#   lost      acknowledged (201 with receipt code and number) but not stored with that number — must be 0;
#   unacked   stored but never acknowledged (in flight at the kill, or when the client stopped at the end);
#   gaps      numbers of the year missing between 1 and the highest one.
#
#   bench/durability.sh [sqlite|postgres|both] [connections] [seconds before the kill] [seconds after the restart]
#   (defaults: both; 20; 15; 15)
#
# While the app is down wrk retries without pause (one thread, so it leaves a core to the restarting app).
# SQLite: a file under /tmp/bench/durability-sqlite. PostgreSQL: the database gongkai_durability (dropped and made
# again; role gongkai/gongkai on localhost, as scripts/prerequisites.sh sets up).
set -euo pipefail
cd "$(dirname "$0")/.."

which=${1:-both}
connections=${2:-20}
before=${3:-15}
after=${4:-15}
port=${PORT:-5097}
base="http://127.0.0.1:$port"
for tool in wrk sqlite3 psql; do
  command -v $tool >/dev/null || { echo "$tool is missing (apt-get install wrk sqlite3 postgresql-client)"; exit 1; }
done

dotnet build -c Release src/Gongkai.Web -v quiet -nologo >/dev/null
export ASPNETCORE_URLS=$base ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Demo__Seed=true Demo__Applications=false Demo__Catalog=false Applications__OnlineSubmissionsPerHour=1000000000
app=
client=
trap '[ -n "$client" ] && kill $client 2>/dev/null; [ -n "$app" ] && kill $app 2>/dev/null; true' EXIT

# Starts the app (its process id in $app) and waits until it answers (the seconds that took in $took).
start_app() {
  local started=$SECONDS
  dotnet src/Gongkai.Web/bin/Release/net10.0/Gongkai.Web.dll >>"$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 600); do
    if curl -sf "$base/health" >/dev/null; then
      took=$((SECONDS - started))
      return
    fi
    kill -0 $app 2>/dev/null || { echo "the app stopped; see $work/app.log"; exit 1; }
    sleep 0.2
  done
  echo "the app did not start; see $work/app.log"
  exit 1
}

run() {
  local provider=$1
  work=/tmp/bench/durability-$provider
  rm -rf "$work"
  mkdir -p "$work"
  export Storage__Root=$work/files
  case "$provider" in
    sqlite)
      export Database__Provider=Sqlite Database__ConnectionString="Data Source=$work/gongkai.db"
      query() { sqlite3 "$work/gongkai.db" "$1"; } ;;
    postgres)
      PGPASSWORD=gongkai psql -h localhost -U gongkai -d postgres -q \
        -c "DROP DATABASE IF EXISTS gongkai_durability WITH (FORCE)" -c "CREATE DATABASE gongkai_durability"
      export Database__Provider=PostgreSQL \
        Database__ConnectionString="Host=localhost;Username=gongkai;Password=gongkai;Database=gongkai_durability;Maximum Pool Size=50"
      query() { PGPASSWORD=gongkai psql -h localhost -U gongkai -d gongkai_durability -Atc "$1"; } ;;
  esac

  start_app
  echo "== $provider: first start (migrations and the demo region) took $took s"
  local agency
  agency=$(query "SELECT \"Id\" FROM \"Agencies\" WHERE \"Name\" = '示范县教育局'")
  AGENCY=$agency ACKED=$work wrk -t1 -c"$connections" -d1h --timeout 10s -s bench/submit.lua "$base/api/applications" >"$work/wrk.txt" &
  client=$!
  sleep "$before"
  kill -9 $app
  wait $app 2>/dev/null || true
  start_app
  echo "killed with SIGKILL after ${before} s of $connections connections submitting; started again in $took s"
  sleep "$after"
  kill -INT $client
  wait $client || true
  client=
  kill $app
  wait $app 2>/dev/null || true
  app=
  cat "$work/wrk.txt"

  local year
  year=$(query "SELECT MIN(substr(\"Number\", 1, 4)) FROM \"Applications\" WHERE \"AgencyId\" = '$agency'")
  cat "$work"/acked-*.log | sort >"$work/acked.txt"
  query "SELECT \"ReceiptCode\" || ' ' || \"Number\" FROM \"Applications\" WHERE \"AgencyId\" = '$agency'" | sort >"$work/stored.txt"
  local acked stored lost unacked highest distinct
  acked=$(wc -l <"$work/acked.txt")
  stored=$(wc -l <"$work/stored.txt")
  lost=$(comm -23 "$work/acked.txt" "$work/stored.txt" | wc -l)
  unacked=$(comm -13 "$work/acked.txt" "$work/stored.txt" | wc -l)
  highest=$(query "SELECT MAX(CAST(substr(\"Number\", 6) AS INTEGER)) FROM \"Applications\" WHERE \"AgencyId\" = '$agency'")
  distinct=$(query "SELECT COUNT(DISTINCT \"Number\") FROM \"Applications\" WHERE \"AgencyId\" = '$agency'")
  echo "$provider: acknowledged $acked, stored $stored, lost $lost, unacked $unacked, numbers $year-0001…$year-$(printf %04d "$highest") with $((highest - distinct)) gaps"
}

case "$which" in
  sqlite | postgres) run "$which" ;;
  both) run sqlite; run postgres ;;
  *) echo "the first argument is sqlite, postgres or both"; exit 1 ;;
esac
