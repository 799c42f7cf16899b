-- ceiling: a constant answer through the same HTTP stack
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
function request() return wrk.format("GET", "/api/v1/ping") end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
