// Command fake-server runs computenesttest's fake Compute Nest as a
// standalone process, so that any client of the real API (this SDK, the
// vendor's SDKs, a CLI) can be tried offline against ListBackups and
// ListRestoreTasks with deterministic demo data.
//
//	go run ./examples/fake-server -addr 127.0.0.1:8080 -backups 200 -restore-tasks 50
//
// It prints the endpoint and the credentials to use and serves until
// interrupted (Ctrl-C or SIGTERM).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/computenest-sdk/computenest-go/computenesttest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is a mistake on the command line; it exits with status 2, as
// the flag package does.
type usageError struct{ msg string }

// Error returns the usage message.
func (e *usageError) Error() string { return e.msg }

// exitCode reports err on stderr and maps it to the process's exit status.
func exitCode(err error, stderr io.Writer) int {
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		if ue.msg != "" { // the flag package has already explained its own errors
			fmt.Fprintln(stderr, "fake-server:", ue.msg)
		}
		return 2
	default:
		fmt.Fprintln(stderr, "fake-server:", err)
		return 1
	}
}

// run parses args, serves until ctx ends, and returns nil after a clean
// stop.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fake-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on; port 0 picks a free one")
	keyID := fs.String("access-key-id", "", "AccessKey ID to accept (default: a random one, printed)")
	keySecret := fs.String("access-key-secret", "", "AccessKey secret to accept (default: a random one, printed)")
	nBackups := fs.Int("backups", 50, "number of demo backups")
	nTasks := fs.Int("restore-tasks", 20, "number of demo restore tasks")
	seed := fs.Int64("seed", 1, "seed of the demo data: the same seed gives the same data")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: fake-server [flags]

fake-server is an offline fake of Alibaba Cloud Compute Nest (API 2021-06-01)
serving ListBackups and ListRestoreTasks over plain HTTP, with deterministic
demo data. Like the real service it checks every request's ACS3-HMAC-SHA256
signature, date and nonce, pages with opaque NextTokens, and answers errors
with the documented JSON body. Point any ACS3-signing client at the endpoint
it prints, with the credentials it prints. Stop it with Ctrl-C.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{} // the FlagSet has printed the error and the usage
	}
	switch {
	case fs.NArg() > 0:
		return &usageError{msg: fmt.Sprintf("unexpected argument %q (see -h)", fs.Arg(0))}
	case (*keyID == "") != (*keySecret == ""):
		return &usageError{msg: "-access-key-id and -access-key-secret go together"}
	case *nBackups < 0 || *nTasks < 0:
		return &usageError{msg: "-backups and -restore-tasks must not be negative"}
	}

	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	opts := []computenesttest.Option{
		computenesttest.WithListener(l),
		computenesttest.WithDemoData(*seed, *nBackups, *nTasks),
	}
	if *keyID != "" {
		opts = append(opts, computenesttest.WithAccessKey(*keyID, *keySecret))
	}
	srv := computenesttest.NewServer(opts...)
	defer srv.Close()

	cfg := srv.ClientConfig()
	fmt.Fprintf(stdout, `Compute Nest fake (ListBackups, ListRestoreTasks; API 2021-06-01) is serving.
endpoint: %s
protocol: %s
access-key-id: %s
access-key-secret: %s
data: %d backups, %d restore tasks (seed %d)

Try it:
  export ALIBABA_CLOUD_ACCESS_KEY_ID=%s
  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s
  aliyun computenest ListBackups --region cn-hangzhou --endpoint %s --MaxResults 10
(the fake checks ACS3-HMAC-SHA256 signatures and refuses older signing schemes
 with IncompleteSignature; in Go: client.Config{Endpoint: %q, Protocol: %q})
Press Ctrl-C to stop.
`, cfg.Endpoint, cfg.Protocol, cfg.AccessKeyId, cfg.AccessKeySecret, srv.Backups().Len(), srv.RestoreTasks().Len(), *seed,
		cfg.AccessKeyId, cfg.AccessKeySecret, cfg.Endpoint, cfg.Endpoint, cfg.Protocol)

	<-ctx.Done()
	fmt.Fprintln(stdout, "stopping")
	return nil
}
