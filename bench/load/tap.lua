-- Tally taps for wrk: each request a POST with a fresh idempotency key, as the tally page's
-- script sends them (JSON answer). Counts per thread what was sent and what came back 2xx.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  sent, ok, other = 0, 0, 0
  math.randomseed(os.time() * 1000 + id)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
end

local function key()
  local hex = "0123456789abcdef"
  local parts = {}
  for i = 1, 32 do
    local n = math.random(1, 16)
    parts[i] = hex:sub(n, n)
  end
  local s = table.concat(parts)
  return s:sub(1, 8) .. "-" .. s:sub(9, 12) .. "-4" .. s:sub(14, 16) .. "-8" .. s:sub(18, 20) .. "-" .. s:sub(21, 32)
end

function request()
  sent = sent + 1
  return wrk.format(nil, nil, nil, "action=tap&key=" .. key())
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local s, o, x = 0, 0, 0
  for _, thread in ipairs(threads) do
    s = s + thread:get("sent")
    o = o + thread:get("ok")
    x = x + thread:get("other")
  end
  io.write(string.format("TAPS sent=%d ok=%d other=%d\n", s, o, x))
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f ok=%d other=%d errors=%d p50=%.1f p95=%.1f p99=%.1f\n",
    summary.requests, summary.duration / 1e6, o, x,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
