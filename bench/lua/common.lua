-- Shared by every scenario: data files, pacing and the JSON summary line.
-- Environment: BENCH_DATA (data folder), BENCH_PACE_MS (per-connection interval for the paced
-- run at a target rate; 0 = as fast as possible), BENCH_OUT (summary file).
local M = {}
M.data = os.getenv("BENCH_DATA") or "bench/results/raw/data"
local pace = tonumber(os.getenv("BENCH_PACE_MS") or "0")

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

-- status codes other than 2xx, per thread, reported in the summary
codes = {}
function M.response(status)
  if status >= 300 then codes[status] = (codes[status] or 0) + 1 end
end

-- wrk threads: give each a number so that one-use data (codes, prescriptions) is split between them
local threads, counter = {}, 0
function M.setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  thread:set("tcount", 0) -- filled in below once all threads exist
  threads[#threads + 1] = thread
end

function M.delay()
  if pace > 0 then return pace end
  return 0
end

function M.done(summary, latency, requests)
  local e = summary.errors
  local merged = {}
  for _, t in ipairs(threads) do
    local c = t:get("codes") or {}
    for k, v in pairs(c) do merged[k] = (merged[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(merged) do parts[#parts + 1] = string.format('"%d":%d', k, v) end
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local secs = summary.duration / 1e6
  local line = string.format('{"statuses":{%s},"requests":%d,"seconds":%.3f,"rps":%.1f,"errors":%d,"status_errors":%d,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f}',
    table.concat(parts, ","), summary.requests, secs, summary.requests / secs, errors, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000)
  local out = os.getenv("BENCH_OUT")
  if out then
    local f = assert(io.open(out, "w"))
    f:write(line, "\n")
    f:close()
  end
  io.write(line, "\n")
end

-- one-use items: thread t of n takes items t, t+n, t+2n, ... starting after an offset kept in a file, so runs do not reuse them
function M.cursor(name, total, threadsTotal, tid)
  local state = M.data .. "/" .. name .. ".offset"
  local f = io.open(state, "r")
  local offset = f and tonumber(f:read("*l")) or 0
  if f then f:close() end
  local i = 0
  return function()
    local k = offset + tid + i * threadsTotal
    i = i + 1
    if k > total then return nil end
    return k
  end, offset
end

return M
