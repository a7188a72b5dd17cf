package main

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/examples/internal/cli"
	"github.com/computenest-sdk/computenest-go/examples/internal/clitest"
	"github.com/computenest-sdk/computenest-go/models"
)

// demo is the data -demo serves.
func demo() []*models.Backup {
	return computenesttest.DemoBackups(cli.DemoSeed, cli.DemoBackupCount)
}

// wantRow is the table row the command should print for b.
func wantRow(b *models.Backup) []string {
	retention := "forever"
	if b.HasRetention() {
		retention = fmt.Sprintf("%dd", b.GetRetentionDays())
	}
	return []string{b.GetBackupId(), b.GetServiceInstanceId(), string(b.GetStatus()), clitest.Cell(string(b.GetBackupMode())),
		clitest.TimeCell(b.GetStartTime()), clitest.TimeCell(b.GetEndTime()), retention, clitest.Cell(b.GetStatusDetail())}
}

func TestDemoTable(t *testing.T) {
	r := clitest.Run(t, run, "-demo")
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	header, rows := clitest.Table(t, r.Stdout)
	if want := []string{"BACKUP ID", "SERVICE INSTANCE", "STATUS", "MODE", "START", "END", "RETENTION", "DETAIL"}; !slices.Equal(header, want) {
		t.Errorf("header %q, want %q", header, want)
	}
	want := demo()
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want all %d demo backups", len(rows), len(want))
	}
	for i, b := range want {
		if !slices.Equal(rows[i], wantRow(b)) {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, rows[i], wantRow(b))
		}
	}
	if !strings.Contains(r.Stderr, "-demo: using an in-process fake") {
		t.Errorf("stderr does not say the data is made up: %q", r.Stderr)
	}
	if strings.Contains(r.Stderr, "\r") || strings.Contains(r.Stderr, "page ") {
		t.Errorf("progress drawn on a stderr that is not a terminal: %q", r.Stderr)
	}
}

func TestDemoJSONLines(t *testing.T) {
	r := clitest.Run(t, run, "-demo", "-json", "-page-size", "9")
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	got := clitest.JSONLines[models.Backup](t, r.Stdout)
	if !reflect.DeepEqual(got, demo()) {
		t.Errorf("-json printed %d backups, not the %d demo backups as the API gives them", len(got), cli.DemoBackupCount)
	}
}

// TestDemoFilters checks the filters against the fake's documented
// semantics: values of one flag are ORed, flags ANDed, -since selects
// StartTime >= t and -until EndTime <= t.
func TestDemoFilters(t *testing.T) {
	all := demo()
	instances := computenesttest.DemoServiceInstances(cli.DemoSeed)
	since, _ := models.ParseTime(all[20].GetStartTime())
	until, _ := models.ParseTime(all[110].GetEndTime())
	// Whole days within the demo data, which is dated relative to today.
	sinceDay := since.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	untilDay := until.UTC().Truncate(24 * time.Hour)
	match := func(keep func(b *models.Backup) bool) []string {
		var ids []string
		for _, b := range all {
			if keep(b) {
				ids = append(ids, b.GetBackupId())
			}
		}
		return ids
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"-status", "created,CreateFailed"}, match(func(b *models.Backup) bool {
			return b.GetStatus() == models.BackupStatusCreated || b.GetStatus() == models.BackupStatusCreateFailed
		})},
		{[]string{"-instance", instances[0] + ", " + instances[1]}, match(func(b *models.Backup) bool {
			return b.GetServiceInstanceId() == instances[0] || b.GetServiceInstanceId() == instances[1]
		})},
		{[]string{"-instance", instances[0], "-instance", instances[1], "-status", "Deleted", "-status", "Creating"}, match(func(b *models.Backup) bool {
			return (b.GetServiceInstanceId() == instances[0] || b.GetServiceInstanceId() == instances[1]) &&
				(b.GetStatus() == models.BackupStatusDeleted || b.GetStatus() == models.BackupStatusCreating)
		})},
		{[]string{"-since", since.Format(time.RFC3339), "-until", until.In(time.FixedZone("", 8*3600)).Format(time.RFC3339)}, match(func(b *models.Backup) bool {
			start, _ := b.StartTimeValue()
			end, _ := b.EndTimeValue()
			return !start.Before(since) && b.GetEndTime() != "" && !end.After(until)
		})},
		{[]string{"-since", sinceDay.Format(time.DateOnly), "-until", untilDay.Format(time.DateOnly)}, match(func(b *models.Backup) bool {
			start, _ := b.StartTimeValue()
			end, _ := b.EndTimeValue()
			return !start.Before(sinceDay) && b.GetEndTime() != "" && end.Before(untilDay.Add(24*time.Hour))
		})},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if len(tt.want) == 0 || len(tt.want) == len(all) {
				t.Fatalf("a filter test that selects %d of %d backups proves nothing", len(tt.want), len(all))
			}
			r := clitest.Run(t, run, append([]string{"-demo", "-page-size", "7"}, tt.args...)...)
			if r.Code != 0 {
				t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
			}
			_, rows := clitest.Table(t, r.Stdout)
			var got []string
			for _, row := range rows {
				got = append(got, row[0])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("listed %d backups %v\nwant %d %v", len(got), got, len(tt.want), tt.want)
			}
			if strings.Contains(r.Stderr, "warning") {
				t.Errorf("unexpected warning: %s", r.Stderr)
			}
		})
	}
}

func TestUnknownStatusIsSentWithAWarning(t *testing.T) {
	r := clitest.Run(t, run, "-demo", "-status", "Archived")
	if r.Code != 0 || r.Stdout != "" {
		t.Fatalf("exit %d, stdout %q", r.Code, r.Stdout)
	}
	for _, want := range []string{`warning: -status "Archived" is not a documented status`, "no backups found"} {
		if !strings.Contains(r.Stderr, want) {
			t.Errorf("stderr %q does not contain %q", r.Stderr, want)
		}
	}
}

func TestBadUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-h"}, 0, "Usage: list-backups [flags]"},
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"-page-size", "0"}, 2, "invalid -page-size 0: must be between 1 and 100"},
		{[]string{"-demo", "-page-size", "101"}, 2, "invalid -page-size 101"},
		{[]string{"-page-size", "99999999999"}, 2, "invalid -page-size 99999999999"},
		{[]string{"-page-size", "many"}, 2, `invalid value "many" for flag -page-size`},
		{[]string{"-since", "yesterday"}, 2, "want RFC 3339"},
		{[]string{"-until", "-3h"}, 2, "must be positive"},
		{[]string{"-status", "Created,,Deleted"}, 2, "empty entry"},
		{[]string{"-instance", ""}, 2, "empty entry"},
		{[]string{"-demo", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-demo", "-region", "ap-southeast-1"}, 2, "-region does not go with -demo"},
		{[]string{"-region", "mars-1"}, 2, `unknown region "mars-1"`},
		{[]string{"-endpoint", "ftp://example.com"}, 2, "scheme must be http or https"},
		{[]string{"-endpoint", "example.com/path"}, 2, "want host[:port]"},
	}
	for _, tt := range tests {
		r := clitest.Run(t, run, tt.args...)
		if r.Code != tt.code || !strings.Contains(r.Stderr, tt.msg) {
			t.Errorf("%q: exit %d, stderr %q\nwant exit %d mentioning %q", tt.args, r.Code, r.Stderr, tt.code, tt.msg)
		}
		if r.Stdout != "" {
			t.Errorf("%q: wrote %q on stdout", tt.args, r.Stdout)
		}
	}
}

func TestNoCredentials(t *testing.T) {
	clitest.NoCredentials(t)
	// A closed loopback port: nothing could leave this machine even if
	// credentials were found.
	r := clitest.Run(t, run, "-endpoint", "http://127.0.0.1:1")
	if r.Code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.Code, r.Stderr)
	}
	for _, want := range []string{"no Alibaba Cloud credentials found", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "-demo"} {
		if !strings.Contains(r.Stderr, want) {
			t.Errorf("stderr does not mention %s:\n%s", want, r.Stderr)
		}
	}
}

// TestBinary runs the command as a user would: built, with a pipe for
// stdout and stderr.
func TestBinary(t *testing.T) {
	bin := clitest.Build(t)
	if r := clitest.Exec(t, bin, "-h"); r.Code != 0 || !strings.Contains(r.Stderr, "-page-size") {
		t.Errorf("-h: exit %d\n%s", r.Code, r.Stderr)
	}
	if r := clitest.Exec(t, bin, "-bogus"); r.Code != 2 || !strings.Contains(r.Stderr, "flag provided but not defined") {
		t.Errorf("-bogus: exit %d\n%s", r.Code, r.Stderr)
	}
	r := clitest.Exec(t, bin, "-demo", "-json", "-status", "DeleteFailed")
	if r.Code != 0 {
		t.Fatalf("-demo: exit %d\n%s", r.Code, r.Stderr)
	}
	for _, b := range clitest.JSONLines[models.Backup](t, r.Stdout) {
		if b.GetStatus() != models.BackupStatusDeleteFailed {
			t.Errorf("listed a %s backup", b.GetStatus())
		}
	}
	if strings.Contains(r.Stderr, "\r") {
		t.Errorf("progress on a piped stderr: %q", r.Stderr)
	}
}
