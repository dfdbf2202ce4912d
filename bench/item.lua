-- wrk script for bench/province-load.sh: every request opens the portal item page (/catalog/{id}) of the next id of
-- the file ITEMS names (one id a line, a random sample of the published items), so the run reads items spread over
-- the whole table rather than one cached row; the summary (bench/latency.lua) prints the percentiles.
dofile("bench/latency.lua")

local ids = {}
for line in io.lines(os.getenv("ITEMS")) do
  if #line > 0 then ids[#ids + 1] = line end
end

local counter = 0
local count_init = init

function init(args)
  count_init(args)
  counter = id * 997
end

function request()
  counter = counter + 1
  return wrk.format("GET", "/catalog/" .. ids[(counter % #ids) + 1])
end
