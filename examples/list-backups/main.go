// Command list-backups lists the backups of Compute Nest service
// instances: every backup that matches its filters, across all pages, as an
// aligned table or as JSON lines.
//
//	go run ./examples/list-backups -demo
//	go run ./examples/list-backups -demo -status CreateFailed,DeleteFailed -json
//	go run ./examples/list-backups -instance si-7b6138dfce1e4c41ab71 -since 7d
//
// With -demo it runs against an in-process fake seeded with demo data, so
// it works with no account and no network. Otherwise credentials come from
// the credentials-go default chain, such as ALIBABA_CLOUD_ACCESS_KEY_ID and
// ALIBABA_CLOUD_ACCESS_KEY_SECRET. Run it with -h for every flag.
//
// listBackups is what a program of yours would write: a client.Client from
// a client.Config, a models.ListBackupsRequest with its filters, a
// client.ListBackupsPaginator that follows NextToken page by page, and
// errors.As on the SDK's error types, with the hint each needs. The rest
// (flags, the table, escaping what the service sends) is the examples'
// plumbing, in examples/internal/cli.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/examples/internal/cli"
	"github.com/computenest-sdk/computenest-go/models"
)

func main() { cli.Main(run) }

const description = `list-backups lists the backups of Alibaba Cloud Compute Nest service instances
(ListBackups): every backup that matches the filters, across all pages. Filters
of different flags must all match; the values of one flag are alternatives.

Output is a table on stdout, printed page by page as pages arrive (times in UTC;
RETENTION "forever" when the backup never expires; columns as wide as the API's
values, a longer value cut with "…", DETAIL whole; control and invisible
characters the service sends shown escaped), or with -json one backup per line
with the API's field names and whole values.
While pages load, progress goes to stderr when stderr is a terminal.

Credentials come from the default chain: ALIBABA_CLOUD_ACCESS_KEY_ID and
ALIBABA_CLOUD_ACCESS_KEY_SECRET (with ALIBABA_CLOUD_SECURITY_TOKEN for STS), the
aliyun CLI profile, OIDC, or the ECS instance RAM role. -demo needs none.

Exit status: 0 on success (also when nothing matches), 1 on an error (the rows
printed before it stand), 2 on bad usage, 130 when interrupted.`

const examples = `  list-backups -demo
  list-backups -demo -status CreateFailed,DeleteFailed
  list-backups -demo -status Created -since 3d -until 1d
  list-backups -demo -json | jq -r .BackupId
  list-backups -instance si-7b6138dfce1e4c41ab71 -since 7d
  list-backups -region ap-southeast-1 -status Created -since 30d
  list-backups -endpoint http://127.0.0.1:8080    # a local examples/fake-server, with the keys it prints`

// run is the whole command; main only wires it to the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := cli.NewCommand("list-backups", "[flags]", description, examples, stdout, stderr)
	var conn cli.ConnFlags
	var list cli.ListFlags
	conn.Register(cmd.Flags)
	list.Register(cmd.Flags, "backups", cli.Names(models.BackupStatuses()))
	err := cmd.Parse(args)
	if err == nil {
		err = errors.Join(cmd.NoArgs(), conn.Check(cmd), list.Check(cmd))
	}
	if err == nil {
		err = listBackups(ctx, cmd, &conn, &list)
	}
	return cmd.Exit(err)
}

// demoClock is the clock of -demo's fake, which dates the demo data back
// from its day; the tests set it.
var demoClock = time.Now

// listBackups lists the backups the flags select, page by page.
func listBackups(ctx context.Context, cmd *cli.Command, conn *cli.ConnFlags, list *cli.ListFlags) error {
	// The request: the page size and a filter for each flag given. The
	// values of one filter are alternatives; different filters must all
	// match.
	req := new(models.ListBackupsRequest).SetMaxResults(int32(list.PageSize))
	if len(list.Instances) > 0 {
		req.FilterByServiceInstanceId(list.Instances...)
	}
	if len(list.Statuses) > 0 {
		var statuses []models.BackupStatus
		for _, s := range list.Statuses {
			statuses = append(statuses, models.BackupStatus(s))
		}
		req.FilterByStatus(statuses...)
	}
	if list.Since.IsSet() {
		req.FilterByStartTime(list.Since.Time)
	}
	if list.Until.IsSet() {
		req.FilterByEndTime(list.Until.Time)
	}
	if err := req.Validate(); err != nil { // what the service would refuse, before anything is sent
		return cli.Usagef("%s", err)
	}

	// The client. Credentials come from the default chain (environment,
	// aliyun CLI profile, OIDC, ECS RAM role); a Config could name them too.
	// With -demo, it is a client of an in-process fake Compute Nest.
	cfg := &client.Config{RegionId: conn.Region, Endpoint: conn.Endpoint}
	if conn.Demo {
		srv := computenesttest.NewServer(computenesttest.WithClock(demoClock),
			computenesttest.WithDemoData(computenesttest.DemoSeed, computenesttest.DemoBackupCount, computenesttest.DemoRestoreTaskCount))
		defer srv.Close()
		cfg = srv.ClientConfig() // its endpoint and keys
		cmd.Notef("-demo: using an in-process fake Compute Nest with %d made-up backups; nothing leaves this machine", srv.Backups().Len())
	}
	if conn.Verbose {
		cfg.Logger = slog.New(slog.NewTextHandler(cmd.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	c, err := client.NewClient(cfg) // contacts nothing yet
	if err != nil {
		return conn.ConfigError(err)
	}

	// The listing, page by page: each page is printed as it arrives, so the
	// first rows show while later pages load.
	if list.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, list.Timeout, errTimeout)
		defer cancel()
	}
	table := cli.NewTable(cmd.Stdout,
		cli.Column{Header: "BACKUP ID", Width: cli.BackupIDWidth},
		cli.Column{Header: "SERVICE INSTANCE", Width: cli.InstanceIDWidth},
		cli.Column{Header: "STATUS", Width: cli.Widest(models.BackupStatuses())},
		cli.Column{Header: "MODE", Width: max(cli.Widest(models.BackupModes()), len("Automatic"))},
		cli.Column{Header: "START", Width: cli.TimeWidth},
		cli.Column{Header: "END", Width: cli.TimeWidth},
		cli.Column{Header: "RETENTION", Width: len("forever")},
		cli.Column{Header: "DETAIL"})
	jsonLines := cli.NewJSONLines(cmd.Stdout)
	progress := cli.NewProgress(cmd.Stderr)
	defer progress.Done()
	pages, n := 0, 0
	p := client.NewListBackupsPaginator(c, req)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			progress.Done()
			return explain(ctx, cmd, err, n, conn, list)
		}
		progress.Clear() // stdout may be the same terminal
		for _, b := range page.GetBackups() {
			if list.JSON {
				if err := jsonLines.Encode(b); err != nil {
					return err
				}
				continue
			}
			retention := "forever"
			if b.HasRetention() {
				retention = fmt.Sprintf("%dd", b.GetRetentionDays())
			}
			table.Row(b.GetBackupId(), b.GetServiceInstanceId(), string(b.GetStatus()), string(b.GetBackupMode()),
				cli.TimeCell(b.GetStartTime()), cli.TimeCell(b.GetEndTime()), retention, b.GetStatusDetail())
		}
		if err := table.Flush(); err != nil {
			return err
		}
		pages, n = pages+1, n+len(page.GetBackups())
		progress.Show("page %d: %d/%d backups", pages, n, page.GetTotalCount())
	}
	if n == 0 {
		cmd.Notef("no backups found")
	}
	return nil
}

// errTimeout is the cause of a listing that ran out of -timeout.
var errTimeout = errors.New("-timeout")

// explain says why the listing stopped after n backups, with the hint a
// user needs: errors.As on the SDK's error types, and its predicates, which
// see through wrapping.
func explain(ctx context.Context, cmd *cli.Command, err error, n int, conn *cli.ConnFlags, list *cli.ListFlags) error {
	var credErr *client.CredentialsError
	var pageErr *client.PaginationError
	switch {
	case context.Cause(ctx) == errTimeout:
		return fmt.Errorf("gave up after -timeout %s with %d backups listed; give it longer with -timeout, or list fewer with -instance, -status, -since or -until",
			list.Timeout, n)
	case ctx.Err() != nil: // Ctrl-C
		return ctx.Err()
	case errors.As(err, &credErr):
		// Its Error is one line that says what to set; the credential
		// provider's own text, long and raw, is its Err.
		if conn.Verbose && credErr.Err != nil {
			cmd.Notef("the credential provider said: %s", cli.Line(credErr.Err.Error()))
		}
		return fmt.Errorf("%w; or try -demo, which needs none", credErr)
	case client.IsThrottling(err):
		return fmt.Errorf("%w; the service is throttling this account: run again later, or with a larger -page-size for fewer calls", err)
	case client.IsAccessDenied(err):
		return fmt.Errorf("%w; the RAM user or role needs the permission computenest:ListBackups", err)
	case client.IsSignatureError(err):
		return fmt.Errorf("%w; check the AccessKey pair and this machine's clock", err)
	case errors.As(err, &pageErr):
		// The paginator stopped rather than list the same backups again.
		return fmt.Errorf("listing stopped after %d backups: the service's answer to page %d would have listed the same backups again, perhaps forever (%s). "+
			"This is the service's fault: run again later, or with another -page-size", n, pageErr.Page, pageErr.Anomaly)
	}
	return err
}
