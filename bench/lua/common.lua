-- Shared by every scenario: data files, pacing and the JSON summary line.
-- Environment: BENCH_DATA (data folder), BENCH_RATE (requests per second for the paced run, split
-- evenly between wrk's threads; 0 = as fast as the connections go), BENCH_THREADS, BENCH_OUT (summary file).
local M = {}
M.data = os.getenv("BENCH_DATA") or "bench/results/raw/data"
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local ffi = require("ffi")
ffi.cdef [[ typedef struct { long tv_sec; long tv_nsec; } bench_timespec; int clock_gettime(int clk, bench_timespec *ts); ]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

function M.read(name)
  local f = assert(io.open(M.data .. "/" .. name, "r"))
  local s = f:read("*l")
  f:close()
  return s
end

-- the lines of a data file as strings (splitting 300,000 rows up front would eat the run); M.fields splits one
function M.lines(name)
  local raw = {}
  for line in io.lines(M.data .. "/" .. name) do raw[#raw + 1] = line end
  return raw
end

function M.fields(line)
  local row = {}
  for field in line:gmatch("%S+") do row[#row + 1] = field end
  return row
end

-- "N token" lines → tokens[N] = "Bearer token"
function M.tokens(name)
  local t = {}
  for _, l in ipairs(M.lines(name)) do local r = M.fields(l); t[tonumber(r[1])] = "Bearer " .. r[2] end
  return t
end

-- the requests that more than one scenario sends
function M.eligibility(member, token)
  return wrk.format("GET", string.format("/api/v1/members/BENCH-M%06d/eligibility?drugId=D001", member), { Authorization = token })
end

function M.submission(member, token) -- a clean D002 prescription, approved straight through
  return wrk.format("POST", "/api/v1/prescriptions", { Authorization = token, ["Content-Type"] = "application/json" },
    string.format('{"memberId":"BENCH-M%06d","drugId":"D002","packs":1,"daysSupply":21,"prescribedOn":"2026-11-23","prescriberName":"压测医生","hospitalCode":"DEMO-H-BJ-01","diagnosisIcd10":"C34.9"}', member))
end

function M.redemption(codeLine, pharmacyTokens) -- a codes.txt line: code, identity number, pharmacy number
  local r = M.fields(codeLine)
  return wrk.format("POST", "/api/v1/pharmacy/redemptions", { Authorization = pharmacyTokens[tonumber(r[3])], ["Content-Type"] = "application/json" },
    '{"pickupCode":"' .. r[1] .. '","idNumber":"' .. r[2] .. '","prescriptionCollected":true,"socialInsurancePaidFen":0}')
end

-- status codes other than 2xx, per thread, reported in the summary
statuses = {}
samples = {} -- the first body of each non-2xx status, to tell why
function M.response(status, headers, body)
  if status >= 300 then
    statuses[status] = (statuses[status] or 0) + 1
    if not samples[status] then samples[status] = string.sub(body or "", 1, 300) end
  end
end

-- wrk threads: give each a number so that one-use data (codes, prescriptions) is split between them
local threads, counter = {}, 0
function M.setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  thread:set("tcount", 0) -- filled in below once all threads exist
  threads[#threads + 1] = thread
end

-- Arrivals on a fixed schedule (open model, as wrk2 does): this thread's k-th request is due at
-- start + k * interval whatever the earlier responses took; a connection that comes back late sends
-- at once, so a slow engine meets a queue, not a slower client. The connections cap what is in flight.
-- BENCH_RAMP_SECONDS > 0 (a load balancer's slow start): the rate climbs in a straight line from BENCH_RAMP_FROM
-- (a fraction, 0.1 unless given) of BENCH_RATE to all of it over that many seconds, then stays there.
local interval = rate > 0 and 1000 * tonumber(os.getenv("BENCH_THREADS") or "2") / rate or 0
local ramp_ms = 1000 * tonumber(os.getenv("BENCH_RAMP_SECONDS") or "0")
local ramp_from = tonumber(os.getenv("BENCH_RAMP_FROM") or "0.1")
local due, first = nil, nil
late = 0 -- global, read by done(): requests sent behind their schedule
function M.delay()
  if interval == 0 then return 0 end
  local t = now_ms()
  first = first or t
  local step = interval
  if ramp_ms > 0 then -- the rate at this request's due time, on the ramp's line
    local f = ramp_from + (1 - ramp_from) * math.min(1, ((due or t) - first) / ramp_ms)
    step = interval / f
  end
  due = (due or t) + step
  local wait = due - t
  if wait <= 0 then late = late + 1; return 0 end
  return math.floor(wait + 0.5)
end

function M.done(summary, latency, requests)
  save_cursor()
  local e = summary.errors
  local merged, behind = {}, 0
  for _, t in ipairs(threads) do
    behind = behind + (t:get("late") or 0)
    local c = t:get("statuses") or {}
    for k, v in pairs(c) do merged[k] = (merged[k] or 0) + v end
    for k, v in pairs(t:get("samples") or {}) do io.stderr:write("status ", k, ": ", v, "\n") end
  end
  local parts = {}
  for k, v in pairs(merged) do parts[#parts + 1] = string.format('"%d":%d', k, v) end
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local secs = summary.duration / 1e6
  local line = string.format('{"statuses":{%s},"rate":%d,"behind_schedule":%d,"requests":%d,"seconds":%.3f,"rps":%.1f,"errors":%d,"status_errors":%d,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f}',
    table.concat(parts, ","), rate, behind, summary.requests, secs, summary.requests / secs, errors, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000)
  local out = os.getenv("BENCH_OUT")
  if out then
    local f = assert(io.open(out, "w"))
    f:write(line, "\n")
    f:close()
  end
  io.write(line, "\n")
end

-- one-use items: thread t of n takes items t, t+n, t+2n, ... starting after an offset kept in a file; done() moves
-- the offset past the highest item any thread took (threads do not run in step), so later runs never reuse one
cursor_name, cursor_max = nil, 0 -- globals, read by done()
function M.cursor(name, total, threadsTotal, tid)
  local state = M.data .. "/" .. name .. ".offset"
  local f = io.open(state, "r")
  local offset = f and tonumber(f:read("*l")) or 0
  if f then f:close() end
  cursor_name = name
  local i = 0
  return function()
    local k = offset + tid + i * threadsTotal
    i = i + 1
    if k > total then return nil end
    if k > cursor_max then cursor_max = k end
    return k
  end, offset
end

function save_cursor() -- global: done() is defined above it
  local name, highest = nil, 0
  for _, t in ipairs(threads) do
    name = name or t:get("cursor_name")
    highest = math.max(highest, t:get("cursor_max") or 0)
  end
  if name and highest > 0 then
    local f = assert(io.open(M.data .. "/" .. name .. ".offset", "w"))
    f:write(highest, "\n")
    f:close()
  end
end

return M
