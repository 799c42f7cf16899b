-- (1) eligibility of 1,000 members for D001, answered from the Redis cache after the warm-up
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local token
function init() token = "Bearer " .. c.read("reviewer.token"); math.randomseed(os.time() + (tid or 0)) end
function request()
  return wrk.format("GET", string.format("/api/v1/members/BENCH-M%06d/eligibility?drugId=D001", math.random(1, 1000)), { Authorization = token })
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
