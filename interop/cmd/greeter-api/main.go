// Command greeter-api is a go-micro api service used as the Go peer behind the gateway in interop
// tests: the "go.micro.api.greeter" of micro's layering (HTTP -> micro api -> api service).
//
// It registers handler Say with one endpoint, Hello, taking the api.Request the gateway's api
// handler sends (../../proto/api, package go.api) and answering an api.Response. Say.Hello
// declares the endpoint metadata handler=api, so a gateway whose meta handler honours it serves
// the endpoint with the api handler without --handler=api. Like greeter-srv it listens on
// 127.0.0.1 (HTTP transport), prints "READY <address>" once listening and registered, and
// deregisters on SIGTERM or SIGINT.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	micro "go-micro.dev/v5"
	"go-micro.dev/v5/errors"
	"go-micro.dev/v5/server"

	"github.com/microspring/interop/internal/peer"
	api "github.com/microspring/interop/proto/api"
)

// Say implements the api endpoint.
type Say struct {
	name string
}

// Hello answers {"message":"Hello <name>"} with status 200 and Content-Type application/json,
// the name taken from the query (all its values joined by spaces), else the form, else a JSON
// body. A missing name, or the name "bad", is refused with go-micro's BadRequest (400).
func (s *Say) Hello(ctx context.Context, req *api.Request, rsp *api.Response) error {
	name := nameOf(req)
	if name == "" {
		return errors.BadRequest(s.name, "name is missing: call /greeter/say/hello?name=John")
	}
	if name == "bad" {
		return errors.BadRequest(s.name, "bad name")
	}
	body, err := json.Marshal(map[string]string{"message": "Hello " + name})
	if err != nil {
		return errors.InternalServerError(s.name, "encoding the answer: %v", err)
	}
	rsp.StatusCode = 200
	rsp.Header = map[string]*api.Pair{
		"Content-Type": {Key: "Content-Type", Values: []string{"application/json"}},
		// shows the request arrived decoded: the HTTP method as the gateway saw it
		"X-Request-Method": {Key: "X-Request-Method", Values: []string{req.Method}},
	}
	rsp.Body = string(body)
	return nil
}

// nameOf reads "name" from the query, the form, or a JSON body, in that order.
func nameOf(req *api.Request) string {
	for _, pairs := range []map[string]*api.Pair{req.Get, req.Post} {
		if p, ok := pairs["name"]; ok && len(p.Values) > 0 {
			return strings.Join(p.Values, " ")
		}
	}
	var body struct {
		Name string `json:"name"`
	}
	if req.Body != "" && json.Unmarshal([]byte(req.Body), &body) == nil {
		return body.Name
	}
	return ""
}

func main() {
	fs := flag.NewFlagSet("greeter-api", flag.ExitOnError)
	plugins := peer.AddFlags(fs)
	name := fs.String("name", "go.micro.api.greeter", "service name")
	address := fs.String("address", "127.0.0.1:0", "listen address")
	logLevel := fs.String("log_level", "info", "go-micro log level (logs go to stderr)")
	_ = fs.Parse(os.Args[1:])

	peer.QuietLogger(*logLevel)

	reg, brk := plugins.MustBuild()
	svc := micro.New(*name,
		micro.Registry(reg),
		micro.Broker(brk),
		micro.Transport(peer.NewTransport()),
		micro.Address(*address),
		micro.RegisterTTL(90*time.Second),
		micro.RegisterInterval(30*time.Second),
		micro.HandleSignal(false),
	)
	hello := server.EndpointMetadata("Say.Hello", map[string]string{"handler": "api"})
	if err := svc.Handle(&Say{name: *name}, hello); err != nil {
		peer.Fatal("registering handler: %v", err)
	}
	if err := svc.Start(); err != nil {
		peer.Fatal("starting: %v", err)
	}

	opt := svc.Server().Options()
	fmt.Printf("READY %s\n", opt.Address)
	fmt.Fprintf(os.Stderr, "greeter-api: %s (id %s) on %s, registry %s\n", *name, opt.Id, opt.Address, reg.String())

	sig := peer.WaitForSignal()
	fmt.Fprintf(os.Stderr, "greeter-api: %v, stopping\n", sig)
	if err := svc.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "greeter-api: stop: %v\n", err)
		os.Exit(1)
	}
}
