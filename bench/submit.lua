-- wrk script: online submissions (POST /api/applications) to the agency $AGENCY. Every acknowledged submission
-- (201) is appended at once to $ACKED/acked-<thread>.log as "<receipt code> <number>", so that bench/durability.sh
-- can compare what the server acknowledged with what it stored. Prints the answers by status and the latency.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  acknowledged, refused, failed = 0, 0, 0
  log = assert(io.open(string.format("%s/acked-%d.log", os.getenv("ACKED"), id), "a"))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"agencyId":"' .. os.getenv("AGENCY") .. '","applicantType":"NaturalPerson","applicantName":"刘晓明",'
    .. '"idDocumentType":"ResidentIdCard","idNumber":"11010519491231002X","phone":"13800138000","email":"liu@example.com",'
    .. '"description":"2024年城区义务教育学区划分方案","requestedForm":"Electronic","deliveryPreference":"Email"}'
end

function response(status, headers, body)
  if status == 201 then
    local code = body:match('"receiptCode":"([^"]+)"')
    local number = body:match('"number":"([^"]+)"')
    log:write(code, " ", number, "\n")
    log:flush()
    acknowledged = acknowledged + 1
  elseif status >= 500 then
    failed = failed + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local totals = { acknowledged = 0, refused = 0, failed = 0 }
  for _, thread in ipairs(threads) do
    for name in pairs(totals) do totals[name] = totals[name] + (thread:get(name) or 0) end
  end
  io.write(string.format("answers: 201 %d, 5xx %d, other %d; socket errors %d (connect %d) in %.1f s\n",
    totals.acknowledged, totals.failed, totals.refused,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.connect,
    summary.duration / 1e6))
  io.write(string.format("latency p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
