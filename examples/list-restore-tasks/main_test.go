package main

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/examples/internal/clitest"
	"github.com/computenest-sdk/computenest-go/models"
)

func init() { demoClock = clitest.Clock }

// demo is the data -demo serves in clitest.Run.
func demo() []*models.RestoreTask { return clitest.DemoRestoreTasks() }

// wantRow is the table row the command should print for rt.
func wantRow(rt *models.RestoreTask) []string {
	return []string{rt.GetRestoreTaskId(), rt.GetServiceInstanceId(), rt.GetBackupId(), string(rt.GetStatus()),
		clitest.TimeCell(rt.GetStartTime()), clitest.TimeCell(rt.GetEndTime()), clitest.Cell(rt.GetStatusDetail())}
}

func TestDemoTable(t *testing.T) {
	r := clitest.Run(t, run, "-demo", "-page-size", "10")
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	header, rows := clitest.Table(t, r.Stdout)
	if want := []string{"RESTORE TASK ID", "SERVICE INSTANCE", "BACKUP ID", "STATUS", "START", "END", "DETAIL"}; !slices.Equal(header, want) {
		t.Errorf("header %q, want %q", header, want)
	}
	want := demo()
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want all %d demo restore tasks", len(rows), len(want))
	}
	for i, rt := range want {
		if !slices.Equal(rows[i], wantRow(rt)) {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, rows[i], wantRow(rt))
		}
	}
	if strings.Contains(r.Stderr, "\r") {
		t.Errorf("progress drawn on a stderr that is not a terminal: %q", r.Stderr)
	}
}

func TestDemoJSONLinesFiltered(t *testing.T) {
	var want []*models.RestoreTask
	for _, rt := range demo() {
		if rt.GetStatus() == models.RestoreTaskStatusRestoring || rt.GetStatus() == models.RestoreTaskStatusRestoreFailed {
			want = append(want, rt)
		}
	}
	r := clitest.Run(t, run, "-demo", "-json", "-page-size", "4", "-status", "restoring,RESTOREFAILED")
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	got := clitest.JSONLines[models.RestoreTask](t, r.Stdout)
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("-json printed %d restore tasks, want the %d demo ones Restoring or RestoreFailed", len(got), len(want))
	}
}

// -until selects by EndTime, so a restore task still running (no EndTime)
// is never listed with it.
func TestUntilLeavesOutRunningTasks(t *testing.T) {
	// The latest end of a demo task (the data is dated relative to today).
	var want []string
	var latest time.Time
	for _, rt := range demo() {
		if end, err := rt.EndTimeValue(); err == nil && rt.GetEndTime() != "" {
			want = append(want, rt.GetRestoreTaskId())
			if end.After(latest) {
				latest = end
			}
		}
	}
	r := clitest.Run(t, run, "-demo", "-json", "-until", latest.Format(time.RFC3339))
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	var got []string
	for _, rt := range clitest.JSONLines[models.RestoreTask](t, r.Stdout) {
		got = append(got, rt.GetRestoreTaskId())
	}
	if !slices.Equal(got, want) || len(want) == len(demo()) {
		t.Errorf("-until the last end listed %v\nwant the %d that have ended", got, len(want))
	}
}

func TestBadUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"-demo", "-page-size", "0"}, 2, "invalid -page-size 0: must be between 1 and 100"},
		{[]string{"-since", "2025-13-01"}, 2, "want RFC 3339"},
		{[]string{"-demo", "-endpoint", "127.0.0.1:8080"}, 2, "-endpoint does not go with -demo"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			clitest.CheckUsageError(t, clitest.Run(t, run, tt.args...), "list-restore-tasks", tt.msg)
		})
	}
	clitest.CheckHelp(t, clitest.Run(t, run, "-h"), "list-restore-tasks")
	clitest.CheckHelp(t, clitest.Run(t, run, "-help"), "list-restore-tasks")
}

func TestNoCredentials(t *testing.T) {
	clitest.NoCredentials(t)
	r := clitest.Run(t, run, "-endpoint", "127.0.0.1:1")
	if r.Code != 1 || !strings.Contains(r.Stderr, "ALIBABA_CLOUD_ACCESS_KEY_ID") || !strings.Contains(r.Stderr, "-demo") {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
}

func TestBinary(t *testing.T) {
	bin := clitest.Build(t)
	clitest.CheckHelp(t, clitest.Exec(t, bin, "-h"), "list-restore-tasks")
	if r := clitest.Exec(t, bin, "-page-size", "0"); r.Code != 2 || !strings.Contains(r.Stderr, "invalid -page-size 0") {
		t.Errorf("-page-size 0: exit %d\n%s", r.Code, r.Stderr)
	}
}

// TestServiceTextCannotDriveTheTerminal: every table cell is escaped.
func TestServiceTextCannotDriveTheTerminal(t *testing.T) {
	srv, conn := clitest.Fake(t)
	srv.RestoreTasks().Add(new(models.RestoreTask).SetRestoreTaskId("restore-\u202e1").SetServiceInstanceId("si-\x1b[1m").
		SetBackupId("backup-\u009b1").SetStatus("Restored\x07").SetStartTime("\x1b[2J").SetStatusDetail("\x1b]8;;http://x\x07link"))
	r := clitest.Run(t, run, conn...)
	if r.Code != 0 || strings.ContainsAny(r.Stdout, "\x1b\x07\u009b\u202e") {
		t.Fatalf("exit %d, stdout %q", r.Code, r.Stdout)
	}
	_, rows := clitest.Table(t, r.Stdout)
	want := []string{`restore-\u202e1`, `si-\x1b[1m`, `backup-\u009b1`, `Restored\x07`, `\x1b[2J`, "-", `\x1b]8;;http://x\x07link`}
	if !slices.Equal(rows[0], want) {
		t.Errorf("row %q, want %q", rows[0], want)
	}
}

// The help's examples and dates work with today's demo data.
func TestHelpWorksWithDemo(t *testing.T) {
	clitest.CheckHelpWorksWithDemo(t, run, "list-restore-tasks")
}

// The table's widths come from what the API allows, not from the first
// page: -page-size 1 prints the same table as -page-size 100.
func TestTableDoesNotDependOnPageSize(t *testing.T) {
	one := clitest.Run(t, run, "-demo", "-page-size", "1")
	all := clitest.Run(t, run, "-demo", "-page-size", "100")
	if one.Code != 0 || all.Code != 0 || one.Stdout != all.Stdout {
		t.Errorf("exit %d, %d; -page-size 1 prints\n%s\n-page-size 100 prints\n%s", one.Code, all.Code, one.Stdout, all.Stdout)
	}
}
