-- The greeter's Say.Hello through the gateway's POST /rpc.
wrk.method = "POST"
wrk.path = "/rpc"
wrk.body = '{"service":"go.micro.srv.greeter","endpoint":"Say.Hello","request":{"name":"John"}}'
wrk.headers["Content-Type"] = "application/json"
dofile("benchmarks/wrk/result.lua")
