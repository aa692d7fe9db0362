-- POST /api/v1/cases/{id}/events at a fixed rate: one step on a fresh case per request, with the
-- case's current version in If-Match (as bench/http/transition.lua). PTDV_MIX_STEPS names a file
-- of lines
--   case_id version member_person_id action cookie csrf
-- (run.sh writes it from the database: mark_sympathiser on source-stage cases, assign_helper on
-- the other open ones, the member an official member of the case's cell, the cookie and token
-- of the grassroots staff of the case's unit). Line k goes to thread k mod PTDV_MIX_THREADS.
-- PTDV_MIX_RATE is the rate of the whole instance (requests per second), PTDV_MIX_CONNECTIONS
-- its connections. With PTDV_MIX_ACKED, each acknowledged step (2xx) appends "case_id version"
-- (the new version, from the answer) to that file, for run.sh to look up afterwards. A thread that runs out of lines starts over; the repeats then fail with 409
-- (stale version) and show up in non2xx.

dofile(os.getenv("PTDV_MIX_DIR") .. "/report.lua")

local date = os.getenv("PTDV_MIX_DATE") or "2023-11-15"
local threads = tonumber(os.getenv("PTDV_MIX_THREADS") or "1")
local rate = tonumber(os.getenv("PTDV_MIX_RATE"))
local connections = tonumber(os.getenv("PTDV_MIX_CONNECTIONS") or "1")
local steps = {}
local next_step = 1
local pace = nil
local acked = nil
ptdv_counting = 1

function init(args)
  local index = thread_index or 0
  local k = 0
  for line in io.lines(os.getenv("PTDV_MIX_STEPS")) do
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
  assert(#steps > 0, "no steps for thread " .. index)
  pace = ptdv_pacer(rate / threads, math.max(1, math.floor(connections / threads)))
  local acked_file = os.getenv("PTDV_MIX_ACKED")
  if acked_file ~= nil and acked_file ~= "" then
    acked = assert(io.open(acked_file, "a"))
    acked:setvbuf("line")  -- whole lines, each as soon as it is known
  end
end

function delay()
  return pace()
end

function request()
  local s = steps[next_step]
  next_step = next_step % #steps + 1
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
  ptdv_count(status)
  if acked ~= nil and status >= 200 and status <= 299 then
    local id = body:match('^{"case":{"id":(%d+)')
    local version = body:match('"version":(%d+)')
    acked:write(string.format("%s %s\n", id or "?", version or "?"))
  end
end
