-- (3) catalog search: pinyin initials, Chinese and English names, a tier filter
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local token
local queries = { "q=krd", "q=pembrolizumab", "q=%E5%A5%A5%E5%B8%8C%E6%9B%BF%E5%B0%BC", "q=osimertinib", "tier=1&size=20", "q=tislelizumab", "q=axc", "nrdl=true&size=50" }
function init() token = "Bearer " .. c.read("reviewer.token"); math.randomseed(os.time() + tid) end
function request()
  return wrk.format("GET", "/api/v1/drugs?" .. queries[math.random(1, #queries)], { Authorization = token })
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
