-- The same work for the WebFlux baseline: POST /greeter/hello with the greeter's JSON body.
wrk.method = "POST"
wrk.path = "/greeter/hello"
wrk.body = '{"name":"John"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_us=%d p99_us=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
