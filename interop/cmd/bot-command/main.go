// Command bot-command is a go-micro service used as the Go peer of micro bot's tests: a bot
// command as micro's bot finds them, service go.micro.bot.shout (--name) serving Command.Help and
// Command.Exec of micro's bot.proto (../../proto/bot).
//
// "shout hello world" answers "HELLO WORLD"; "shout" alone answers the error "shout what?" in
// ExecResponse.Error, as micro's commands report a wrong use. It listens on 127.0.0.1 (HTTP
// transport), prints "READY <address>" on stdout once it is registered, and stops cleanly
// (deregisters) on SIGTERM or SIGINT.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	micro "go-micro.dev/v5"

	"github.com/microspring/interop/internal/peer"
	pb "github.com/microspring/interop/proto/bot"
)

// Command implements micro's bot Command service.
type Command struct{}

// Help returns the command's usage and description.
func (c *Command) Help(ctx context.Context, req *pb.HelpRequest, rsp *pb.HelpResponse) error {
	rsp.Usage = "shout TEXT"
	rsp.Description = "Returns the TEXT in capitals (a Go command)"
	return nil
}

// Exec answers the arguments after the command's name in capitals.
func (c *Command) Exec(ctx context.Context, req *pb.ExecRequest, rsp *pb.ExecResponse) error {
	if len(req.Args) < 2 {
		rsp.Error = "shout what?"
		return nil
	}
	rsp.Result = []byte(strings.ToUpper(strings.Join(req.Args[1:], " ")))
	return nil
}

func main() {
	fs := flag.NewFlagSet("bot-command", flag.ExitOnError)
	plugins := peer.AddFlags(fs)
	name := fs.String("name", "go.micro.bot.shout", "service name: <bot namespace>.<command>")
	logLevel := fs.String("log_level", "info", "go-micro log level (logs go to stderr)")
	_ = fs.Parse(os.Args[1:])

	peer.QuietLogger(*logLevel)
	reg, brk := plugins.MustBuild()
	svc := micro.New(*name,
		micro.Registry(reg),
		micro.Broker(brk),
		micro.Transport(peer.NewTransport()),
		micro.Address("127.0.0.1:0"),
		micro.HandleSignal(false),
	)
	if err := svc.Handle(&Command{}); err != nil {
		peer.Fatal("registering handler: %v", err)
	}
	if err := svc.Start(); err != nil {
		peer.Fatal("starting: %v", err)
	}
	fmt.Printf("READY %s\n", svc.Server().Options().Address)

	sig := peer.WaitForSignal()
	fmt.Fprintf(os.Stderr, "bot-command: %v, stopping\n", sig)
	if err := svc.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "bot-command: stop: %v\n", err)
		os.Exit(1)
	}
}
