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
  local body = string.format('{"memberId":"BENCH-M%06d","drugId":"D002","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"压测医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}', m)
  return wrk.format("POST", "/api/v1/prescriptions", { Authorization = token, ["Content-Type"] = "application/json" }, body)
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
