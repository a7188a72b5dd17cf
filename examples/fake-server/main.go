// Command fake-server runs computenesttest's fake Compute Nest as a
// standalone process, so that any client of the real API (this SDK, the
// vendor's SDKs, the aliyun CLI) can be tried offline against ListBackups and
// ListRestoreTasks with deterministic demo data.
//
//	go run ./examples/fake-server -addr 127.0.0.1:8080 -backups 200 -restore-tasks 50
//
// It prints the endpoint, the credentials to use and commands ready to
// paste (for this SDK's examples: -endpoint http://host:port), and serves
// until interrupted (Ctrl-C or SIGTERM, at any time). The demo data is dated
// back from the start of the day and made only when asked for, so a million
// items start at once. On the same port, under /_fake/, a JSON admin API
// seeds, changes and removes items, injects faults, reads the request log
// and resets the fake; README.md describes it and what the fake does not
// model.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/examples/internal/cli"
)

func main() { cli.Main(run) }

const description = `fake-server is an offline fake of Alibaba Cloud Compute Nest (API 2021-06-01)
serving ListBackups and ListRestoreTasks over plain HTTP, with deterministic
demo data dated back from the start of today (UTC). Like the real service it
checks every request's signature (ACS3-HMAC-SHA256, or the older RPC signature
version 1.0 with HMAC-SHA1 that the aliyun CLI sends), date and nonce, pages
with opaque NextTokens, and answers errors with the documented JSON body. Point
any client of the real API at the endpoint it prints, with the credentials it
prints. Under /_fake/ on the same port a JSON admin API seeds and changes
items, injects faults, reads the request log and resets (see
examples/fake-server/README.md). Stop it with Ctrl-C.

Exit status: 0 after Ctrl-C or SIGTERM, 1 when it cannot listen, 2 on bad
usage.`

const examples = `  fake-server
  fake-server -addr 127.0.0.1:0 -backups 200 -restore-tasks 50 -seed 7
  fake-server -access-key-id LTAIdemo -access-key-secret demo-secret`

// run is the whole command; main only wires it to the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := cli.NewCommand("fake-server", "[flags]", description, examples, stdout, stderr)
	return cmd.Exit(serve(ctx, cmd, args))
}

// serve parses args, serves until ctx ends, and returns nil after a clean
// stop.
func serve(ctx context.Context, cmd *cli.Command, args []string) error {
	fs := cmd.Flags
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on; port 0 picks a free one")
	keyID := fs.String("access-key-id", "", "AccessKey `ID` to accept (default: a random one, printed)")
	keySecret := fs.String("access-key-secret", "", "AccessKey `secret` to accept (default: a random one, printed)")
	// The defaults are the one demo set, which the examples' -demo serves.
	nBackups := fs.Int("backups", computenesttest.DemoBackupCount, "serve `n` demo backups")
	nTasks := fs.Int("restore-tasks", computenesttest.DemoRestoreTaskCount, "serve `n` demo restore tasks")
	seed := fs.Int64("seed", computenesttest.DemoSeed, "`seed` of the demo data: the same seed gives the same data (on the same day)")
	if err := cmd.Parse(args); err != nil {
		return err
	}
	if err := cmd.NoArgs(); err != nil {
		return err
	}
	switch {
	case (*keyID == "") != (*keySecret == ""):
		return cli.Usagef("-access-key-id and -access-key-secret go together")
	case *nBackups < 0 || *nTasks < 0:
		return cli.Usagef("-backups and -restore-tasks must not be negative")
	}

	l, err := net.Listen("tcp", *addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%w; try -addr 127.0.0.1:0 for a free port", err)
	}
	if err != nil {
		return err
	}
	opts := []computenesttest.Option{
		computenesttest.WithListener(l),
		computenesttest.WithDemoData(*seed, *nBackups, *nTasks),
		computenesttest.WithAdminAPI(),
	}
	if *keyID != "" {
		opts = append(opts, computenesttest.WithAccessKey(*keyID, *keySecret))
	}
	srv := computenesttest.NewServer(opts...)
	defer srv.Close()

	banner(cmd.Stdout, srv, *seed)
	<-ctx.Done()
	fmt.Fprintln(cmd.Stdout, "stopping")
	return nil
}

// banner prints what a user needs to point a client at srv: the endpoint,
// the credentials, and commands to paste for this SDK's examples and for
// the aliyun CLI.
func banner(w io.Writer, srv *computenesttest.Server, seed int64) {
	cfg := srv.ClientConfig()
	fmt.Fprintf(w, `Compute Nest fake (ListBackups, ListRestoreTasks; API 2021-06-01) is serving.
endpoint: %[1]s
protocol: %[2]s
url: %[3]s
access-key-id: %[4]s
access-key-secret: %[5]s
data: %[6]d backups, %[7]d restore tasks (seed %[8]d)
admin: %[3]s/_fake/ (JSON; see the README of examples/fake-server)

Try it:
  export ALIBABA_CLOUD_ACCESS_KEY_ID=%[4]s
  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=%[5]s
  go run ./examples/list-backups -endpoint %[3]s -page-size 10
  go run ./examples/list-restore-tasks -endpoint %[3]s
  aliyun computenest ListBackups --region cn-hangzhou --endpoint %[1]s --insecure --MaxResults 10
(The examples' -endpoint takes what client.Config.Endpoint takes: in Go,
 client.Config{Endpoint: %[3]q}; the URL's http:// means plain HTTP, as the aliyun CLI's --insecure.)
Press Ctrl-C to stop.
`, cfg.Endpoint, cfg.Protocol, srv.URL(), cfg.AccessKeyId, cfg.AccessKeySecret,
		srv.Backups().Len(), srv.RestoreTasks().Len(), seed)
}
