-- The greeter's Say.Hello through the gateway's rpc handler: /greeter/say/hello in namespace go.micro.srv.
wrk.method = "POST"
wrk.path = "/greeter/say/hello"
wrk.body = '{"name":"John"}'
wrk.headers["Content-Type"] = "application/json"
dofile("benchmarks/wrk/result.lua")
