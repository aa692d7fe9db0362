-- POST /api/v1/auth/login with the right password at a fixed rate (each login hashes with
-- argon2id and opens a session). PTDV_MIX_LOGIN names the account, PTDV_MIX_PASSWORD its
-- password; PTDV_MIX_RATE is the rate of the whole instance (logins per second, one thread),
-- PTDV_MIX_CONNECTIONS its connections.

dofile(os.getenv("PTDV_MIX_DIR") .. "/report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"login":"%s","password":"%s"}', os.getenv("PTDV_MIX_LOGIN"),
                         os.getenv("PTDV_MIX_PASSWORD"))
local pace = ptdv_pacer(tonumber(os.getenv("PTDV_MIX_RATE")),
                        tonumber(os.getenv("PTDV_MIX_CONNECTIONS") or "1"))
ptdv_counting = 1

function delay()
  return pace()
end

function response(status, headers, body)
  ptdv_count(status)
end
