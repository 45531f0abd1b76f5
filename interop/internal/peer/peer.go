// Package peer holds what the interop programs share: choosing the registry, broker and transport
// from flags or go-micro's usual environment variables, and small output helpers.
package peer

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"go-micro.dev/v5/broker"
	natsbroker "go-micro.dev/v5/broker/nats"
	rabbitbroker "go-micro.dev/v5/broker/rabbitmq"
	"go-micro.dev/v5/logger"
	"go-micro.dev/v5/registry"
	"go-micro.dev/v5/registry/consul"
	"go-micro.dev/v5/registry/etcd"
	"go-micro.dev/v5/transport"
)

// Plugins is the registry/broker choice of a peer.
type Plugins struct {
	Registry        string
	RegistryAddress string
	Broker          string
	BrokerAddress   string
}

// envOr returns the environment variable key, or def when it is unset or empty.
func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// AddFlags registers --registry, --registry_address, --broker and --broker_address (dashed
// spellings work too); their defaults come from MICRO_REGISTRY, MICRO_REGISTRY_ADDRESS,
// MICRO_BROKER and MICRO_BROKER_ADDRESS, else mdns and http like go-micro.
func AddFlags(fs *flag.FlagSet) *Plugins {
	p := &Plugins{}
	str := func(target *string, name, env, def, usage string) {
		v := envOr(env, def)
		fs.StringVar(target, name, v, usage+" (env "+env+")")
		if alias := strings.ReplaceAll(name, "_", "-"); alias != name {
			fs.StringVar(target, alias, v, "alias of --"+name)
		}
	}
	str(&p.Registry, "registry", "MICRO_REGISTRY", "mdns", "registry: mdns, etcd, consul, memory")
	str(&p.RegistryAddress, "registry_address", "MICRO_REGISTRY_ADDRESS", "", "comma separated registry addresses")
	str(&p.Broker, "broker", "MICRO_BROKER", "http", "broker: http, nats, rabbitmq, memory")
	str(&p.BrokerAddress, "broker_address", "MICRO_BROKER_ADDRESS", "", "broker address (http: listen address, default 127.0.0.1:0; nats: server URLs; rabbitmq: amqp:// URL)")
	return p
}

func splitAddrs(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// NewRegistry builds the chosen registry with go-micro's own implementations.
func (p *Plugins) NewRegistry() (registry.Registry, error) {
	// go-micro's etcd registry appends MICRO_REGISTRY_ADDRESS itself (unsplit, overriding the
	// options); the resolved value is passed explicitly instead.
	os.Unsetenv("MICRO_REGISTRY_ADDRESS")
	var opts []registry.Option
	if addrs := splitAddrs(p.RegistryAddress); len(addrs) > 0 {
		opts = append(opts, registry.Addrs(addrs...))
	}
	switch p.Registry {
	case "mdns", "":
		return registry.NewMDNSRegistry(opts...), nil
	case "etcd":
		return etcd.NewEtcdRegistry(opts...), nil
	case "consul":
		return consul.NewConsulRegistry(opts...), nil
	case "memory":
		return registry.NewMemoryRegistry(opts...), nil
	default:
		return nil, fmt.Errorf("unknown registry %q (mdns, etcd, consul, memory)", p.Registry)
	}
}

// NewBroker builds the chosen broker; the http broker listens on loopback unless told otherwise, and
// with INTEROP_TLS_CA is secured as the transport is (broker.Secure(true) with a broker.TLSConfig).
func (p *Plugins) NewBroker(r registry.Registry) (broker.Broker, error) {
	addrs := splitAddrs(p.BrokerAddress)
	switch p.Broker {
	case "http", "":
		if len(addrs) == 0 {
			addrs = []string{"127.0.0.1:0"}
		}
		opts := []broker.Option{broker.Addrs(addrs...), broker.Registry(r)}
		config, err := tlsConfig()
		if err != nil {
			return nil, fmt.Errorf("http broker TLS: %v", err)
		}
		if config != nil {
			opts = append(opts, broker.Secure(true), broker.TLSConfig(config))
		}
		return broker.NewHttpBroker(opts...), nil
	case "nats":
		var opts []broker.Option
		if len(addrs) > 0 {
			opts = append(opts, broker.Addrs(addrs...))
		}
		opts = append(opts, broker.Registry(r))
		return natsbroker.NewNatsBroker(opts...), nil
	case "rabbitmq":
		var opts []broker.Option
		if len(addrs) > 0 {
			opts = append(opts, broker.Addrs(addrs...))
		}
		return rabbitbroker.NewBroker(opts...), nil
	case "memory":
		return broker.NewMemoryBroker(), nil
	default:
		return nil, fmt.Errorf("unknown broker %q (http, nats, rabbitmq, memory)", p.Broker)
	}
}

// MustBuild builds the chosen registry and broker, or exits through Fatal.
func (p *Plugins) MustBuild() (registry.Registry, broker.Broker) {
	reg, err := p.NewRegistry()
	if err != nil {
		Fatal("%v", err)
	}
	brk, err := p.NewBroker(reg)
	if err != nil {
		Fatal("%v", err)
	}
	return reg, brk
}

// NewTransport returns go-micro's HTTP transport (its default in v5). With INTEROP_TLS_CA set it is
// secured as go-micro does it, transport.Secure(true) with a transport.TLSConfig: it trusts the PEM
// certificates in INTEROP_TLS_CA (servers' and, when it serves, callers'), presents the certificate
// INTEROP_TLS_CERT with key INTEROP_TLS_KEY (server certificate, and client certificate for mutual
// TLS), and with INTEROP_TLS_CLIENT_AUTH=require serves only callers with a trusted certificate.
func NewTransport() transport.Transport {
	config, err := tlsConfig()
	if err != nil {
		Fatal("transport TLS: %v", err)
	}
	if config == nil {
		return transport.NewHTTPTransport()
	}
	return transport.NewHTTPTransport(transport.Secure(true), transport.TLSConfig(config))
}

// tlsConfig builds the transport's TLS config from the INTEROP_TLS_* variables, nil without them.
func tlsConfig() (*tls.Config, error) {
	caFile := os.Getenv("INTEROP_TLS_CA")
	if caFile == "" {
		return nil, nil
	}
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("no certificate in %s", caFile)
	}
	config := &tls.Config{RootCAs: pool, ClientCAs: pool, MinVersion: tls.VersionTLS12}
	if certFile := os.Getenv("INTEROP_TLS_CERT"); certFile != "" {
		cert, err := tls.LoadX509KeyPair(certFile, os.Getenv("INTEROP_TLS_KEY"))
		if err != nil {
			return nil, err
		}
		config.Certificates = []tls.Certificate{cert}
	}
	if os.Getenv("INTEROP_TLS_CLIENT_AUTH") == "require" {
		config.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return config, nil
}

// Fatal prints the error to stderr and exits with code 2 (usage/setup errors).
func Fatal(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(2)
}

// PrintJSON writes v as one line of JSON on stdout.
func PrintJSON(v interface{}) {
	b, err := json.Marshal(v)
	if err != nil {
		Fatal("encoding output: %v", err)
	}
	os.Stdout.Write(append(b, '\n'))
}

// QuietLogger sends go-micro's logs to stderr at the given level (stdout is for results).
func QuietLogger(level string) {
	lvl, err := logger.GetLevel(level)
	if err != nil {
		lvl = logger.InfoLevel
	}
	logger.DefaultLogger = logger.NewLogger(logger.WithLevel(lvl), logger.WithOutput(os.Stderr))
}

// WaitForSignal blocks until SIGTERM or SIGINT.
func WaitForSignal() os.Signal {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT)
	return <-ch
}

// KeyValues is a repeatable key=value flag.
type KeyValues map[string]string

func (kv KeyValues) String() string {
	var parts []string
	for k, v := range kv {
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ",")
}

// Set adds one key=value pair.
func (kv KeyValues) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("expected key=value, got %q", s)
	}
	kv[k] = v
	return nil
}
