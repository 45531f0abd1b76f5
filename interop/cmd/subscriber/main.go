// Command subscriber subscribes to a topic and prints every message it receives as one JSON line
// on stdout. It prints "READY" once subscribed and stops (unsubscribing) on SIGTERM or SIGINT.
//
// --mode=broker (default) subscribes on the broker directly (broker.Subscribe, optional
// --queue) and prints {"topic","header","body","body_base64","event"}: the raw headers and payload
// ("body" only when the payload is UTF-8; "event" when it decodes as a greeter.Event).
// --mode=server runs a go-micro service (--name) whose subscriber handler takes a
// *greeter.Event (micro.RegisterSubscriber, optional --queue): go-micro decodes the payload by
// its Content-Type; it prints {"topic","metadata","event"}.
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sync"
	"unicode/utf8"

	micro "go-micro.dev/v5"
	"go-micro.dev/v5/broker"
	"go-micro.dev/v5/metadata"
	"go-micro.dev/v5/registry"
	"go-micro.dev/v5/server"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/microspring/interop/internal/peer"
	pb "github.com/microspring/interop/proto"
)

var outMu sync.Mutex

func emit(v interface{}) {
	outMu.Lock()
	defer outMu.Unlock()
	peer.PrintJSON(v)
}

// eventJSON returns the event as protojson (compact, as a json.RawMessage).
func eventJSON(ev *pb.Event) json.RawMessage {
	b, err := protojson.Marshal(ev)
	if err != nil {
		return nil
	}
	var v interface{}
	if json.Unmarshal(b, &v) != nil {
		return nil
	}
	c, _ := json.Marshal(v)
	return c
}

type received struct {
	Topic      string            `json:"topic"`
	Header     map[string]string `json:"header,omitempty"`
	Metadata   map[string]string `json:"metadata,omitempty"`
	Body       *string           `json:"body,omitempty"`
	BodyBase64 string            `json:"body_base64,omitempty"`
	Event      json.RawMessage   `json:"event,omitempty"`
}

func main() {
	fs := flag.NewFlagSet("subscriber", flag.ExitOnError)
	plugins := peer.AddFlags(fs)
	topic := fs.String("topic", "go.micro.topic.events", "topic to subscribe to")
	queue := fs.String("queue", "", "queue group (one member of a queue gets each message)")
	mode := fs.String("mode", "broker", "broker (raw broker subscription) or server (go-micro service subscriber)")
	name := fs.String("name", "go.micro.srv.subscriber", "service name in --mode=server")
	address := fs.String("address", "127.0.0.1:0", "listen address in --mode=server")
	logLevel := fs.String("log_level", "warn", "go-micro log level (logs go to stderr)")
	_ = fs.Parse(os.Args[1:])

	peer.QuietLogger(*logLevel)

	reg, brk := plugins.MustBuild()

	switch *mode {
	case "broker":
		runBroker(brk, *topic, *queue)
	case "server":
		runServer(brk, reg, *name, *address, *topic, *queue)
	default:
		peer.Fatal("unknown --mode %q (broker, server)", *mode)
	}
}

func runBroker(brk broker.Broker, topic, queue string) {
	if err := brk.Connect(); err != nil {
		peer.Fatal("broker connect: %v", err)
	}
	var opts []broker.SubscribeOption
	if queue != "" {
		opts = append(opts, broker.Queue(queue))
	}
	sub, err := brk.Subscribe(topic, func(e broker.Event) error {
		m := e.Message()
		r := received{Topic: e.Topic(), Header: m.Header, BodyBase64: base64.StdEncoding.EncodeToString(m.Body)}
		if utf8.Valid(m.Body) {
			s := string(m.Body)
			r.Body = &s
		}
		ev := &pb.Event{}
		switch m.Header["Content-Type"] {
		case "application/protobuf":
			if proto.Unmarshal(m.Body, ev) == nil {
				r.Event = eventJSON(ev)
			}
		case "application/json":
			if protojson.Unmarshal(m.Body, ev) == nil {
				r.Event = eventJSON(ev)
			}
		}
		emit(r)
		return nil
	}, opts...)
	if err != nil {
		peer.Fatal("subscribe %s: %v", topic, err)
	}
	fmt.Println("READY")
	fmt.Fprintf(os.Stderr, "subscriber: %s (queue %q) on broker %s at %s\n", topic, queue, brk.String(), brk.Address())

	peer.WaitForSignal()
	if err := sub.Unsubscribe(); err != nil {
		fmt.Fprintf(os.Stderr, "subscriber: unsubscribe: %v\n", err)
	}
	_ = brk.Disconnect()
}

func runServer(brk broker.Broker, reg registry.Registry, name, address, topic, queue string) {
	svc := micro.New(name,
		micro.Registry(reg),
		micro.Broker(brk),
		micro.Transport(peer.NewTransport()),
		micro.Address(address),
		micro.HandleSignal(false),
	)
	var opts []server.SubscriberOption
	if queue != "" {
		opts = append(opts, server.SubscriberQueue(queue))
	}
	handler := func(ctx context.Context, ev *pb.Event) error {
		md, _ := metadata.FromContext(ctx)
		emit(received{Topic: topic, Metadata: md, Event: eventJSON(ev)})
		return nil
	}
	if err := micro.RegisterSubscriber(topic, svc.Server(), handler, opts...); err != nil {
		peer.Fatal("subscribe %s: %v", topic, err)
	}
	if err := svc.Start(); err != nil {
		peer.Fatal("starting: %v", err)
	}
	fmt.Println("READY")
	fmt.Fprintf(os.Stderr, "subscriber: service %s subscribed to %s (queue %q)\n", name, topic, queue)

	peer.WaitForSignal()
	if err := svc.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "subscriber: stop: %v\n", err)
		os.Exit(1)
	}
}
