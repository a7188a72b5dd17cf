package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/examples/internal/clitest"
	"github.com/computenest-sdk/computenest-go/models"
)

func init() { demoClock = clitest.Clock }

// demo is the data -demo serves in clitest.Run.
func demo() []*models.Backup { return clitest.DemoBackups() }

// ids returns the first column of the table in out: the backup IDs.
func ids(t *testing.T, out string) []string {
	t.Helper()
	_, rows := clitest.Table(t, out)
	var got []string
	for _, row := range rows {
		got = append(got, row[0])
	}
	return got
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
		t.Errorf("-json printed %d backups, not the %d demo backups as the API gives them", len(got), computenesttest.DemoBackupCount)
	}
}

// TestDemoFilters checks the filters against the fake's documented
// semantics: values of one flag are ORed, flags ANDed, -since selects
// StartTime >= t and -until EndTime <= t.
func TestDemoFilters(t *testing.T) {
	all := demo()
	instances := computenesttest.DemoServiceInstances(computenesttest.DemoSeed)
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
			got := ids(t, r.Stdout)
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
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"-page-size", "0"}, 2, "invalid -page-size 0: must be between 1 and 100"},
		{[]string{"-demo", "-page-size", "101"}, 2, "invalid -page-size 101"},
		{[]string{"-page-size", "99999999999"}, 2, "invalid -page-size 99999999999"},
		{[]string{"-page-size", "many"}, 2, `invalid value "many" for flag -page-size: want a whole number`},
		{[]string{"-page-size", "99999999999999999999"}, 2, `invalid value "99999999999999999999" for flag -page-size: value out of range`},
		{[]string{"-json=maybe"}, 2, `invalid value "maybe" for flag -json: want true or false`},
		{[]string{"-since", "yesterday"}, 2, "want RFC 3339"},
		{[]string{"-until", "-3h"}, 2, "must be positive"},
		{[]string{"-status", "Created,,Deleted"}, 2, "empty entry"},
		{[]string{"-instance", ""}, 2, "empty entry"},
		{[]string{"-demo", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-demo", "-region", "ap-southeast-1"}, 2, "-region does not go with -demo"},
		{[]string{"-region", "Mars 1"}, 2, `cannot use -region "Mars 1": not a region ID`},
		{[]string{"-demo", "-since", "2025-06-11", "-until", "2025-06-10"}, 2, "-since 2025-06-11 is after -until 2025-06-10"},
		{[]string{"-demo", "-timeout", "-1s"}, 2, "invalid -timeout -1s"},
		{[]string{"-demo", "-timeout", "5"}, 2, `invalid value "5" for flag -timeout: want a duration such as 90s`},
		{[]string{"-endpoint", "ftp://example.com"}, 2, "-endpoint \"ftp://example.com\": Config.Endpoint"},
		{[]string{"-endpoint", "example.com/path"}, 2, "want host[:port]"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			clitest.CheckUsageError(t, clitest.Run(t, run, tt.args...), "list-backups", tt.msg)
		})
	}
	clitest.CheckHelp(t, clitest.Run(t, run, "-h"), "list-backups")
}

func TestNoCredentials(t *testing.T) {
	clitest.NoCredentials(t)
	// A closed loopback port: nothing could leave this machine even if
	// credentials were found.
	r := clitest.Run(t, run, "-endpoint", "http://127.0.0.1:1")
	if r.Code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.Code, r.Stderr)
	}
	for _, want := range []string{"no usable credentials", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "-demo"} {
		if !strings.Contains(r.Stderr, want) {
			t.Errorf("stderr does not mention %s:\n%s", want, r.Stderr)
		}
	}
}

// TestBinary runs the command as a user would: built, with a pipe for
// stdout and stderr.
func TestBinary(t *testing.T) {
	bin := clitest.Build(t)
	clitest.CheckHelp(t, clitest.Exec(t, bin, "-h"), "list-backups")
	clitest.CheckUsageError(t, clitest.Exec(t, bin, "-bogus"), "list-backups", "flag provided but not defined: -bogus")
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

// backups returns n backups with distinct IDs, Created, on one service
// instance: data a test seeds into its own fake.
func backups(n int) []*models.Backup {
	bs := make([]*models.Backup, n)
	for i := range bs {
		bs[i] = new(models.Backup).SetBackupId(fmt.Sprintf("backup-%020x", i+1)).SetServiceInstanceId("si-00000000000000000001").
			SetStatus(models.BackupStatusCreated).SetBackupMode(models.BackupModeManual).
			SetStartTime("2025-06-01T08:00:00Z").SetEndTime("2025-06-01T08:10:00+08:00")
	}
	return bs
}

// terminalControls reports the first rune in s that would drive a
// terminal: a C0 or C1 control other than newline, DEL, or a bidi control.
func terminalControls(s string) (rune, bool) {
	for _, r := range s {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) || r == 0x061c || r == 0x200e || r == 0x200f ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return r, true
		}
	}
	return 0, false
}

// TestServiceTextCannotDriveTheTerminal seeds a fake with values holding
// ANSI escape sequences, C1 controls and bidi overrides: the table shows
// them escaped (and cut to their column's width, as any value wider than
// the API's), -json keeps them exact (as JSON escapes), and an error line
// built from the service's text escapes them too.
func TestServiceTextCannotDriveTheTerminal(t *testing.T) {
	srv, conn := clitest.Fake(t)
	evil := backups(2)
	evil[0].SetStatusDetail("\x1b[31mred \x1b]0;t\x07\u009b2J")
	evil[1].SetBackupId("backup-\u202etxt.exe").SetStatus("Created\x1b[8m").SetBackupMode("\u2066M\u2069\r\b")
	srv.Backups().Add(evil...)

	r := clitest.Run(t, run, conn...)
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	if c, ok := terminalControls(r.Stdout + r.Stderr); ok {
		t.Errorf("output holds %U:\n%q", c, r.Stdout)
	}
	_, rows := clitest.Table(t, r.Stdout)
	if got, want := rows[0][7], `\x1b[31mred \x1b]0;t\x07\u009b2J`; got != want {
		t.Errorf("detail cell %q, want %q", got, want)
	}
	if got, want := rows[1][:4], []string{`backup-\u202etxt.exe`, "si-00000000000000000001", `Created\x1b…`, `\u2066M\…`}; !slices.Equal(got, want) {
		t.Errorf("cells %q, want %q", got, want)
	}

	r = clitest.Run(t, run, append(conn, "-json")...)
	if c, ok := terminalControls(r.Stdout); ok || r.Code != 0 {
		t.Errorf("exit %d; -json holds %U:\n%q", r.Code, c, r.Stdout)
	}
	if got := clitest.JSONLines[models.Backup](t, r.Stdout); !reflect.DeepEqual(got, evil) {
		t.Errorf("-json does not give the values exactly:\n%q", r.Stdout)
	}
}

// TestErrorLineFromServiceText: a service (or proxy) error message with
// escape codes and newlines is printed as one escaped line.
func TestErrorLineFromServiceText(t *testing.T) {
	clitest.NoCredentials(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tExample")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "example")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"RequestId":"req-1","Code":"Forbidden.RAM","Message":"denied\n\u001b[2J\u001b[1;1Hall good\u202e"}`)
	}))
	defer srv.Close()
	r := clitest.Run(t, run, "-endpoint", srv.URL)
	line := clitest.CheckErrorLine(t, r, 1, "list-backups", "Forbidden.RAM", `denied\n\x1b[2J\x1b[1;1Hall good\u202e`)
	if c, ok := terminalControls(r.Stderr); ok || strings.Count(r.Stderr, "\n") != 1 || strings.Contains(line, "computenest: ") {
		t.Errorf("stderr %q (%U)", r.Stderr, c)
	}
}

// TestTableStreamsThenReportsAFailedPage: with a repeated NextToken at page
// 2, the table shows page 1's rows, then the command says why it stopped.
func TestTableStreamsThenReportsAFailedPage(t *testing.T) {
	tests := []struct {
		fault computenesttest.Fault
		rows  int
		want  []string
	}{
		{computenesttest.Fault{Kind: computenesttest.FaultRepeatNextToken}, 100,
			[]string{"listing stopped after 100 backups", "answer to page 2 would have listed the same backups again", "(RepeatedToken)", "-page-size"}},
		{computenesttest.Fault{Kind: computenesttest.FaultEmptyPageWithToken, Times: 100}, 100,
			[]string{"listing stopped after 100 backups", "(EmptyPages)", "-page-size"}},
		{computenesttest.Fault{Kind: computenesttest.FaultRestartListing}, 200,
			[]string{"listing stopped after 200 backups", "(RestartedListing)", "-page-size"}},
	}
	for _, tt := range tests {
		t.Run(tt.fault.Kind.String(), func(t *testing.T) {
			srv, conn := clitest.Fake(t)
			srv.Backups().Add(backups(350)...)
			// Faults hit the next requests; a FaultDelay of 0 answers normally.
			switch tt.fault.Kind {
			case computenesttest.FaultEmptyPageWithToken:
				srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay}) // page 1 as it is
			case computenesttest.FaultRestartListing:
				// On page 3: the paginator recognizes a restart from there on.
				srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Times: 2})
			}
			srv.InjectFault(tt.fault)
			r := clitest.Run(t, run, append(conn, "-page-size", "100")...)
			_, rows := clitest.Table(t, r.Stdout)
			if len(rows) != tt.rows {
				t.Errorf("%d rows printed, want the %d fetched before the fault", len(rows), tt.rows)
			}
			line := clitest.CheckErrorLine(t, r, 1, "list-backups", tt.want...)
			for _, goSpeak := range []string{"computenest:", "PaginatorOptions", "NextToken"} {
				if strings.Contains(line, goSpeak) {
					t.Errorf("error line speaks Go (%s): %q", goSpeak, line)
				}
			}
		})
	}
}

// firstWrite is a stdout that records, at its first write, how many
// requests the fake had received.
type firstWrite struct {
	srv      *computenesttest.Server
	requests int
	bytes.Buffer
}

func (w *firstWrite) Write(p []byte) (int, error) {
	if w.Len() == 0 {
		w.requests = len(w.srv.Requests())
	}
	return w.Buffer.Write(p)
}

// TestFirstRowDoesNotWaitForTheLast: the first rows are written while most
// of the listing is still to be fetched.
func TestFirstRowDoesNotWaitForTheLast(t *testing.T) {
	srv, conn := clitest.Fake(t)
	srv.Backups().Add(backups(300)...)
	out := &firstWrite{srv: srv}
	var stderr bytes.Buffer
	if code := run(context.Background(), append(conn, "-page-size", "10"), out, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	if pages := len(srv.Requests()); pages != 30 || out.requests >= pages {
		t.Errorf("first row written after %d of %d pages", out.requests, pages)
	}
	if _, rows := clitest.Table(t, out.String()); len(rows) != 300 {
		t.Errorf("%d rows", len(rows))
	}
}

// TestWideTextIsAlignedAndCut: CJK text takes two columns per character;
// the columns after it stay aligned, a value wider than its column is cut
// with "…", and the last column (DETAIL) and -json are whole.
func TestWideTextIsAlignedAndCut(t *testing.T) {
	srv, conn := clitest.Fake(t)
	bs := backups(3)
	bs[0].SetBackupMode("手动备份")                                                  // 8 columns: cut to the 9 of MODE
	bs[1].SetBackupMode("Manual").SetStatusDetail(strings.Repeat("磁盘快照配额已满", 6)) // 96 columns
	bs[2].SetBackupMode("Ｆｕｌｌ").SetStatusDetail(strings.Repeat("x", 100))        // 8 columns: fits
	srv.Backups().Add(bs...)

	r := clitest.Run(t, run, conn...)
	if r.Code != 0 {
		t.Fatalf("exit %d\n%s", r.Code, r.Stderr)
	}
	lines := clitest.Lines(r.Stdout)
	start := clitest.Column(lines[0], strings.Index(lines[0], "START"))
	for _, line := range lines[1:] {
		if col := clitest.Column(line, strings.Index(line, "2025-06-01T08:00:00Z")); col != start {
			t.Errorf("START at column %d, header's at %d:\n%s", col, start, r.Stdout)
		}
	}
	_, rows := clitest.Table(t, r.Stdout)
	for i, want := range []string{"手动备份", "Manual", "Ｆｕｌｌ"} {
		if rows[i][3] != want {
			t.Errorf("row %d: mode %q, want %q", i+1, rows[i][3], want)
		}
	}
	for i, want := range []string{"-", strings.Repeat("磁盘快照配额已满", 6), strings.Repeat("x", 100)} {
		if rows[i][7] != want {
			t.Errorf("row %d: detail %q, want %q", i+1, rows[i][7], want)
		}
	}

	r = clitest.Run(t, run, append(conn, "-json")...)
	if got := clitest.JSONLines[models.Backup](t, r.Stdout); !reflect.DeepEqual(got, bs) {
		t.Errorf("-json does not give the whole values:\n%s", r.Stdout)
	}
}

// TestTimeout: -timeout bounds the whole listing; when it fires, what was
// fetched stands and the message names the flag.
func TestTimeout(t *testing.T) {
	srv, conn := clitest.Fake(t)
	srv.Backups().Add(backups(150)...)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay})                     // page 1 at once
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: time.Minute}) // page 2: a silent server
	r := clitest.Run(t, run, append(conn, "-page-size", "100", "-timeout", "300ms")...)
	if _, rows := clitest.Table(t, r.Stdout); len(rows) != 100 {
		t.Errorf("%d rows", len(rows))
	}
	clitest.CheckErrorLine(t, r, 1, "list-backups", "gave up after -timeout 300ms with 100 backups listed", "give it longer with -timeout")
}

// The help's examples and dates work with today's demo data.
func TestHelpWorksWithDemo(t *testing.T) {
	clitest.CheckHelpWorksWithDemo(t, run, "list-backups")
}

// An endpoint that serves plain HTTP, given without http:// (so the client
// speaks HTTPS to it), is told with the -endpoint to give instead.
func TestPlainHTTPEndpointWithoutPrefix(t *testing.T) {
	srv, _ := clitest.Fake(t)
	r := clitest.Run(t, run, "-endpoint", srv.Endpoint())
	clitest.CheckErrorLine(t, r, 1, "list-backups", "answered in plain HTTP, not HTTPS", "-endpoint "+srv.URL())
}
