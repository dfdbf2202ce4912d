# Shared helpers of the bench/*-load.sh scripts (sourced, not run). Each script sets $base (http://127.0.0.1:PORT)
# before calling them.

# Signs in and prints the cookie header value for wrk and curl (-H "Cookie: ...").
#   login USER [PASSWORD]          (the generated and demo accounts use Gongkai-2026)
login() {
  local jar token
  jar=$(mktemp)
  token=$(curl -s -c "$jar" -b "$jar" "$base/accounts/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "UserName=$1" --data-urlencode "Password=${2:-Gongkai-2026}" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/accounts/login"
  awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF == 7) printf "%s=%s; ", $6, $7 }' "$jar"
  rm -f "$jar"
}

# Waits until the app started in the background answers /health; fails when it stops or does not answer in time.
#   wait_for_app PID LOG [SECONDS]
wait_for_app() {
  local pid=$1 log=$2 limit=${3:-300}
  for _ in $(seq 1 "$limit"); do
    curl -sf "$base/health" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the app stopped; see $log"; return 1; }
    sleep 1
  done
  curl -sf "$base/health" >/dev/null || { echo "the app did not start in ${limit}s; see $log"; return 1; }
}

# One warm-up request, then wrk with bench/latency.lua for SECONDS at CONNECTIONS; prints wrk's two summary lines and
# appends one row (label, page, connections, requests, p50 ms, p95 ms, non-200 answers) to the file RESULTS.
#   wrk_row RESULTS LABEL PAGE CONNECTIONS SECONDS PATH [COOKIE] [WRK SCRIPT]
# The script defaults to bench/latency.lua; another one (e.g. bench/search.lua) makes its own requests and PATH is
# then only the base of them.
wrk_row() {
  local results=$1 label=$2 page=$3 connections=$4 seconds=$5 path=$6 cookie=${7:-} script=${8:-bench/latency.lua} out
  local headers=()
  [ -n "$cookie" ] && headers=(-H "Cookie: $cookie")
  echo "== $label $page ($connections)"
  curl -s -o /dev/null -m 300 "${headers[@]}" "$base$path"
  out=$(wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${seconds}s" --timeout 120s "${headers[@]}" -s "$script" "$base$path")
  echo "$out" | grep -E '^(requests|latency) '
  echo "$out" | awk -v l="$label" -v n="$page" -v c="$connections" '
    /^requests / { r = $2; bad = $8 } /^latency / { p50 = $3; p95 = $6 }
    END { gsub(",", "", bad); printf "%-9s %-34s %3s %8s %10s %10s %6s\n", l, n, c, r, p50, p95, bad }' >>"$results"
}

# The header of wrk_row's table.
wrk_header() {
  printf "%-9s %-34s %3s %8s %10s %10s %6s\n" "${1:-provider}" page conn requests "p50 ms" "p95 ms" non200
}
