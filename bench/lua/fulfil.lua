-- (5) fulfilment with pickup-code issue: a member chooses pickup for an approved prescription (each once)
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local rows, tokens, next
function init()
  rows = c.lines("open-prescriptions.txt"); tokens = c.tokens("member-tokens.txt")
  next = c.cursor("open-prescriptions", #rows, tonumber(os.getenv("BENCH_THREADS") or "2"), tid)
end
function request()
  local k = next()
  if not k then return wrk.format("GET", "/api/v1/ping") end
  local r = c.fields(rows[k])
  local pharmacy = string.format("BENCH-PH-%03d", (k % 500) + 1)
  return wrk.format("POST", "/api/v1/prescriptions/" .. r[1] .. "/fulfilment", { Authorization = tokens[tonumber(r[2])], ["Content-Type"] = "application/json" },
    '{"mode":"PICKUP","pharmacyCode":"' .. pharmacy .. '"}')
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
