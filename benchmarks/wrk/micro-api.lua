-- The greeter's Say.Hello through go-micro's own gateway (`micro api`): POST /<service>/<endpoint>.
wrk.method = "POST"
wrk.path = "/go.micro.srv.greeter/Say.Hello"
wrk.body = '{"name":"John"}'
wrk.headers["Content-Type"] = "application/json"
dofile("benchmarks/wrk/result.lua")
