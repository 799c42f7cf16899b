-- (1) eligibility of 1,000 members for D001, answered from the Redis cache after the warm-up
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local token
function init() token = "Bearer " .. c.read("reviewer.token"); math.randomseed(os.time() + (tid or 0)) end
function request()
  return c.eligibility(math.random(1, 1000), token)
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
