package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/examples/internal/cli"
	"github.com/computenest-sdk/computenest-go/examples/internal/clitest"
	"github.com/computenest-sdk/computenest-go/models"
)

func init() { demoClock = clitest.Clock }

// fast makes the demo task end soon and the polls frequent.
var fast = []string{"-demo", "-demo-after", "150ms", "-min-delay", "10ms", "-max-delay", "40ms"}

func args(extra ...string) []string { return append(append([]string{}, fast...), extra...) }

// demoTask returns the first demo restore task in status s.
func demoTask(t *testing.T, s models.RestoreTaskStatus) *models.RestoreTask {
	t.Helper()
	for _, rt := range clitest.DemoRestoreTasks() {
		if rt.GetStatus() == s {
			return rt
		}
	}
	t.Fatalf("no %s task in the demo data", s)
	return nil
}

func TestDemoRestored(t *testing.T) {
	start := time.Now()
	r := clitest.Run(t, run, args()...)
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	got := clitest.Fields(r.Stdout)
	if got["restore task"] != demoTaskID || got["status"] != "Restored" || got["detail"] != "-" ||
		!strings.HasPrefix(got["backup"], "backup-") || !strings.HasPrefix(got["service instance"], "si-") || got["ended"] == "-" {
		t.Errorf("report:\n%s", r.Stdout)
	}
	// It polled while the task was Restoring, then saw it end.
	if !strings.Contains(got["waited"], "polls)") || strings.Contains(got["waited"], "(1 poll)") {
		t.Errorf("waited %q: want more than one poll", got["waited"])
	}
	if elapsed := time.Since(start); elapsed < 150*time.Millisecond {
		t.Errorf("returned after %s, before the demo task ended", elapsed)
	}
	if !strings.Contains(r.Stderr, "will end Restored in 150ms") || strings.Contains(r.Stderr, "\r") {
		t.Errorf("stderr %q", r.Stderr)
	}
}

func TestDemoFailed(t *testing.T) {
	r := clitest.Run(t, run, args("-demo-outcome", "failed")...)
	if r.Code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.Code, r.Stderr)
	}
	got := clitest.Fields(r.Stdout)
	if got["status"] != "RestoreFailed" || !strings.Contains(got["detail"], "disk attach timed out") {
		t.Errorf("report:\n%s", r.Stdout)
	}
	if !strings.Contains(r.Stderr, "ended RestoreFailed, not Restored") {
		t.Errorf("stderr %q", r.Stderr)
	}
}

func TestDemoTimeoutSaysLastStatus(t *testing.T) {
	r := clitest.Run(t, run, args("-demo-outcome", "stuck", "-timeout", "200ms")...)
	if r.Code != 1 || r.Stdout != "" {
		t.Fatalf("exit %d, stdout %q\n%s", r.Code, r.Stdout, r.Stderr)
	}
	clitest.CheckErrorLine(t, r, 1, "wait-restore-task", "gave up after", "is still Restoring", "give it longer with -timeout (now 200ms)")
}

func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background()) // cancel plays Ctrl-C
	defer cancel()
	time.AfterFunc(150*time.Millisecond, cancel)
	r := clitest.RunContext(t, ctx, run, args("-demo-outcome", "stuck")...)
	if r.Code != cli.ExitInterrupted || !strings.Contains(r.Stderr, "interrupted") {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
}

func TestDemoNotFound(t *testing.T) {
	r := clitest.Run(t, run, args("-id", "restore-nope")...)
	if r.Code != 1 || !strings.Contains(r.Stderr, "restore task restore-nope not found in the demo data; examples/list-restore-tasks -demo lists the restore tasks there") {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
}

// Waiting for a task that has already ended takes one poll; the ID may be
// the argument.
func TestDemoTaskAlreadyEnded(t *testing.T) {
	done := demoTask(t, models.RestoreTaskStatusRestored)
	r := clitest.Run(t, run, args("-json", done.GetRestoreTaskId())...)
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	got := clitest.JSONLines[models.RestoreTask](t, r.Stdout)
	if len(got) != 1 || got[0].GetRestoreTaskId() != done.GetRestoreTaskId() || got[0].GetStatus() != models.RestoreTaskStatusRestored {
		t.Errorf("-json: %s", r.Stdout)
	}

	failed := demoTask(t, models.RestoreTaskStatusRestoreFailed)
	r = clitest.Run(t, run, args("-id", failed.GetRestoreTaskId())...)
	if got := clitest.Fields(r.Stdout); r.Code != 1 || got["detail"] != failed.GetStatusDetail() || got["waited"] == "" ||
		!strings.HasSuffix(got["waited"], "(1 poll)") {
		t.Errorf("exit %d, report:\n%s", r.Code, r.Stdout)
	}
}

func TestBadUsage(t *testing.T) {
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
		{[]string{}, "which restore task?"},
		{[]string{"-id", "restore-1", "restore-2"}, "two restore task IDs"},
		{[]string{"restore-1", "restore-2"}, "one restore task at a time"},
		{[]string{"restore-1", "-timeout", "3s", "restore-2"}, "one restore task at a time: got 2 IDs (restore-1 restore-2)"},
		{[]string{"restore-1", "-nope"}, "flag provided but not defined: -nope"},
		{[]string{"-demo", "-min-delay", "0s"}, "invalid -min-delay 0s"},
		{[]string{"-demo", "-min-delay", "2s", "-max-delay", "1s"}, "invalid -max-delay 1s"},
		{[]string{"-demo", "-timeout", "-1s"}, "invalid -timeout"},
		{[]string{"-demo", "-timeout", "soon"}, `invalid value "soon" for flag -timeout`},
		{[]string{"-demo", "-demo-outcome", "maybe"}, `invalid -demo-outcome "maybe"`},
		{[]string{"-id", "restore-1", "-demo-outcome", "failed"}, "-demo-outcome goes with -demo"},
		{[]string{"-demo", "-region", "cn-hangzhou"}, "-region does not go with -demo"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			clitest.CheckUsageError(t, clitest.Run(t, run, tt.args...), "wait-restore-task", tt.msg)
		})
	}
	r := clitest.Run(t, run, "-h")
	clitest.CheckHelp(t, r, "wait-restore-task")
	if !strings.HasPrefix(r.Stdout, "Usage: wait-restore-task [flags] [RESTORE_TASK_ID]") {
		t.Errorf("-h: %.80q", r.Stdout)
	}
}

func TestNoCredentials(t *testing.T) {
	clitest.NoCredentials(t)
	r := clitest.Run(t, run, "-endpoint", "127.0.0.1:1", "restore-1")
	if r.Code != 1 || !strings.Contains(r.Stderr, "ALIBABA_CLOUD_ACCESS_KEY_SECRET") || !strings.Contains(r.Stderr, "-demo") {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
}

func TestBinary(t *testing.T) {
	bin := clitest.Build(t)
	clitest.CheckHelp(t, clitest.Exec(t, bin, "-h"), "wait-restore-task")
	if r := clitest.Exec(t, bin, "-min-delay", "0s", "restore-1"); r.Code != 2 {
		t.Errorf("-min-delay 0s: exit %d\n%s", r.Code, r.Stderr)
	}
	if r := clitest.Exec(t, bin, args("-demo-outcome", "failed")...); r.Code != 1 || !strings.Contains(r.Stdout, "RestoreFailed") {
		t.Errorf("-demo-outcome failed: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
}

// TestFlagsAfterTheArgument: flags may follow the restore task ID.
func TestFlagsAfterTheArgument(t *testing.T) {
	done := demoTask(t, models.RestoreTaskStatusRestored)
	r := clitest.Run(t, run, "-demo", done.GetRestoreTaskId(), "-timeout", "3s", "-json")
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	if got := clitest.JSONLines[models.RestoreTask](t, r.Stdout); len(got) != 1 || got[0].GetRestoreTaskId() != done.GetRestoreTaskId() {
		t.Errorf("-json after the ID was not applied:\n%s", r.Stdout)
	}
	// After "--", an argument that looks like a flag is an ID.
	r = clitest.Run(t, run, "-demo", "--", "-json")
	clitest.CheckErrorLine(t, r, 1, "wait-restore-task", "restore task -json not found")
}

// TestServiceErrorIsOneLine: a failed call is reported on one line, without
// the SDK's "computenest:" prefix repeated by each layer.
func TestServiceErrorIsOneLine(t *testing.T) {
	srv, conn := clitest.Fake(t)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultHTMLBody, Status: 403, Times: 10})
	r := clitest.Run(t, run, append(conn, "-min-delay", "10ms", "restore-1")...)
	line := clitest.CheckErrorLine(t, r, 1, "wait-restore-task", "restore-1", "403")
	if strings.Count(r.Stderr, "\n") != 1 || strings.Contains(line, "computenest:") {
		t.Errorf("stderr %q", r.Stderr)
	}
}

// TestServiceTextCannotDriveTheTerminal: the report escapes control and
// bidi characters from the service; -json keeps the values exact.
func TestServiceTextCannotDriveTheTerminal(t *testing.T) {
	srv, conn := clitest.Fake(t)
	task := new(models.RestoreTask).SetRestoreTaskId("restore-1").SetStatus(models.RestoreTaskStatusRestored).
		SetStatusDetail("\x1b]0;owned\x07 \u009b2J \u202eok").SetBackupId("backup-\x1b[8m")
	srv.RestoreTasks().Add(task)

	r := clitest.Run(t, run, append(conn, "restore-1")...)
	got := clitest.Fields(r.Stdout)
	if r.Code != 0 || got["detail"] != `\x1b]0;owned\x07 \u009b2J \u202eok` || got["backup"] != `backup-\x1b[8m` {
		t.Errorf("exit %d, report:\n%s", r.Code, r.Stdout)
	}
	r = clitest.Run(t, run, append(conn, "restore-1", "-json")...)
	if strings.ContainsAny(r.Stdout, "\x1b\u009b\u202e") {
		t.Errorf("-json holds raw controls: %q", r.Stdout)
	}
	if rts := clitest.JSONLines[models.RestoreTask](t, r.Stdout); len(rts) != 1 || rts[0].GetStatusDetail() != task.GetStatusDetail() {
		t.Errorf("-json: %q", r.Stdout)
	}
}

// An empty ID is an error, not "the demo task".
func TestEmptyIDIsRefused(t *testing.T) {
	for _, a := range [][]string{{"-demo", ""}, {"-demo", "-id", ""}, {"-endpoint", "127.0.0.1:1", ""}} {
		clitest.CheckUsageError(t, clitest.Run(t, run, a...), "wait-restore-task", "empty")
	}
}
