-- (6) redemption at the counter: the money transaction, each code once, by the pharmacy it is bound to
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local rows, tokens, next
function init()
  rows = c.lines("codes.txt"); tokens = c.tokens("pharmacy-tokens.txt")
  next = c.cursor("codes", #rows, tonumber(os.getenv("BENCH_THREADS") or "2"), tid)
end
function request()
  local k = next()
  if not k then return wrk.format("GET", "/api/v1/ping") end
  return c.redemption(rows[k], tokens)
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
