-- The greeter's work through the gateway's api handler: an api.Request to go.micro.srv.apigreeter.
wrk.method = "GET"
wrk.path = "/apigreeter/say/hello?name=John"
dofile("benchmarks/wrk/result.lua")
