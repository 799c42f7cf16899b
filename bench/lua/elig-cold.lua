-- (2) eligibility with the cache cold: every request a different member (the cache is flushed before each run)
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local token, i, n
function init() token = "Bearer " .. c.read("reviewer.token"); i = 0; n = tonumber(os.getenv("BENCH_THREADS") or "2") end
function request()
  local m = ((tid - 1) + i * n) % 100000 + 1
  i = i + 1
  return c.eligibility(m, token)
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
