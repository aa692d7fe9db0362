-- Shared by the wrk scripts of bench/http: numbers the threads and prints one machine-readable
-- line at the end, which run.sh parses:
--   PTDV_RESULT requests=N seconds=S rps=R p50_ms=A p99_ms=B non2xx=K socket_errors=E statuses=…
-- non2xx: responses outside 200-299. Scripts that count statuses themselves (transition.lua:
-- globals ptdv_non2xx and ptdv_statuses in each thread) give the exact figure; otherwise it is
-- wrk's own count of statuses >= 400 (the benchmarked GET routes answer 200 or an error).

local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  local statuses = ""
  local counted = false
  for _, thread in ipairs(threads) do
    local n = thread:get("ptdv_non2xx")
    if n ~= nil then
      if not counted then
        non2xx = 0
        counted = true
      end
      non2xx = non2xx + n
      local s = thread:get("ptdv_statuses")
      if s ~= nil and s ~= "" then statuses = statuses .. s end
      if thread:get("ptdv_exhausted") == 1 then statuses = statuses .. "list-exhausted," end
    end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
      "PTDV_RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d " ..
      "socket_errors=%d statuses=%s\n",
      summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, non2xx, e.connect + e.read + e.write + e.timeout,
      statuses == "" and "-" or statuses))
end
