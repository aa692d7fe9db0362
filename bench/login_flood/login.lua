-- POST /api/v1/auth/login with a wrong password, over and over (the flood of
-- bench/login_flood/run.sh). Counts the answers by status and prints them at the end:
--   PTDV_FLOOD requests=N rps=R statuses=200:a,401:b,429:c,503:d
-- PTDV_FLOOD_LOGIN names the account (default lanhdao), PTDV_FLOOD_PASSWORD the password
-- (default a wrong one).

local login = os.getenv("PTDV_FLOOD_LOGIN") or "lanhdao"
local password = os.getenv("PTDV_FLOOD_PASSWORD") or "sai-mat-khau-luon"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"login":"%s","password":"%s"}', login, password)

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do totals[status] = (totals[status] or 0) + n end
  end
  local keys = {}
  for status, _ in pairs(totals) do table.insert(keys, status) end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do table.insert(parts, status .. ":" .. totals[status]) end
  local seconds = summary.duration / 1e6
  io.write(string.format("PTDV_FLOOD requests=%d rps=%.1f p50_ms=%.3f statuses=%s\n",
                         summary.requests, summary.requests / seconds,
                         latency:percentile(50) / 1000, table.concat(parts, ",")))
end
