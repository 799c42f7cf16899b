-- (8) a mixed day: 60% cached eligibility, 25% catalog search, 8% submissions, 7% redemptions
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local reviewer, admin, codes, tokens, nextCode, i, n, base
local queries = { "q=krd", "q=pembrolizumab", "q=osimertinib", "tier=1&size=20", "q=axc" }
function init()
  reviewer = "Bearer " .. c.read("reviewer.token"); admin = "Bearer " .. c.read("admin.token")
  codes = c.lines("codes.txt"); tokens = c.tokens("pharmacy-tokens.txt")
  n = tonumber(os.getenv("BENCH_THREADS") or "2"); i = 0
  base = tonumber(os.getenv("BENCH_SUBMIT_BASE") or "0")
  nextCode = c.cursor("codes", #codes, n, tid)
  math.randomseed(os.time() + tid)
end
function request()
  local x = math.random(1, 100)
  if x <= 60 then
    return c.eligibility(math.random(1, 1000), reviewer)
  elseif x <= 85 then
    return wrk.format("GET", "/api/v1/drugs?" .. queries[math.random(1, #queries)], { Authorization = reviewer })
  elseif x <= 93 then
    local m = (base + 50000 + (tid - 1) + i * n) % 100000 + 1
    i = i + 1
    return c.submission(m, admin)
  else
    local k = nextCode()
    if not k then return wrk.format("GET", "/api/v1/ping") end
    return c.redemption(codes[k], tokens)
  end
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
