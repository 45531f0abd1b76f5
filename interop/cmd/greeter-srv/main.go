// Command greeter-srv is a go-micro service used as the Go peer in interop tests.
//
// It registers handler Say with the endpoints of ../../proto/greeter.proto (Hello, Meta, Sleep,
// Error, Stream, Chat), listens on 127.0.0.1 (HTTP transport), prints "READY <address>" on stdout
// once it listens and is registered, and stops cleanly (deregisters) on SIGTERM or SIGINT.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	micro "go-micro.dev/v5"
	"go-micro.dev/v5/errors"
	"go-micro.dev/v5/metadata"
	"go-micro.dev/v5/server"

	"github.com/microspring/interop/internal/peer"
	pb "github.com/microspring/interop/proto"
)

// Say implements the greeter endpoints.
type Say struct {
	name string
}

// Hello answers "Hello <name>"; the name "bad" is refused with a 400.
func (s *Say) Hello(ctx context.Context, req *pb.HelloRequest, rsp *pb.HelloResponse) error {
	if req.Name == "bad" {
		return errors.BadRequest("x", "bad name")
	}
	rsp.Msg = "Hello " + req.Name
	return nil
}

// Meta echoes the metadata the handler sees in its context.
func (s *Say) Meta(ctx context.Context, req *pb.MetaRequest, rsp *pb.MetaResponse) error {
	md, _ := metadata.FromContext(ctx)
	rsp.Metadata = map[string]string{}
	prefix := strings.ToLower(req.Prefix)
	for k, v := range md {
		if prefix == "" || strings.HasPrefix(strings.ToLower(k), prefix) {
			rsp.Metadata[k] = v
		}
	}
	if dl, ok := ctx.Deadline(); ok {
		rsp.DeadlineMillis = time.Until(dl).Milliseconds()
		if rsp.DeadlineMillis <= 0 {
			rsp.DeadlineMillis = 1
		}
	}
	return nil
}

// Sleep waits req.Millis, or answers 408 when the request deadline comes first.
func (s *Say) Sleep(ctx context.Context, req *pb.SleepRequest, rsp *pb.SleepResponse) error {
	start := time.Now()
	select {
	case <-time.After(time.Duration(req.Millis) * time.Millisecond):
		rsp.SleptMillis = time.Since(start).Milliseconds()
		return nil
	case <-ctx.Done():
		return errors.Timeout(s.name, "deadline exceeded after %dms", time.Since(start).Milliseconds())
	}
}

// Error answers the error described by the request.
func (s *Say) Error(ctx context.Context, req *pb.ErrorRequest, rsp *pb.ErrorResponse) error {
	return errors.New(req.Id, req.Detail, req.Code)
}

// Stream reads one StreamRequest and answers Count HelloResponses (IntervalMillis apart), then
// ends the stream; the name "bad" ends it with a 400 after the first message.
func (s *Say) Stream(ctx context.Context, stream server.Stream) error {
	var req pb.StreamRequest
	if err := stream.Recv(&req); err != nil {
		return err
	}
	for i := 1; i <= int(req.Count); i++ {
		if i > 1 && req.IntervalMillis > 0 {
			select {
			case <-time.After(time.Duration(req.IntervalMillis) * time.Millisecond):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if err := stream.Send(&pb.HelloResponse{Msg: fmt.Sprintf("Hello %s %d", req.Name, i)}); err != nil {
			return err
		}
		if req.Name == "bad" {
			return errors.BadRequest("x", "bad name")
		}
	}
	return nil
}

// Chat answers each HelloRequest with "Hello <name>" until the client ends the stream.
func (s *Say) Chat(ctx context.Context, stream server.Stream) error {
	for {
		var req pb.HelloRequest
		if err := stream.Recv(&req); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		if err := stream.Send(&pb.HelloResponse{Msg: "Hello " + req.Name}); err != nil {
			return err
		}
	}
}

func main() {
	fs := flag.NewFlagSet("greeter-srv", flag.ExitOnError)
	plugins := peer.AddFlags(fs)
	name := fs.String("name", envOr("MICRO_SERVER_NAME", "go.micro.srv.greeter"), "service name (env MICRO_SERVER_NAME)")
	version := fs.String("version", envOr("MICRO_SERVER_VERSION", "latest"), "service version (env MICRO_SERVER_VERSION)")
	address := fs.String("address", envOr("MICRO_SERVER_ADDRESS", "127.0.0.1:0"), "listen address (env MICRO_SERVER_ADDRESS)")
	advertise := fs.String("advertise", os.Getenv("MICRO_SERVER_ADVERTISE"), "address to register instead of the listen address")
	ttl := fs.Duration("register_ttl", 90*time.Second, "registration TTL")
	interval := fs.Duration("register_interval", 30*time.Second, "re-registration interval")
	logLevel := fs.String("log_level", "info", "go-micro log level (logs go to stderr)")
	md := peer.KeyValues{}
	fs.Var(md, "metadata", "service metadata key=value (repeatable)")
	_ = fs.Parse(os.Args[1:])

	peer.QuietLogger(*logLevel)

	reg, brk := plugins.MustBuild()

	opts := []micro.Option{
		micro.Registry(reg),
		micro.Broker(brk),
		micro.Transport(peer.NewTransport()),
		micro.Address(*address),
		micro.Version(*version),
		micro.RegisterTTL(*ttl),
		micro.RegisterInterval(*interval),
		micro.HandleSignal(false),
	}
	if len(md) > 0 {
		opts = append(opts, micro.Metadata(md))
	}
	svc := micro.New(*name, opts...)
	if *advertise != "" {
		_ = svc.Server().Init(server.Advertise(*advertise))
	}
	if err := svc.Handle(&Say{name: *name}); err != nil {
		peer.Fatal("registering handler: %v", err)
	}
	if err := svc.Start(); err != nil {
		peer.Fatal("starting: %v", err)
	}

	opt := svc.Server().Options()
	fmt.Printf("READY %s\n", opt.Address)
	fmt.Fprintf(os.Stderr, "greeter-srv: %s (id %s) on %s, registry %s, broker %s\n",
		*name, opt.Id, opt.Address, reg.String(), brk.String())

	sig := peer.WaitForSignal()
	fmt.Fprintf(os.Stderr, "greeter-srv: %v, stopping\n", sig)
	if err := svc.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "greeter-srv: stop: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "greeter-srv: stopped")
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
