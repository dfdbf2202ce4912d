-- wrk script for bench/search-load.sh: every request searches the next query of search-queries.txt
-- (one- and two-character words, longer phrases, 文号) through /api/catalog/search, or the page SEARCH_PATH names
-- (bench/province-load.sh: SEARCH_PATH=/search, the portal's search page); the summary (bench/latency.lua)
-- prints the latency percentiles and the share of non-200 answers.
dofile("bench/latency.lua")

local queries = {}
for line in io.lines(os.getenv("QUERIES") or "bench/search-queries.txt") do
  if #line > 0 then queries[#queries + 1] = line end
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local path = os.getenv("SEARCH_PATH") or "/api/catalog/search"
local counter = 0
local count_init = init

function init(args)
  count_init(args)
  counter = id * 7
end

function request()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  return wrk.format("GET", path .. "?q=" .. encode(q))
end
