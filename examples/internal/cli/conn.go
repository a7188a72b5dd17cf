package cli

import (
	"context"
	"flag"
	"log/slog"
	"strings"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
)

// ConnFlags are the flags that say which Compute Nest to talk to.
type ConnFlags struct {
	// Region is -region: the region whose endpoint to call.
	Region string
	// Endpoint is -endpoint: host[:port], or a URL with an http or https
	// scheme, overriding the region's endpoint.
	Endpoint string
	// Demo is -demo: run against an in-process fake seeded with demo data.
	Demo bool
	// Verbose is -v: log every HTTP attempt on stderr.
	Verbose bool
}

// Register adds -region, -endpoint, -demo and -v to fs.
func (f *ConnFlags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.Region, "region", client.DefaultRegionId,
		"Alibaba Cloud `region` to call (documented: "+strings.Join(client.KnownRegions(), ", ")+"; others by the endpoint rule)")
	fs.StringVar(&f.Endpoint, "endpoint", "",
		"call this `host[:port]` instead of the region's endpoint; an http:// prefix switches to plain HTTP\n(for a local test server such as examples/fake-server)")
	fs.BoolVar(&f.Demo, "demo", false,
		"run against an in-process fake Compute Nest seeded with demo data:\nno account, no credentials, no network")
	fs.BoolVar(&f.Verbose, "v", false, "log every HTTP attempt (action, status, request ID, timing) on stderr")
}

// Session is a client and, with -demo, the fake it talks to.
type Session struct {
	// Client calls Compute Nest, or the demo fake.
	Client *client.Client
	// Demo is the in-process fake with -demo, nil otherwise. A command may
	// add or change its data before and while it runs.
	Demo *computenesttest.Server
}

// Close stops the demo fake, if any.
func (s *Session) Close() {
	if s.Demo != nil {
		s.Demo.Close()
	}
}

type demoOptionsKey struct{}

// WithDemoOptions returns a context under which Connect makes -demo's
// in-process fake with opts as well as the demo data. The examples' tests
// give it their clock (computenesttest.WithClock): the fake dates its demo
// data back from its clock's day when it starts, and the tests must expect
// the data of that same day, even when they run across midnight (UTC).
func WithDemoOptions(ctx context.Context, opts ...computenesttest.Option) context.Context {
	return context.WithValue(ctx, demoOptionsKey{}, opts)
}

// Connect builds a client from the flags. With -demo it starts an in-process
// fake seeded with computenesttest's demo data set (DemoSeed,
// DemoBackupCount, DemoRestoreTaskCount, as fake-server serves by default),
// dated back from the day of the fake's clock, and returns a client of it; -region and
// -endpoint must then be left out. Without -demo, credentials come from the
// credentials-go default chain (environment variables, the CLI profile,
// OIDC, the ECS instance RAM role); when it finds none the first call fails
// with a *client.CredentialsError, which Command.Exit explains.
//
// A flag value the client rejects (a malformed region, a malformed endpoint)
// is a *UsageError.
func (c *Command) Connect(ctx context.Context, f *ConnFlags) (*Session, error) {
	var logger *slog.Logger
	if f.Verbose {
		logger = slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if f.Demo {
		for _, name := range []string{"region", "endpoint"} {
			if c.IsSet(name) {
				return nil, Usagef("-%s does not go with -demo, which runs against an in-process fake", name)
			}
		}
		opts, _ := ctx.Value(demoOptionsKey{}).([]computenesttest.Option)
		srv := computenesttest.NewServer(append([]computenesttest.Option{
			computenesttest.WithDemoData(computenesttest.DemoSeed, computenesttest.DemoBackupCount, computenesttest.DemoRestoreTaskCount)}, opts...)...)
		cfg := srv.ClientConfig()
		cfg.Logger = logger
		cl, err := client.NewClient(cfg)
		if err != nil {
			srv.Close()
			return nil, err
		}
		c.Notef("-demo: using an in-process fake Compute Nest with %d made-up backups and %d restore tasks; nothing leaves this machine",
			computenesttest.DemoBackupCount, computenesttest.DemoRestoreTaskCount)
		return &Session{Client: cl, Demo: srv}, nil
	}
	cfg := &client.Config{RegionId: f.Region, Logger: logger}
	if f.Endpoint != "" {
		host, protocol, err := ParseEndpoint(f.Endpoint)
		if err != nil {
			return nil, err
		}
		cfg.Endpoint, cfg.Protocol = host, protocol
	}
	cl, err := client.NewClient(cfg)
	if err != nil {
		if f.Endpoint != "" {
			return nil, Usagef("cannot use -endpoint %q: %s", f.Endpoint, Line(err.Error()))
		}
		return nil, Usagef("cannot use -region %q: not a region ID such as %s (lowercase letters, digits and hyphens): check the spelling, or give the service's address with -endpoint",
			f.Region, strings.Join(client.KnownRegions(), " or "))
	}
	return &Session{Client: cl}, nil
}

// ParseEndpoint splits -endpoint into the host[:port] and protocol of a
// client.Config: "host:port" and "https://host:port" give HTTPS,
// "http://host:port" plain HTTP. A path, query or other scheme is a
// *UsageError.
func ParseEndpoint(s string) (host, protocol string, err error) {
	host, protocol = s, "https"
	if scheme, rest, ok := strings.Cut(s, "://"); ok {
		switch strings.ToLower(scheme) {
		case "http", "https":
			host, protocol = rest, strings.ToLower(scheme)
		default:
			return "", "", Usagef("-endpoint %q: the scheme must be http or https", s)
		}
	}
	host = strings.TrimSuffix(host, "/")
	if host == "" || strings.ContainsAny(host, "/?# ") {
		return "", "", Usagef("-endpoint %q: want host[:port], optionally after http:// or https://", s)
	}
	return host, protocol, nil
}
