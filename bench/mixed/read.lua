-- GET requests of one kind of reader. PTDV_MIX_URLS names a file of lines "path cookie" (the
-- path percent-encoded, the cookie "__Host-ptdv_session=…" of an account that may read it, or
-- "-" for none); each request picks a line at random. Without PTDV_MIX_URLS every request is
-- the URL's own path, with no Lua per request (the /healthz ceiling).
-- PTDV_MIX_NO_CACHE=1 adds "Cache-Control: no-cache", so that the server computes every answer
-- instead of serving it from its response cache (src/http/response_cache.h).

dofile(os.getenv("PTDV_MIX_DIR") .. "/report.lua")

local no_cache = os.getenv("PTDV_MIX_NO_CACHE") == "1"
if no_cache then wrk.headers["Cache-Control"] = "no-cache" end

local urls_file = os.getenv("PTDV_MIX_URLS")
if urls_file ~= nil and urls_file ~= "" then
  local paths = {}
  local headers = {}
  for line in io.lines(urls_file) do
    local path, cookie = line:match("^(%S+) (%S+)$")
    if path ~= nil then
      table.insert(paths, path)
      -- wrk.format sends these headers instead of wrk.headers, not in addition to them.
      local h = {}
      if cookie ~= "-" then h["Cookie"] = cookie end
      if no_cache then h["Cache-Control"] = "no-cache" end
      table.insert(headers, h)
    end
  end
  assert(#paths > 0, "no URLs in " .. urls_file)

  function init(args)
    math.randomseed(1000003 * ((thread_index or 0) + 1))
  end

  function request()
    local i = math.random(#paths)
    return wrk.format("GET", paths[i], headers[i])
  end
end
