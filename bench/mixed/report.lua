-- Shared by the wrk scripts of bench/mixed: numbers the threads, paces requests, and prints one
-- machine-readable line at the end, which run.sh parses:
--   PTDV_RESULT requests=N seconds=S rps=R p50_ms=A p99_ms=B non2xx=K socket_errors=E statuses=…
-- non2xx: responses outside 200-299. Scripts that count statuses themselves (set
-- ptdv_counting = 1 and call ptdv_count(status) from response()) give the exact figure and the
-- statuses ("409x3,"); otherwise it is wrk's own count of statuses >= 400 (the read routes answer
-- 200 or an error). When PTDV_MIX_HIST names a file, the latency distribution is also written
-- there as "microseconds weight" lines (1,090 quantiles, the weights summing to the request
-- count), so that run.sh can merge the distributions of several wrk instances.

local threads = {}
ptdv_counting = 0
ptdv_non2xx = 0
ptdv_statuses = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

function ptdv_count(status)
  if status < 200 or status > 299 then
    ptdv_non2xx = ptdv_non2xx + 1
    ptdv_statuses[status] = (ptdv_statuses[status] or 0) + 1
  end
end

-- A monotonic clock in milliseconds through LuaJIT's ffi (Debian's wrk), else nil.
local now_ms = nil
do
  local ok, ffi = pcall(require, "ffi")
  if ok then
    ffi.cdef [[
      typedef struct { long tv_sec; long tv_nsec; } ptdv_timespec;
      int clock_gettime(int clock_id, ptdv_timespec *tp);
    ]]
    local ts = ffi.new("ptdv_timespec")
    now_ms = function()
      ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
      return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
    end
  end
end

-- A delay() for `rate` requests per second from this thread over `connections` connections:
-- each request takes the next free slot of a fixed schedule, so the rate holds whatever the
-- latency (as long as the connections suffice); a late schedule restarts from now instead of
-- sending a burst. Without a clock, each connection waits connections/rate seconds.
function ptdv_pacer(rate, connections)
  local interval = 1000 / rate
  local next_slot = nil
  return function()
    if now_ms == nil then return math.floor(interval * connections) end
    local now = now_ms()
    if next_slot == nil or next_slot < now then next_slot = now end
    local wait = next_slot - now
    next_slot = next_slot + interval
    return math.floor(wait + 0.5)
  end
end

local function write_histogram(path, latency, requests)
  local f = assert(io.open(path, "w"))
  if requests > 0 then
    -- 990 quantiles of 0.1 % up to 99 %, then 100 of 0.01 % for the tail.
    for i = 1, 990 do
      f:write(string.format("%d %.4f\n", latency:percentile((i - 0.5) / 10), requests / 1000))
    end
    for i = 1, 100 do
      f:write(string.format("%d %.4f\n", latency:percentile(99 + (i - 0.5) / 100),
                            requests / 10000))
    end
  end
  f:close()
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  local totals = {}
  local counted = false
  for _, thread in ipairs(threads) do
    if thread:get("ptdv_counting") == 1 then
      if not counted then
        non2xx = 0
        counted = true
      end
      non2xx = non2xx + thread:get("ptdv_non2xx")
      for status, n in pairs(thread:get("ptdv_statuses")) do
        totals[status] = (totals[status] or 0) + n
      end
    end
  end
  local codes = {}
  for status, _ in pairs(totals) do table.insert(codes, status) end
  table.sort(codes)
  local statuses = ""
  for _, status in ipairs(codes) do
    statuses = statuses .. status .. "x" .. totals[status] .. ","
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
      "PTDV_RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d " ..
      "socket_errors=%d statuses=%s\n",
      summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, non2xx, e.connect + e.read + e.write + e.timeout,
      statuses == "" and "-" or statuses))
  local hist = os.getenv("PTDV_MIX_HIST")
  if hist ~= nil and hist ~= "" then write_histogram(hist, latency, summary.requests) end
end
