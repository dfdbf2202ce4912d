-- wrk script for bench/search-load.sh: every request searches the next query of search-queries.txt
-- (one- and two-character words, longer phrases, 文号) through /api/catalog/search, and the summary prints
-- the latency percentiles and the share of non-200 answers.
local queries = {}
for line in io.lines(os.getenv("QUERIES") or "bench/search-queries.txt") do
  if #line > 0 then queries[#queries + 1] = line end
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  counter = id * 7
  bad = 0
end

function request()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  return wrk.format("GET", "/api/catalog/search?q=" .. encode(q))
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + (thread:get("bad") or 0) end
  io.write(string.format("requests %d in %.1f s (%.0f/s), non-200 %d, socket errors %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("latency p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
