-- (6) redemption at the counter: the money transaction, each code once, by the pharmacy it is bound to
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local rows, tokens, next
function init()
  rows = c.lines("codes.txt"); tokens = {}
  for _, l in ipairs(c.lines("pharmacy-tokens.txt")) do local r = c.fields(l); tokens[tonumber(r[1])] = "Bearer " .. r[2] end
  next = c.cursor("codes", #rows, tonumber(os.getenv("BENCH_THREADS") or "2"), tid)
end
function request()
  local k = next()
  if not k then return wrk.format("GET", "/api/v1/ping") end
  local r = c.fields(rows[k])
  return wrk.format("POST", "/api/v1/pharmacy/redemptions", { Authorization = tokens[tonumber(r[3])], ["Content-Type"] = "application/json" },
    '{"pickupCode":"' .. r[1] .. '","idNumber":"' .. r[2] .. '","prescriptionCollected":true,"socialInsurancePaidFen":0}')
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
