// Command list-restore-tasks lists Compute Nest restore jobs: every restore
// task that matches its filters, across all pages, as an aligned table or as
// JSON lines.
//
//	go run ./examples/list-restore-tasks -demo
//	go run ./examples/list-restore-tasks -demo -status Restoring -json
//	go run ./examples/list-restore-tasks -instance si-7b6138dfce1e4c41ab71 -since 72h
//
// With -demo it runs against an in-process fake seeded with demo data, so
// it works with no account and no network. Otherwise credentials come from
// the credentials-go default chain, such as ALIBABA_CLOUD_ACCESS_KEY_ID and
// ALIBABA_CLOUD_ACCESS_KEY_SECRET. Run it with -h for every flag.
//
// listRestoreTasks is what a program of yours would write: a client.Client
// from a client.Config, a models.ListRestoreTasksRequest with its filters,
// a client.ListRestoreTasksPaginator ranged over item by item with Items
// (CurrentPage is the page behind an item), and errors.As on the SDK's
// error types, with the hint each needs. The rest (flags, the table,
// escaping what the service sends) is the examples' plumbing, in
// examples/internal/cli.
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

const description = `list-restore-tasks lists Alibaba Cloud Compute Nest restore jobs
(ListRestoreTasks): every restore task that matches the filters, across all
pages. Filters of different flags must all match; the values of one flag are
alternatives.

Output is a table on stdout, printed page by page as pages arrive (times in UTC;
columns as wide as the API's values, a longer value cut with "…", DETAIL whole;
control and invisible characters the service sends shown escaped), or with
-json one restore task per line with the API's field names and whole values. While pages load, progress goes to stderr when
stderr is a terminal. To wait for one restore task to finish, see
examples/wait-restore-task.

Credentials come from the default chain: ALIBABA_CLOUD_ACCESS_KEY_ID and
ALIBABA_CLOUD_ACCESS_KEY_SECRET (with ALIBABA_CLOUD_SECURITY_TOKEN for STS), the
aliyun CLI profile, OIDC, or the ECS instance RAM role. -demo needs none.

Exit status: 0 on success (also when nothing matches), 1 on an error (the rows
printed before it stand), 2 on bad usage, 130 when interrupted.`

const examples = `  list-restore-tasks -demo
  list-restore-tasks -demo -status RestoreFailed
  list-restore-tasks -demo -since 3d -until 1d -page-size 10
  list-restore-tasks -demo -json | jq -r 'select(.Status == "Restoring") | .RestoreTaskId'
  list-restore-tasks -instance si-7b6138dfce1e4c41ab71 -since 72h
  list-restore-tasks -region ap-southeast-1 -since 30d -page-size 100`

// run is the whole command; main only wires it to the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := cli.NewCommand("list-restore-tasks", "[flags]", description, examples, stdout, stderr)
	var conn cli.ConnFlags
	var list cli.ListFlags
	conn.Register(cmd.Flags)
	list.Register(cmd.Flags, "restore tasks", cli.Names(models.RestoreTaskStatuses()))
	err := cmd.Parse(args)
	if err == nil {
		err = errors.Join(cmd.NoArgs(), conn.Check(cmd), list.Check(cmd))
	}
	if err == nil {
		err = listRestoreTasks(ctx, cmd, &conn, &list)
	}
	return cmd.Exit(err)
}

// demoClock is the clock of -demo's fake, which dates the demo data back
// from its day; the tests set it.
var demoClock = time.Now

// listRestoreTasks lists the restore tasks the flags select, item by item.
func listRestoreTasks(ctx context.Context, cmd *cli.Command, conn *cli.ConnFlags, list *cli.ListFlags) error {
	// The request: a filter for each flag given. The values of one filter
	// are alternatives; different filters must all match.
	req := new(models.ListRestoreTasksRequest).SetMaxResults(int32(list.PageSize))
	if len(list.Instances) > 0 {
		req.FilterByServiceInstanceId(list.Instances...)
	}
	if len(list.Statuses) > 0 {
		var statuses []models.RestoreTaskStatus
		for _, s := range list.Statuses {
			statuses = append(statuses, models.RestoreTaskStatus(s))
		}
		req.FilterByStatus(statuses...)
	}
	if list.Since.IsSet() {
		req.FilterByStartTime(list.Since.Time)
	}
	if list.Until.IsSet() {
		req.FilterByEndTime(list.Until.Time) // a task still running has no end time: left out
	}
	if err := req.Validate(); err != nil { // what the service would refuse, before anything is sent
		return cli.Usagef("%s", err)
	}

	// The client, with credentials from the default chain; with -demo, a
	// client of an in-process fake Compute Nest.
	cfg := &client.Config{RegionId: conn.Region, Endpoint: conn.Endpoint}
	if conn.Demo {
		srv := computenesttest.NewServer(computenesttest.WithClock(demoClock),
			computenesttest.WithDemoData(computenesttest.DemoSeed, computenesttest.DemoBackupCount, computenesttest.DemoRestoreTaskCount))
		defer srv.Close()
		cfg = srv.ClientConfig()
		cmd.Notef("-demo: using an in-process fake Compute Nest with %d made-up restore tasks; nothing leaves this machine", srv.RestoreTasks().Len())
	}
	if conn.Verbose {
		cfg.Logger = slog.New(slog.NewTextHandler(cmd.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	c, err := client.NewClient(cfg)
	if err != nil {
		return conn.ConfigError(err)
	}

	// The listing, item by item. Items fetches each page when the loop
	// needs it; CurrentPage is the page of the current item, so after a
	// page's last item its rows are written, before the next is fetched.
	if list.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, list.Timeout, errTimeout)
		defer cancel()
	}
	table := cli.NewTable(cmd.Stdout,
		cli.Column{Header: "RESTORE TASK ID", Width: cli.RestoreTaskIDWidth},
		cli.Column{Header: "SERVICE INSTANCE", Width: cli.InstanceIDWidth},
		cli.Column{Header: "BACKUP ID", Width: cli.BackupIDWidth},
		cli.Column{Header: "STATUS", Width: cli.Widest(models.RestoreTaskStatuses())},
		cli.Column{Header: "START", Width: cli.TimeWidth},
		cli.Column{Header: "END", Width: cli.TimeWidth},
		cli.Column{Header: "DETAIL"})
	jsonLines := cli.NewJSONLines(cmd.Stdout)
	progress := cli.NewProgress(cmd.Stderr)
	defer progress.Done()
	pages, n, onPage := 0, 0, 0
	p := client.NewListRestoreTasksPaginator(c, req)
	for task, err := range p.Items(ctx) {
		if err != nil {
			progress.Done()
			return explain(ctx, cmd, err, n, conn, list)
		}
		if onPage == 0 {
			progress.Clear() // stdout may be the same terminal
		}
		if list.JSON {
			if err := jsonLines.Encode(task); err != nil {
				return err
			}
		} else {
			table.Row(task.GetRestoreTaskId(), task.GetServiceInstanceId(), task.GetBackupId(), string(task.GetStatus()),
				cli.TimeCell(task.GetStartTime()), cli.TimeCell(task.GetEndTime()), task.GetStatusDetail())
		}
		n, onPage = n+1, onPage+1
		if page := p.CurrentPage(); onPage == len(page.GetRestoreTasks()) { // the page's last task
			if err := table.Flush(); err != nil {
				return err
			}
			pages, onPage = pages+1, 0
			progress.Show("page %d: %d/%d restore tasks", pages, n, page.GetTotalCount())
		}
	}
	if n == 0 {
		cmd.Notef("no restore tasks found")
	}
	return nil
}

// errTimeout is the cause of a listing that ran out of -timeout.
var errTimeout = errors.New("-timeout")

// explain says why the listing stopped after n restore tasks, with the hint
// a user needs: errors.As on the SDK's error types, and its predicates,
// which see through wrapping.
func explain(ctx context.Context, cmd *cli.Command, err error, n int, conn *cli.ConnFlags, list *cli.ListFlags) error {
	var credErr *client.CredentialsError
	var pageErr *client.PaginationError
	switch {
	case context.Cause(ctx) == errTimeout:
		return fmt.Errorf("gave up after -timeout %s with %d restore tasks listed; give it longer with -timeout, or list fewer with -instance, -status, -since or -until",
			list.Timeout, n)
	case ctx.Err() != nil: // Ctrl-C
		return ctx.Err()
	case errors.As(err, &credErr): // one line that says what to set; the provider's own text is its Err
		if conn.Verbose && credErr.Err != nil {
			cmd.Notef("the credential provider said: %s", cli.Line(credErr.Err.Error()))
		}
		return fmt.Errorf("%w; or try -demo, which needs none", credErr)
	case client.IsThrottling(err):
		return fmt.Errorf("%w; the service is throttling this account: run again later, or with a larger -page-size for fewer calls", err)
	case client.IsAccessDenied(err):
		return fmt.Errorf("%w; the RAM user or role needs the permission computenest:ListRestoreTasks", err)
	case client.IsSignatureError(err):
		return fmt.Errorf("%w; check the AccessKey pair and this machine's clock", err)
	case errors.As(err, &pageErr): // the paginator stopped rather than list the same tasks again
		return fmt.Errorf("listing stopped after %d restore tasks: the service's answer to page %d would have listed the same restore tasks again, perhaps forever (%s). "+
			"This is the service's fault: run again later, or with another -page-size", n, pageErr.Page, pageErr.Anomaly)
	}
	return err
}
