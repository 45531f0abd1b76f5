-- A page of the greeter-web sample, directly or through a gateway (proxy handler, Spring Cloud Gateway).
wrk.method = "GET"
wrk.path = "/web/hello?name=John"
dofile("benchmarks/wrk/result.lua")
