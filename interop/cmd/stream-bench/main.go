// Command stream-bench measures streams with a go-micro v5 client against the service at
// --address (the peer baseline of benchmarks/run-stream.sh), over protobuf:
//
//	throughput  one Say.Stream of --count messages "Hello <name> <i>", the name --size bytes long:
//	            messages per second. Messages are read as raw frames, not decoded: go-micro v5.30.0's
//	            server can send back-to-back stream messages with another message's bytes (see
//	            ../../proto/greeter.proto), which would fail decoding though every message arrives
//	latency     one Say.Chat stream carrying --count round trips of one --size message each:
//	            p50 and p99 round trip in microseconds
//	open        Say.Stream streams of one message, opened and read to their end one after
//	            another for --duration: streams per second
//
// It prints one JSON line with the figures.
package main

import (
	"context"
	"flag"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"go-micro.dev/v5/client"
	raw "go-micro.dev/v5/codec/bytes"
	"go-micro.dev/v5/registry"

	"github.com/microspring/interop/internal/peer"
	pb "github.com/microspring/interop/proto"
)

type result struct {
	Mode      string  `json:"mode"`
	Size      int     `json:"size"`
	Count     int     `json:"count"`
	Seconds   float64 `json:"seconds"`
	PerSecond float64 `json:"perSecond"`
	P50Micros float64 `json:"p50Micros,omitempty"`
	P99Micros float64 `json:"p99Micros,omitempty"`
}

func main() {
	fs := flag.NewFlagSet("stream-bench", flag.ExitOnError)
	address := fs.String("address", "", "host:port of the service")
	service := fs.String("service", "go.micro.srv.greeter", "service name")
	mode := fs.String("mode", "throughput", "throughput, latency or open")
	size := fs.Int("size", 16, "message size in bytes")
	count := fs.Int("count", 100000, "messages (throughput) or round trips (latency)")
	duration := fs.Duration("duration", 10*time.Second, "how long the open mode opens streams")
	_ = fs.Parse(os.Args[1:])
	peer.QuietLogger("error")

	c := client.NewClient(client.Registry(registry.NewMemoryRegistry()), client.Transport(peer.NewTransport()),
		client.ContentType("application/protobuf"), client.RequestTimeout(time.Hour))
	b := bench{c: c, service: *service, opts: []client.CallOption{client.WithAddress(*address)},
		name: strings.Repeat("x", *size)}
	var r result
	switch *mode {
	case "throughput":
		r = b.throughput(*count)
	case "latency":
		r = b.latency(*count)
	case "open":
		r = b.open(*duration)
	default:
		peer.Fatal("unknown mode %q (throughput, latency, open)", *mode)
	}
	r.Mode, r.Size = *mode, *size
	peer.PrintJSON(r)
}

type bench struct {
	c       client.Client
	service string
	opts    []client.CallOption
	name    string
}

// stream opens endpoint the way protoc-gen-micro's generated clients do: an empty opening
// message, then the request on the stream.
func (b bench) stream(endpoint string, opening interface{}) client.Stream {
	req := b.c.NewRequest(b.service, endpoint, opening, client.StreamingRequest())
	s, err := b.c.Stream(context.Background(), req, b.opts...)
	if err != nil {
		peer.Fatal("opening %s: %v", endpoint, err)
	}
	return s
}

func (b bench) readAll(s client.Stream) int {
	n := 0
	for {
		var frame raw.Frame
		if err := s.Recv(&frame); err != nil {
			if err == io.EOF {
				return n
			}
			peer.Fatal("receiving: %v", err)
		}
		n++
	}
}

func (b bench) throughput(count int) result {
	start := time.Now()
	s := b.stream("Say.Stream", &pb.StreamRequest{})
	if err := s.Send(&pb.StreamRequest{Name: b.name, Count: int32(count)}); err != nil {
		peer.Fatal("sending: %v", err)
	}
	n := b.readAll(s)
	_ = s.Close()
	seconds := time.Since(start).Seconds()
	return result{Count: n, Seconds: seconds, PerSecond: float64(n) / seconds}
}

func (b bench) latency(count int) result {
	s := b.stream("Say.Chat", &pb.HelloRequest{})
	rtts := make([]time.Duration, 0, count)
	start := time.Now()
	for i := 0; i < count; i++ {
		sent := time.Now()
		if err := s.Send(&pb.HelloRequest{Name: b.name}); err != nil {
			peer.Fatal("sending: %v", err)
		}
		var rsp pb.HelloResponse
		if err := s.Recv(&rsp); err != nil {
			peer.Fatal("receiving: %v", err)
		}
		rtts = append(rtts, time.Since(sent))
	}
	seconds := time.Since(start).Seconds()
	_ = s.Close()
	sort.Slice(rtts, func(i, j int) bool { return rtts[i] < rtts[j] })
	micros := func(q float64) float64 { return float64(rtts[int(q*float64(len(rtts)-1))].Nanoseconds()) / 1000 }
	return result{Count: count, Seconds: seconds, PerSecond: float64(count) / seconds, P50Micros: micros(0.50),
		P99Micros: micros(0.99)}
}

func (b bench) open(d time.Duration) result {
	start := time.Now()
	n := 0
	for time.Since(start) < d {
		s := b.stream("Say.Stream", &pb.StreamRequest{})
		if err := s.Send(&pb.StreamRequest{Name: b.name, Count: 1}); err != nil {
			peer.Fatal("sending: %v", err)
		}
		if got := b.readAll(s); got != 1 {
			peer.Fatal("stream %d brought %d messages, want 1", n, got)
		}
		_ = s.Close()
		n++
	}
	seconds := time.Since(start).Seconds()
	return result{Count: n, Seconds: seconds, PerSecond: float64(n) / seconds}
}
