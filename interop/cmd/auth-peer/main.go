// Command auth-peer is the Go side of the auth interop tests, using go-micro's own jwt provider
// (go-micro.dev/v5/auth/jwt) and auth wrapper (go-micro.dev/v5/wrapper/auth). Keys are given as
// go-micro takes them: base64 of the PEM (--public_key, --private_key, or MICRO_AUTH_PUBLIC_KEY and
// MICRO_AUTH_PRIVATE_KEY).
//
//	--mode=token  prints an access token for account --id with --scopes (comma separated), issued
//	              by the jwt provider (Generate, then Token with the account's credentials).
//	--mode=serve  serves --name (go.micro.srv.authgreeter) with handler Say: Hello (any valid
//	              token), Admin (scope "admin") and Public (no token needed), behind AuthHandler
//	              with the jwt provider's rules; prints "READY <address>".
//	--mode=call   calls --address's --service/--endpoint with --request (JSON) through a client
//	              wrapped with auth.FromToken(--token) (no wrapper when --token is empty); prints
//	              the JSON answer, or go-micro's error JSON and exits 1.
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
	"go-micro.dev/v5/auth"
	"go-micro.dev/v5/auth/jwt"
	"go-micro.dev/v5/client"
	"go-micro.dev/v5/errors"
	"go-micro.dev/v5/registry"
	authwrapper "go-micro.dev/v5/wrapper/auth"

	"github.com/microspring/interop/internal/peer"
	pb "github.com/microspring/interop/proto"
)

// Say answers every endpoint with "<endpoint> <name>"; who may call which is the rules' business.
type Say struct{}

// Hello is open to any valid token.
func (s *Say) Hello(ctx context.Context, req *pb.HelloRequest, rsp *pb.HelloResponse) error {
	rsp.Msg = "Hello " + req.Name
	return nil
}

// Admin needs scope "admin".
func (s *Say) Admin(ctx context.Context, req *pb.HelloRequest, rsp *pb.HelloResponse) error {
	rsp.Msg = "Admin " + req.Name
	return nil
}

// Public needs no token.
func (s *Say) Public(ctx context.Context, req *pb.HelloRequest, rsp *pb.HelloResponse) error {
	rsp.Msg = "Public " + req.Name
	return nil
}

func main() {
	fs := flag.NewFlagSet("auth-peer", flag.ExitOnError)
	mode := fs.String("mode", "call", "token, serve or call")
	publicKey := fs.String("public_key", os.Getenv("MICRO_AUTH_PUBLIC_KEY"), "base64 of the PEM public key")
	privateKey := fs.String("private_key", os.Getenv("MICRO_AUTH_PRIVATE_KEY"), "base64 of the PEM private key")
	id := fs.String("id", "alice", "token: account id")
	scopes := fs.String("scopes", "", "token: comma separated scopes")
	name := fs.String("name", "go.micro.srv.authgreeter", "serve: service name")
	address := fs.String("address", "127.0.0.1:0", "serve: listen address; call: the node to call")
	service := fs.String("service", "go.micro.srv.authgreeter", "call: service")
	endpoint := fs.String("endpoint", "Say.Hello", "call: endpoint")
	request := fs.String("request", `{"name":"John"}`, "call: JSON request")
	token := fs.String("token", "", "call: bearer token sent by the auth wrapper")
	_ = fs.Parse(os.Args[1:])
	peer.QuietLogger("warn")

	a := jwt.NewAuth(auth.PublicKey(*publicKey), auth.PrivateKey(*privateKey))
	switch *mode {
	case "token":
		printToken(a, *id, *scopes)
	case "serve":
		serve(a, *name, *address)
	case "call":
		call(*address, *service, *endpoint, *request, *token)
	default:
		peer.Fatal("unknown --mode %q: token, serve or call", *mode)
	}
}

func printToken(a auth.Auth, id, scopes string) {
	var list []string
	if scopes != "" {
		list = strings.Split(scopes, ",")
	}
	acc, err := a.Generate(id, auth.WithScopes(list...), auth.WithType("user"))
	if err != nil {
		peer.Fatal("generate: %v", err)
	}
	tok, err := a.Token(auth.WithCredentials(acc.ID, acc.Secret), auth.WithExpiry(time.Hour))
	if err != nil {
		peer.Fatal("token: %v", err)
	}
	fmt.Println(tok.AccessToken)
}

func serve(a auth.Auth, name, address string) {
	rules := jwt.NewRules()
	grant := func(ruleID, endpoint, scope string) {
		_ = rules.Grant(&auth.Rule{ID: ruleID, Scope: scope, Access: auth.AccessGranted,
			Resource: &auth.Resource{Type: "service", Name: name, Endpoint: endpoint}})
	}
	grant("hello", "Say.Hello", auth.ScopeAccount)
	grant("admin", "Say.Admin", "admin")
	svc := micro.New(name,
		micro.Registry(registry.NewMemoryRegistry()),
		micro.Transport(peer.NewTransport()),
		micro.Address(address),
		micro.HandleSignal(false),
		micro.WrapHandler(authwrapper.AuthHandler(authwrapper.HandlerOptions{
			Auth: a, Rules: rules, SkipEndpoints: []string{"Say.Public"},
		})),
	)
	if err := svc.Handle(&Say{}); err != nil {
		peer.Fatal("registering handler: %v", err)
	}
	if err := svc.Start(); err != nil {
		peer.Fatal("starting: %v", err)
	}
	fmt.Printf("READY %s\n", svc.Server().Options().Address)
	peer.WaitForSignal()
	_ = svc.Stop()
}

func call(address, service, endpoint, request, token string) {
	var c client.Client = client.NewClient(
		client.Registry(registry.NewMemoryRegistry()),
		client.Transport(peer.NewTransport()),
		client.ContentType("application/json"),
		client.Retries(0),
	)
	if token != "" {
		c = authwrapper.FromToken(token)(c)
	}
	raw := json.RawMessage(request)
	req := c.NewRequest(service, endpoint, &raw, client.WithContentType("application/json"))
	var rsp json.RawMessage
	if err := c.Call(context.Background(), req, &rsp, client.WithAddress(address)); err != nil {
		fmt.Println(errors.FromError(err).Error())
		os.Exit(1)
	}
	fmt.Println(string(rsp))
}
