-- (4) prescription submission with straight-through approval (a clean D002 prescription; the seeded ones are D001), each for a different member
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local token, i, n, base
function init()
  token = "Bearer " .. c.read("admin.token"); i = 0; n = tonumber(os.getenv("BENCH_THREADS") or "2")
  base = tonumber(os.getenv("BENCH_SUBMIT_BASE") or "0")
end
function request()
  local m = (base + (tid - 1) + i * n) % 100000 + 1
  i = i + 1
  return c.submission(m, token)
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
