// Command wait-restore-task waits for a Compute Nest restore job to finish
// and reports how it ended. Its exit status is 0 only when the job ends
// Restored.
//
//	go run ./examples/wait-restore-task -demo
//	go run ./examples/wait-restore-task -demo -demo-outcome failed
//	go run ./examples/wait-restore-task -timeout 1h restore-4e13aa8ca6a34150addd
//
// With -demo it runs against an in-process fake seeded with demo data and
// a restore task that finishes a few seconds later, so it works with no
// account and no network. Otherwise credentials come from the credentials-go
// default chain, such as ALIBABA_CLOUD_ACCESS_KEY_ID and
// ALIBABA_CLOUD_ACCESS_KEY_SECRET. Run it with -h for every flag.
//
// wait is what a program of yours would write: a client.Client from a
// client.Config, client.WaitForRestoreTask with its WaiterOptions, and how
// to tell its outcomes apart: *client.WaitFailedError,
// *client.WaitTimeoutError, client.ErrNotFound and *client.CredentialsError.
// With -demo it also shows computenesttest's fake, whose data a program
// changes while the wait runs. The rest (flags, escaping what the service
// sends) is the examples' plumbing, in examples/internal/cli.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/examples/internal/cli"
	"github.com/computenest-sdk/computenest-go/models"
)

func main() { cli.Main(run) }

const description = `wait-restore-task polls ListRestoreTasks for one restore task until it
ends, then reports how it ended: its status, the service's detail and how long
the wait took. Polls start -min-delay apart and grow, jittered, to -max-delay.

The ID comes from -id or from the one argument. With -demo and no ID, it waits
for a demo restore task that ends after -demo-after as -demo-outcome says.

Progress goes to stderr when stderr is a terminal. The report goes to stdout:
a few "name: value" lines, or with -json the restore task as one JSON object.

Exit status: 0 when the task ended Restored; 1 when it failed (RestoreFailed,
or a status this SDK does not know), was not found, the -timeout passed, or a
call failed; 2 on bad usage; 130 when interrupted.`

const examples = `  wait-restore-task -demo
  wait-restore-task -demo -demo-outcome failed
  wait-restore-task -demo -demo-outcome stuck -timeout 5s
  wait-restore-task -timeout 1h restore-4e13aa8ca6a34150addd
  wait-restore-task -id restore-4e13aa8ca6a34150addd -json && echo restored`

// demoTaskID is the restore task -demo adds and waits for by default.
const demoTaskID = "restore-demo0000000000000001"

// options are wait-restore-task's own flags.
type options struct {
	id                 string
	timeout            time.Duration
	minDelay, maxDelay time.Duration
	json               bool
	demoOutcome        string
	demoAfter          time.Duration
}

// run is the whole command; main only wires it to the process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := cli.NewCommand("wait-restore-task", "[flags] [RESTORE_TASK_ID]", description, examples, stdout, stderr)
	var conn cli.ConnFlags
	conn.Register(cmd.Flags)
	var o options
	fs := cmd.Flags
	fs.StringVar(&o.id, "id", "", "the restore task `ID` to wait for (restore-...); or give it as the argument")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Minute, "give up after this `duration`; 0 waits until interrupted")
	fs.DurationVar(&o.minDelay, "min-delay", time.Second, "first `delay` between polls")
	fs.DurationVar(&o.maxDelay, "max-delay", 30*time.Second, "longest `delay` between polls")
	fs.BoolVar(&o.json, "json", false, "report the restore task as one JSON object, with the API's field names")
	fs.StringVar(&o.demoOutcome, "demo-outcome", "restored", "with -demo, how the demo restore task ends: `outcome` restored, failed or stuck (stays Restoring)")
	fs.DurationVar(&o.demoAfter, "demo-after", 3*time.Second, "with -demo, the `delay` after which the demo restore task ends")
	return cmd.Exit(wait(ctx, cmd, &conn, &o, args))
}

// demoClock is the clock of -demo's fake, which dates the demo data back
// from its day; the tests set it.
var demoClock = time.Now

// wait checks the flags, waits and reports.
func wait(ctx context.Context, cmd *cli.Command, conn *cli.ConnFlags, o *options, args []string) error {
	if err := cmd.Parse(args); err != nil {
		return err
	}
	if err := errors.Join(conn.Check(cmd), o.check(cmd, conn)); err != nil {
		return err
	}

	// The client, with credentials from the default chain; with -demo, a
	// client of an in-process fake Compute Nest, with a restore task that
	// ends while the wait runs.
	cfg := &client.Config{RegionId: conn.Region, Endpoint: conn.Endpoint}
	onPoll := func() {}
	if conn.Demo {
		srv := computenesttest.NewServer(computenesttest.WithClock(demoClock),
			computenesttest.WithDemoData(computenesttest.DemoSeed, computenesttest.DemoBackupCount, computenesttest.DemoRestoreTaskCount))
		defer srv.Close()
		cfg = srv.ClientConfig()
		cmd.Notef("-demo: using an in-process fake Compute Nest with %d made-up restore tasks; nothing leaves this machine", srv.RestoreTasks().Len())
		if o.id == "" || o.id == demoTaskID {
			o.id = demoTaskID
			begin, stop := startDemoTask(cmd, srv, o)
			defer stop()
			onPoll = begin
		}
	}
	if conn.Verbose {
		cfg.Logger = slog.New(slog.NewTextHandler(cmd.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	c, err := client.NewClient(cfg)
	if err != nil {
		return conn.ConfigError(err)
	}

	// The wait: polls from MinDelay growing to MaxDelay, until the task
	// ends, MaxWait passes or ctx ends.
	start := time.Now()
	polls := 0
	progress := cli.NewProgress(cmd.Stderr)
	task, err := client.WaitForRestoreTask(ctx, c, o.id, func(w *client.WaiterOptions) {
		w.MinDelay, w.MaxDelay, w.MaxWait = o.minDelay, o.maxDelay, o.timeout
		w.OnPoll = func(status string) {
			onPoll()
			polls++
			progress.Show("%s: %s after %s (poll %d)", o.id, status, time.Since(start).Round(time.Second), polls)
		}
	})
	progress.Done()
	waited := time.Since(start)

	var failed *client.WaitFailedError
	var timeout *client.WaitTimeoutError
	var credErr *client.CredentialsError
	switch {
	case err == nil:
		return report(cmd.Stdout, o.json, task, waited, polls)
	case errors.As(err, &failed):
		if err := report(cmd.Stdout, o.json, failed.RestoreTask, waited, polls); err != nil {
			return err
		}
		return &cli.ExitError{Code: cli.ExitFailure, Msg: fmt.Sprintf("restore task %s ended %s, not Restored", o.id, failed.Status)}
	case ctx.Err() != nil: // Ctrl-C, not -timeout
		return ctx.Err()
	case errors.As(err, &timeout):
		last := timeout.LastStatus
		if last == "" {
			last = "of unknown status"
		}
		return &cli.ExitError{Code: cli.ExitFailure, Msg: fmt.Sprintf("gave up after %s: restore task %s is still %s; give it longer with -timeout (now %s)",
			timeout.Waited.Round(100*time.Millisecond), o.id, last, o.timeout)}
	case errors.Is(err, client.ErrNotFound):
		where, flag := "in region "+conn.Region, "-region "+conn.Region
		switch {
		case conn.Demo:
			where, flag = "in the demo data", "-demo"
		case conn.Endpoint != "":
			where, flag = "at "+conn.Endpoint, "-endpoint "+conn.Endpoint
		}
		return &cli.ExitError{Code: cli.ExitFailure, Msg: fmt.Sprintf("restore task %s not found %s; examples/list-restore-tasks %s lists the restore tasks there",
			o.id, where, flag)}
	case errors.As(err, &credErr): // one line that says what to set; the provider's own text is its Err
		if conn.Verbose && credErr.Err != nil {
			cmd.Notef("the credential provider said: %s", cli.Line(credErr.Err.Error()))
		}
		return fmt.Errorf("%w; or try -demo, which needs none", credErr)
	default:
		return err
	}
}

// check validates the flags and the argument, and takes the ID from the
// argument.
func (o *options) check(cmd *cli.Command, conn *cli.ConnFlags) error {
	if cmd.IsSet("id") && o.id == "" {
		return cli.Usagef("-id is empty: give the restore task's ID (restore-...)")
	}
	switch args := cmd.Args(); len(args) {
	case 0:
	case 1:
		arg := args[0]
		if arg == "" {
			return cli.Usagef("the restore task ID argument is empty: give the restore task's ID (restore-...)")
		}
		if o.id != "" && o.id != arg {
			return cli.Usagef("two restore task IDs: -id %s and argument %s", o.id, arg)
		}
		o.id = arg
	default:
		return cli.Usagef("one restore task at a time: got %d IDs (%s)", len(args), strings.Join(args, " "))
	}
	switch {
	case o.id == "" && !conn.Demo:
		return cli.Usagef("which restore task? Give its ID with -id or as the argument, or try -demo")
	case o.timeout < 0:
		return cli.Usagef("invalid -timeout %s: must not be negative (0 waits until interrupted)", o.timeout)
	case o.minDelay <= 0:
		return cli.Usagef("invalid -min-delay %s: must be positive", o.minDelay)
	case o.maxDelay < o.minDelay:
		return cli.Usagef("invalid -max-delay %s: must be at least -min-delay (%s)", o.maxDelay, o.minDelay)
	case o.demoOutcome != "restored" && o.demoOutcome != "failed" && o.demoOutcome != "stuck":
		return cli.Usagef("invalid -demo-outcome %q: want restored, failed or stuck", o.demoOutcome)
	case o.demoAfter < 0:
		return cli.Usagef("invalid -demo-after %s: must not be negative", o.demoAfter)
	}
	if !conn.Demo {
		for _, name := range []string{"demo-outcome", "demo-after"} {
			if cmd.IsSet(name) {
				return cli.Usagef("-%s goes with -demo", name)
			}
		}
	}
	return nil
}

// startDemoTask adds the demo restore task to the fake, Restoring. Its end,
// as -demo-outcome and -demo-after say, is scheduled by begin, which the
// first poll calls, so that the wait always sees the task Restoring first;
// stop cancels what has not happened yet.
func startDemoTask(cmd *cli.Command, srv *computenesttest.Server, o *options) (begin, stop func()) {
	now := models.FormatTime(time.Now())
	task := new(models.RestoreTask).
		SetRestoreTaskId(demoTaskID).
		SetServiceInstanceId(computenesttest.DemoServiceInstances(computenesttest.DemoSeed)[0]).
		SetStatus(models.RestoreTaskStatusRestoring).
		SetCreateTime(now).SetStartTime(now).SetModifiedTime(now)
	for _, b := range srv.Backups().All() {
		if b.GetStatus() == models.BackupStatusCreated {
			task.SetBackupId(b.GetBackupId()).SetServiceInstanceId(b.GetServiceInstanceId())
			break
		}
	}
	srv.RestoreTasks().Add(task)
	if o.demoOutcome == "stuck" {
		cmd.Notef("-demo: restore task %s is Restoring and stays so (-demo-outcome stuck)", demoTaskID)
		return func() {}, func() {}
	}
	status, detail := models.RestoreTaskStatusRestored, ""
	if o.demoOutcome == "failed" {
		status, detail = models.RestoreTaskStatusRestoreFailed, "i-0d3e1a9c5b7f24680ace failed, error message: disk attach timed out (demo)"
	}
	cmd.Notef("-demo: restore task %s is Restoring; it will end %s in %s", demoTaskID, status, o.demoAfter)
	var mu sync.Mutex
	var timer *time.Timer
	begin = func() {
		mu.Lock()
		defer mu.Unlock()
		if timer != nil {
			return
		}
		timer = time.AfterFunc(o.demoAfter, func() {
			end := models.FormatTime(time.Now())
			srv.RestoreTasks().Update(demoTaskID, func(t *models.RestoreTask) {
				t.SetStatus(status).SetEndTime(end).SetModifiedTime(end)
				if detail != "" {
					t.SetStatusDetail(detail)
				}
			})
		})
	}
	stop = func() {
		mu.Lock()
		defer mu.Unlock()
		if timer != nil {
			timer.Stop()
		}
	}
	return begin, stop
}

// report writes how the restore task ended: "name: value" lines, or the
// task as one JSON object.
func report(w io.Writer, asJSON bool, t *models.RestoreTask, waited time.Duration, polls int) error {
	if asJSON {
		return cli.NewJSONLines(w).Encode(t)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	for _, line := range [][2]string{
		{"restore task", cli.Cell(t.GetRestoreTaskId())},
		{"status", cli.Cell(string(t.GetStatus()))},
		{"detail", cli.Cell(t.GetStatusDetail())},
		{"service instance", cli.Cell(t.GetServiceInstanceId())},
		{"backup", cli.Cell(t.GetBackupId())},
		{"started", cli.TimeCell(t.GetStartTime())},
		{"ended", cli.TimeCell(t.GetEndTime())},
		{"waited", fmt.Sprintf("%s (%d %s)", waited.Round(100*time.Millisecond), polls, plural(polls, "poll", "polls"))},
	} {
		fmt.Fprintf(tw, "%s:\t%s\n", line[0], line[1])
	}
	return tw.Flush()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
