// Command trace-relay is a go-micro service traced with go-micro's OpenTelemetry wrappers
// (go-micro.dev/v5/wrapper/trace/opentelemetry), used as the Go hop of the cross-language trace
// test.
//
// Its endpoint Relay.Hello calls Say.Hello of --next_service at --next_address and answers with
// that answer. The server span and the client span come from go-micro's handler and call
// wrappers with W3C trace-context propagation, so the trace of an incoming Traceparent continues
// in the outgoing call. Every span that ends is printed on stdout:
//
//	SPAN <kind> <name> trace=<trace id> span=<span id> parent=<parent span id>
//
// It prints "READY <address>" once it listens and stops on SIGTERM or SIGINT.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync"

	micro "go-micro.dev/v5"
	"go-micro.dev/v5/client"
	"go-micro.dev/v5/wrapper/trace/opentelemetry"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/microspring/interop/internal/peer"
	pb "github.com/microspring/interop/proto"
)

// Relay passes Hello on to the next service.
type Relay struct {
	client      client.Client
	nextService string
	nextAddress string
}

// Hello calls Say.Hello of the next service with the same request and answers its answer.
func (r *Relay) Hello(ctx context.Context, req *pb.HelloRequest, rsp *pb.HelloResponse) error {
	request := r.client.NewRequest(r.nextService, "Say.Hello", req)
	return r.client.Call(ctx, request, rsp, client.WithAddress(r.nextAddress))
}

// spanPrinter prints each span that ends, one line each.
type spanPrinter struct {
	mu sync.Mutex
}

func (p *spanPrinter) OnStart(context.Context, sdktrace.ReadWriteSpan) {}

func (p *spanPrinter) OnEnd(span sdktrace.ReadOnlySpan) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Printf("SPAN %s %s trace=%s span=%s parent=%s\n", span.SpanKind(), span.Name(),
		span.SpanContext().TraceID(), span.SpanContext().SpanID(), span.Parent().SpanID())
}

func (p *spanPrinter) Shutdown(context.Context) error { return nil }

func (p *spanPrinter) ForceFlush(context.Context) error { return nil }

func main() {
	fs := flag.NewFlagSet("trace-relay", flag.ExitOnError)
	plugins := peer.AddFlags(fs)
	name := fs.String("name", "go.micro.srv.relay", "service name")
	address := fs.String("address", "127.0.0.1:0", "listen address")
	nextService := fs.String("next_service", "go.micro.srv.greeter", "the service Relay.Hello calls")
	nextAddress := fs.String("next_address", "", "host:port of the node Relay.Hello calls (required)")
	logLevel := fs.String("log_level", "info", "go-micro log level (logs go to stderr)")
	_ = fs.Parse(os.Args[1:])
	if *nextAddress == "" {
		peer.Fatal("--next_address is required")
	}

	peer.QuietLogger(*logLevel)

	provider := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(&spanPrinter{}))
	otel.SetTracerProvider(provider)
	otel.SetTextMapPropagator(propagation.TraceContext{})

	reg, brk := plugins.MustBuild()
	svc := micro.New(*name,
		micro.Registry(reg),
		micro.Broker(brk),
		micro.Transport(peer.NewTransport()),
		micro.Address(*address),
		micro.HandleSignal(false),
		micro.WrapHandler(opentelemetry.NewHandlerWrapper(opentelemetry.WithTraceProvider(provider))),
		micro.WrapCall(opentelemetry.NewCallWrapper(opentelemetry.WithTraceProvider(provider))),
	)
	if err := svc.Handle(&Relay{client: svc.Client(), nextService: *nextService, nextAddress: *nextAddress}); err != nil {
		peer.Fatal("registering handler: %v", err)
	}
	if err := svc.Start(); err != nil {
		peer.Fatal("starting: %v", err)
	}
	fmt.Printf("READY %s\n", svc.Server().Options().Address)

	sig := peer.WaitForSignal()
	fmt.Fprintf(os.Stderr, "trace-relay: %v, stopping\n", sig)
	_ = provider.Shutdown(context.Background())
	if err := svc.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "trace-relay: stop: %v\n", err)
		os.Exit(1)
	}
}
