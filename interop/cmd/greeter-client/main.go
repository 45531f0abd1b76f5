// Command greeter-client is a go-micro client used as the Go peer in interop tests.
//
// Call mode (default) calls --service/--endpoint with the JSON --request and prints the JSON
// response as one line on stdout (exit 0). A failed call prints go-micro's error JSON
// (errors.FromError: id, code, detail, status) on stdout and exits 1.
// With --content_type=application/protobuf the request/response use the generated types of
// ../../proto/greeter.proto (endpoints Say.Hello, Say.Meta, Say.Sleep, Say.Error, Say.Stream).
// --stream makes a streaming call the way protoc-gen-micro's generated clients do (the stream
// opens with an empty request message, then the request is sent on it) and prints each received
// message as one line; --max N closes the stream after N messages (go-micro's Close: end-of-stream
// message, then the connection is closed). --chat N is a bidirectional stream instead: it sends
// the HelloRequests {"name":"1"} .. {"name":"N"} while it prints the messages received, and closes
// the stream once N have arrived.
// --list prints the registry's services (with endpoints and nodes) as one JSON line.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"go-micro.dev/v5/client"
	"go-micro.dev/v5/errors"
	"go-micro.dev/v5/metadata"
	"go-micro.dev/v5/registry"
	"go-micro.dev/v5/selector"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/microspring/interop/internal/peer"
	pb "github.com/microspring/interop/proto"
)

// protoTypes maps an endpoint to its generated request and response types.
var protoTypes = map[string]func() (proto.Message, proto.Message){
	"Say.Hello":  func() (proto.Message, proto.Message) { return &pb.HelloRequest{}, &pb.HelloResponse{} },
	"Say.Meta":   func() (proto.Message, proto.Message) { return &pb.MetaRequest{}, &pb.MetaResponse{} },
	"Say.Sleep":  func() (proto.Message, proto.Message) { return &pb.SleepRequest{}, &pb.SleepResponse{} },
	"Say.Error":  func() (proto.Message, proto.Message) { return &pb.ErrorRequest{}, &pb.ErrorResponse{} },
	"Say.Stream": func() (proto.Message, proto.Message) { return &pb.StreamRequest{}, &pb.HelloResponse{} },
	"Say.Chat":   func() (proto.Message, proto.Message) { return &pb.HelloRequest{}, &pb.HelloResponse{} },
}

type options struct {
	service, endpoint, request, contentType string
	addresses                               string
	md                                      peer.KeyValues
	timeout                                 time.Duration
	retries, max, chat                      int
	stream, list                            bool
}

func main() {
	fs := flag.NewFlagSet("greeter-client", flag.ExitOnError)
	plugins := peer.AddFlags(fs)
	o := options{md: peer.KeyValues{}}
	fs.StringVar(&o.service, "service", "go.micro.srv.greeter", "service to call")
	fs.StringVar(&o.endpoint, "endpoint", "Say.Hello", "endpoint to call (Handler.Method)")
	fs.StringVar(&o.request, "request", "{}", "request as JSON")
	fs.StringVar(&o.contentType, "content_type", "application/json", "application/json or application/protobuf")
	fs.StringVar(&o.contentType, "content-type", "application/json", "alias of --content_type")
	fs.StringVar(&o.addresses, "address", "", "call this host:port (comma separated list) instead of asking the registry")
	fs.Var(o.md, "metadata", "metadata key=value to send (repeatable)")
	fs.DurationVar(&o.timeout, "timeout", client.DefaultRequestTimeout, "request timeout")
	fs.IntVar(&o.retries, "retries", -1, "retries (default: go-micro's client default)")
	fs.BoolVar(&o.stream, "stream", false, "streaming call: send the request, print every message received")
	fs.IntVar(&o.max, "max", 0, "with --stream: close the stream after this many messages (0: read to its end)")
	fs.IntVar(&o.chat, "chat", 0, "bidirectional stream: send this many HelloRequests, read as many answers")
	fs.BoolVar(&o.list, "list", false, "list the registry's services as JSON and exit")
	logLevel := fs.String("log_level", "warn", "go-micro log level (logs go to stderr)")
	_ = fs.Parse(os.Args[1:])

	peer.QuietLogger(*logLevel)

	reg, brk := plugins.MustBuild()
	if o.list {
		list(reg)
		return
	}
	copts := []client.Option{
		client.Registry(reg),
		client.Selector(selector.NewSelector(selector.Registry(reg))),
		client.Broker(brk),
		client.Transport(peer.NewTransport()),
		client.ContentType(o.contentType),
		client.RequestTimeout(o.timeout),
	}
	if o.retries >= 0 {
		copts = append(copts, client.Retries(o.retries))
	}
	c := client.NewClient(copts...)

	ctx := context.Background()
	if len(o.md) > 0 {
		ctx = metadata.NewContext(ctx, metadata.Metadata(o.md))
	}
	var callOpts []client.CallOption
	if o.addresses != "" {
		callOpts = append(callOpts, client.WithAddress(splitComma(o.addresses)...))
	}

	reqBody, newRsp, err := buildRequest(o)
	if err != nil {
		peer.Fatal("%v", err)
	}
	reqOpts := []client.RequestOption{client.WithContentType(o.contentType)}
	opening := reqBody
	if o.chat > 0 {
		o.stream = true
	}
	if o.stream {
		reqOpts = append(reqOpts, client.StreamingRequest())
		// like protoc-gen-micro's generated clients: the stream opens with an empty request
		// message (the server does not hand it to the handler), then the request is sent on it
		opening = emptyLike(reqBody)
	}
	req := c.NewRequest(o.service, o.endpoint, opening, reqOpts...)

	if o.chat > 0 {
		os.Exit(chatCall(ctx, c, req, o, newRsp, callOpts))
	}
	if o.stream {
		os.Exit(streamCall(ctx, c, req, reqBody, newRsp, o.max, callOpts))
	}
	rsp := newRsp()
	if err := c.Call(ctx, req, rsp, callOpts...); err != nil {
		fail(err)
	}
	printMessage(rsp)
}

// buildRequest returns the request payload and a factory of empty responses for the codec.
func buildRequest(o options) (interface{}, func() interface{}, error) {
	switch o.contentType {
	case "application/protobuf", "application/proto", "application/grpc+proto":
		types, ok := protoTypes[o.endpoint]
		if !ok {
			return nil, nil, fmt.Errorf("no proto types for endpoint %s with %s", o.endpoint, o.contentType)
		}
		req, _ := types()
		if err := protojson.Unmarshal([]byte(o.request), req); err != nil {
			return nil, nil, fmt.Errorf("request JSON does not fit %T: %v", req, err)
		}
		return req, func() interface{} { _, rsp := types(); return rsp }, nil
	default:
		if !json.Valid([]byte(o.request)) {
			return nil, nil, fmt.Errorf("request is not valid JSON: %s", o.request)
		}
		raw := json.RawMessage(o.request)
		return &raw, func() interface{} { return &json.RawMessage{} }, nil
	}
}

func streamCall(ctx context.Context, c client.Client, req client.Request, body interface{},
	newRsp func() interface{}, max int, callOpts []client.CallOption) int {
	stream, err := c.Stream(ctx, req, callOpts...)
	if err != nil {
		fail(err)
	}
	defer stream.Close()
	if err := stream.Send(body); err != nil {
		fail(err)
	}
	for received := 0; max == 0 || received < max; received++ {
		rsp := newRsp()
		if err := stream.Recv(rsp); err != nil {
			if err == io.EOF {
				return 0
			}
			fail(err)
		}
		printMessage(rsp)
	}
	return 0
}

// chatWindow is how many requests chatCall sends ahead of the answers. go-micro's stream holds
// one lock while it sends and before it hands over a received message, so a sender blocked by a
// full connection would keep the receiver from reading: both directions must never fill up.
const chatWindow = 256

// chatCall sends o.chat HelloRequests named 1..o.chat on one stream while it prints the answers,
// and closes the stream after as many answers.
func chatCall(ctx context.Context, c client.Client, req client.Request, o options,
	newRsp func() interface{}, callOpts []client.CallOption) int {
	stream, err := c.Stream(ctx, req, callOpts...)
	if err != nil {
		fail(err)
	}
	defer stream.Close()
	sendErr := make(chan error, 1)
	window := make(chan struct{}, chatWindow)
	go func() {
		for i := 1; i <= o.chat; i++ {
			window <- struct{}{}
			var msg interface{}
			if o.contentType == "application/protobuf" {
				msg = &pb.HelloRequest{Name: fmt.Sprint(i)}
			} else {
				raw := json.RawMessage(fmt.Sprintf(`{"name":"%d"}`, i))
				msg = &raw
			}
			if err := stream.Send(msg); err != nil {
				sendErr <- err
				return
			}
		}
		sendErr <- nil
	}()
	out := bufio.NewWriterSize(os.Stdout, 64*1024)
	for received := 0; received < o.chat; received++ {
		rsp := newRsp()
		if err := stream.Recv(rsp); err != nil {
			out.Flush()
			if err == io.EOF {
				return 0
			}
			fail(err)
		}
		writeMessage(out, rsp)
		<-window
	}
	out.Flush()
	if err := <-sendErr; err != nil {
		fail(err)
	}
	return 0
}

// emptyLike returns an empty message of the request's kind: a new proto message of the same
// type, or the JSON object {}.
func emptyLike(body interface{}) interface{} {
	if m, ok := body.(proto.Message); ok {
		return m.ProtoReflect().New().Interface()
	}
	empty := json.RawMessage("{}")
	return &empty
}

// printMessage prints a response as one compact JSON line (proto messages via protojson).
func printMessage(v interface{}) {
	writeMessage(os.Stdout, v)
}

// writeMessage writes a response as one compact JSON line (proto messages via protojson) to w.
func writeMessage(w io.Writer, v interface{}) {
	var b []byte
	switch m := v.(type) {
	case proto.Message:
		var err error
		if b, err = protojson.Marshal(m); err != nil {
			peer.Fatal("encoding response: %v", err)
		}
	case *json.RawMessage:
		b = *m
	default:
		peer.PrintJSON(v)
		return
	}
	var out bytes.Buffer
	if len(bytes.TrimSpace(b)) == 0 {
		out.WriteString("null")
	} else if err := json.Compact(&out, b); err != nil {
		peer.Fatal("response is not JSON: %q", b)
	}
	out.WriteByte('\n')
	w.Write(out.Bytes())
}

// fail prints go-micro's view of the error as JSON and exits 1.
func fail(err error) {
	e := errors.FromError(err)
	peer.PrintJSON(e)
	os.Exit(1)
}

type listedService struct {
	Name      string               `json:"name"`
	Version   string               `json:"version"`
	Metadata  map[string]string    `json:"metadata,omitempty"`
	Endpoints []*registry.Endpoint `json:"endpoints"`
	Nodes     []*registry.Node     `json:"nodes"`
}

// list prints every service the registry knows, one entry per (name, version), sorted.
func list(reg registry.Registry) {
	services, err := reg.ListServices()
	if err != nil {
		fail(errors.InternalServerError("greeter-client", "list services: %v", err))
	}
	seen := map[string]bool{}
	out := []listedService{}
	for _, s := range services {
		if seen[s.Name] {
			continue
		}
		seen[s.Name] = true
		full, err := reg.GetService(s.Name)
		if err != nil {
			fail(errors.InternalServerError("greeter-client", "get service %s: %v", s.Name, err))
		}
		for _, f := range full {
			out = append(out, listedService{Name: f.Name, Version: f.Version, Metadata: f.Metadata,
				Endpoints: f.Endpoints, Nodes: f.Nodes})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Version < out[j].Version
	})
	peer.PrintJSON(out)
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}
