-- GET with the session cookie (PTDV_BENCH_COOKIE, "__Host-ptdv_session=…"; none for /healthz). When
-- PTDV_BENCH_PATHS names a file of request paths, one a line, each thread walks it from its
-- own starting line; otherwise every request is the URL's path (a static request: no Lua per
-- request on wrk's side).

dofile(os.getenv("PTDV_BENCH_HTTP_DIR") .. "/report.lua")

local cookie = os.getenv("PTDV_BENCH_COOKIE")
if cookie ~= nil and cookie ~= "" then wrk.headers["Cookie"] = cookie end
-- PTDV_BENCH_NO_CACHE=1: "Cache-Control: no-cache", so that the server computes every answer
-- instead of serving it from its response cache (http/response_cache.h).
if os.getenv("PTDV_BENCH_NO_CACHE") == "1" then wrk.headers["Cache-Control"] = "no-cache" end

local paths_file = os.getenv("PTDV_BENCH_PATHS")
if paths_file ~= nil and paths_file ~= "" then
  local paths = {}
  for line in io.lines(paths_file) do
    if line ~= "" then table.insert(paths, line) end
  end
  assert(#paths > 0, "no paths in " .. paths_file)
  local next_path = 1

  function init(args)
    next_path = ((thread_index or 0) * 7919) % #paths + 1
  end

  function request()
    local path = paths[next_path]
    next_path = next_path % #paths + 1
    return wrk.format("GET", path)
  end
end
