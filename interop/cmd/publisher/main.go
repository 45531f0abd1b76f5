// Command publisher publishes messages to a topic the way a go-micro service does
// (client.Publish: headers Content-Type, Micro-Topic, Micro-Id plus the --metadata pairs).
//
// The payload is a greeter.Event{id, message, timestamp, seq} encoded with --content_type
// (application/json uses protojson, like go-micro's json codec; application/protobuf the proto
// binary), or the literal --body JSON when given (application/json only).
// It prints one line "PUBLISHED <seq> <id>" per message and exits 0, or prints the error JSON and
// exits 1. The http broker delivers asynchronously, so the process lingers before it exits.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"go-micro.dev/v5/client"
	"go-micro.dev/v5/errors"
	"go-micro.dev/v5/metadata"

	"github.com/microspring/interop/internal/peer"
	pb "github.com/microspring/interop/proto"
)

func main() {
	fs := flag.NewFlagSet("publisher", flag.ExitOnError)
	plugins := peer.AddFlags(fs)
	topic := fs.String("topic", "go.micro.topic.events", "topic to publish to")
	count := fs.Int("count", 1, "number of messages")
	message := fs.String("message", "hello", "Event.message (the seq number is appended)")
	body := fs.String("body", "", "publish this JSON literally instead of an Event (application/json only)")
	contentType := fs.String("content_type", "application/json", "application/json or application/protobuf")
	fs.StringVar(contentType, "content-type", "application/json", "alias of --content_type")
	interval := fs.Duration("interval", 0, "pause between messages")
	linger := fs.Duration("linger", time.Second, "wait this long after the last publish (the http broker sends asynchronously)")
	logLevel := fs.String("log_level", "warn", "go-micro log level (logs go to stderr)")
	md := peer.KeyValues{}
	fs.Var(md, "metadata", "metadata key=value sent as message headers (repeatable)")
	_ = fs.Parse(os.Args[1:])

	peer.QuietLogger(*logLevel)

	reg, brk := plugins.MustBuild()
	c := client.NewClient(
		client.Registry(reg),
		client.Broker(brk),
		client.Transport(peer.NewTransport()),
		client.ContentType(*contentType),
	)
	if err := brk.Connect(); err != nil {
		fail(errors.InternalServerError("publisher", "broker connect: %v", err))
	}
	defer brk.Disconnect()

	if *body != "" && !json.Valid([]byte(*body)) {
		peer.Fatal("--body is not valid JSON")
	}

	for i := 1; i <= *count; i++ {
		ctx := context.Background()
		if len(md) > 0 {
			ctx = metadata.NewContext(ctx, metadata.Copy(metadata.Metadata(md)))
		}
		id := fmt.Sprintf("evt-%d-%d", os.Getpid(), i)
		var payload interface{}
		if *body != "" {
			raw := json.RawMessage(*body)
			payload = &raw
		} else {
			payload = &pb.Event{
				Id:        id,
				Message:   fmt.Sprintf("%s %d", *message, i),
				Timestamp: time.Now().UnixMilli(),
				Seq:       int32(i),
			}
		}
		msg := c.NewMessage(*topic, payload, client.WithMessageContentType(*contentType))
		if err := c.Publish(ctx, msg); err != nil {
			fail(err)
		}
		fmt.Printf("PUBLISHED %d %s\n", i, id)
		if *interval > 0 && i < *count {
			time.Sleep(*interval)
		}
	}
	time.Sleep(*linger)
}

func fail(err error) {
	peer.PrintJSON(errors.FromError(err))
	os.Exit(1)
}
