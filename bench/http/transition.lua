-- POST /api/v1/cases/{id}/events: one step on a fresh case per request, with the case's current
-- version in If-Match. PTDV_BENCH_TRANSITIONS names a file of lines
--   case_id version member_person_id action cookie csrf
-- (run.sh writes it from the database: mark_sympathiser on source-stage cases, assign_helper on
-- the other open ones, the member an official member of the case's cell). Line k goes to thread
-- k mod PTDV_BENCH_THREADS. A thread that runs out of lines starts over; the repeats then fail
-- with 409 (stale version) and show up in non2xx.

dofile(os.getenv("PTDV_BENCH_HTTP_DIR") .. "/report.lua")

local date = os.getenv("PTDV_BENCH_DATE") or "2023-11-15"
local steps = {}
local next_step = 1
ptdv_non2xx = 0
ptdv_statuses = ""
ptdv_exhausted = 0
local status_counts = {}

function init(args)
  local threads = tonumber(os.getenv("PTDV_BENCH_THREADS") or "1")
  local index = thread_index or 0
  local k = 0
  for line in io.lines(os.getenv("PTDV_BENCH_TRANSITIONS")) do
    local id, version, member, action, cookie, csrf =
        line:match("^(%d+) (%d+) (%d+) (%S+) (%S+) (%S+)$")
    if id ~= nil then
      if k % threads == index then
        table.insert(steps, {id = id, version = version, member = member, action = action,
                             cookie = cookie, csrf = csrf})
      end
      k = k + 1
    end
  end
  assert(#steps > 0, "no transitions for thread " .. index)
end

function request()
  local s = steps[next_step]
  next_step = next_step + 1
  if next_step > #steps then
    next_step = 1
    ptdv_exhausted = 1
  end
  local body = string.format('{"action":"%s","date":"%s","member_person_id":%s}', s.action,
                             date, s.member)
  return wrk.format("POST", "/api/v1/cases/" .. s.id .. "/events", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = s.cookie,
    ["X-CSRF-Token"] = s.csrf,
    ["If-Match"] = '"' .. s.version .. '"',
  }, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    ptdv_non2xx = ptdv_non2xx + 1
    status_counts[status] = (status_counts[status] or 0) + 1
    local parts = {}
    for code, n in pairs(status_counts) do table.insert(parts, code .. "x" .. n .. ",") end
    ptdv_statuses = table.concat(parts)
  end
end
