-- (8) a mixed day: 60% cached eligibility, 25% catalog search, 8% submissions, 7% redemptions
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
local reviewer, admin, codes, tokens, nextCode, i, n, base
local queries = { "q=krd", "q=pembrolizumab", "q=osimertinib", "tier=1&size=20", "q=axc" }
function init()
  reviewer = "Bearer " .. c.read("reviewer.token"); admin = "Bearer " .. c.read("admin.token")
  codes = c.lines("codes.txt"); tokens = {}
  for _, l in ipairs(c.lines("pharmacy-tokens.txt")) do local r = c.fields(l); tokens[tonumber(r[1])] = "Bearer " .. r[2] end
  n = tonumber(os.getenv("BENCH_THREADS") or "2"); i = 0
  base = tonumber(os.getenv("BENCH_SUBMIT_BASE") or "0")
  nextCode = c.cursor("codes", #codes, n, tid)
  math.randomseed(os.time() + tid)
end
function request()
  local x = math.random(1, 100)
  if x <= 60 then
    return wrk.format("GET", string.format("/api/v1/members/BENCH-M%06d/eligibility?drugId=D001", math.random(1, 1000)), { Authorization = reviewer })
  elseif x <= 85 then
    return wrk.format("GET", "/api/v1/drugs?" .. queries[math.random(1, #queries)], { Authorization = reviewer })
  elseif x <= 93 then
    local m = (base + 50000 + (tid - 1) + i * n) % 100000 + 1
    i = i + 1
    return wrk.format("POST", "/api/v1/prescriptions", { Authorization = admin, ["Content-Type"] = "application/json" },
      string.format('{"memberId":"BENCH-M%06d","drugId":"D002","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"压测医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}', m))
  else
    local k = nextCode()
    if not k then return wrk.format("GET", "/api/v1/ping") end
    local r = c.fields(codes[k])
    return wrk.format("POST", "/api/v1/pharmacy/redemptions", { Authorization = tokens[tonumber(r[3])], ["Content-Type"] = "application/json" },
      '{"pickupCode":"' .. r[1] .. '","idNumber":"' .. r[2] .. '","prescriptionCollected":true,"socialInsurancePaidFen":0}')
  end
end
setup, delay, done, response = c.setup, c.delay, c.done, c.response
