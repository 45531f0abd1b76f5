-- Sends exactly the request a go-micro client sends to go.micro.srv.greeter's Say.Hello.
wrk.method = "POST"
wrk.path = "/"
wrk.body = '{"name":"John"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Micro-Id"] = "1"
wrk.headers["Micro-Service"] = "go.micro.srv.greeter"
wrk.headers["Micro-Endpoint"] = "Say.Hello"
wrk.headers["Micro-Method"] = "Say.Hello"
wrk.headers["Timeout"] = "5000000000"

-- p50/p99 in microseconds, and req/s, on one line that run.sh collects
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_us=%d p99_us=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
