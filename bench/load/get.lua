-- A page for wrk: counts answers 2xx and others per thread, prints p50/p95/p99 in ms.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, other = 0, 0
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local o, x = 0, 0
  for _, thread in ipairs(threads) do
    o = o + thread:get("ok")
    x = x + thread:get("other")
  end
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f ok=%d other=%d errors=%d p50=%.1f p95=%.1f p99=%.1f\n",
    summary.requests, summary.duration / 1e6, o, x,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
