package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"net"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

func TestParseTimeArg(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in       string
		endOfDay bool
		want     time.Time
		err      string
	}{
		{in: "2025-06-01T08:00:00Z", want: time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)},
		{in: "2025-06-01T08:00:00+08:00", want: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
		{in: "2025-06-01", want: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
		{in: "2025-06-01", endOfDay: true, want: time.Date(2025, 6, 1, 23, 59, 59, 0, time.UTC)},
		{in: "90m", want: now.Add(-90 * time.Minute)},
		{in: "72h", want: now.Add(-72 * time.Hour)},
		{in: "7d", want: now.Add(-7 * 24 * time.Hour)},
		{in: " 7d ", want: now.Add(-7 * 24 * time.Hour)},
		{in: "0d", err: "whole, positive number of days"},
		{in: "1.5d", err: "whole, positive number of days"},
		{in: "-3h", err: "must be positive"},
		{in: "yesterday", err: "want RFC 3339 (2026-03-09T08:00:00Z), a date (2026-03-09) or a duration ago (72h, 7d)"},
		{in: "2025-06-01 08:00:00", err: "want RFC 3339"},
		{in: "", err: "want RFC 3339"},
	}
	for _, tt := range tests {
		got, err := ParseTimeArg(tt.in, now, tt.endOfDay)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err = %v, want %q", tt.in, err, tt.err)
			}
		case err != nil || !got.Equal(tt.want):
			t.Errorf("%q (endOfDay %v) = %v, %v; want %v", tt.in, tt.endOfDay, got, err, tt.want)
		}
	}
}

func newTestCommand(stderr io.Writer) (*Command, *ConnFlags, *ListFlags) {
	return newTestCommandOut(io.Discard, stderr)
}

func newTestCommandOut(stdout, stderr io.Writer) (*Command, *ConnFlags, *ListFlags) {
	cmd := NewCommand("test-cmd", "[flags]", "Description.", "  test-cmd -demo", stdout, stderr)
	var conn ConnFlags
	var list ListFlags
	conn.Register(cmd.Flags)
	list.Register(cmd.Flags, "backups", Names(models.BackupStatuses()))
	return cmd, &conn, &list
}

func TestQuery(t *testing.T) {
	var stderr bytes.Buffer
	cmd, _, list := newTestCommand(&stderr)
	list.Since.Now = func() time.Time { return time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC) }
	err := cmd.Parse([]string{"-page-size", "7", "-instance", "si-1, si-2", "-instance", "si-3",
		"-status", "created,DELETEFAILED", "-status", "Archived", "-since", "2d", "-until", "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	q, err := list.Query(cmd)
	if err != nil {
		t.Fatal(err)
	}
	req := Request(q, new(models.ListBackupsRequest))
	var got []string
	for _, f := range req.Filter {
		got = append(got, f.GetName()+"="+strings.Join(f.GetValue(), ","))
	}
	want := []string{
		"ServiceInstanceId=si-1,si-2,si-3",
		"Status=Created,DeleteFailed,Archived",
		"StartTime=2026-01-08T00:00:00Z",
		"EndTime=2026-12-31T23:59:59Z",
	}
	if req.GetMaxResults() != 7 || !slices.Equal(got, want) {
		t.Errorf("page size %d, filters %q\nwant 7, %q", req.GetMaxResults(), got, want)
	}
	if w := stderr.String(); !strings.Contains(w, `test-cmd: warning: -status "Archived" is not a documented status of backups`) ||
		strings.Count(w, "warning") != 1 {
		t.Errorf("warnings: %q", w)
	}
	if err := req.Validate(); err != nil {
		t.Errorf("the query's request is invalid: %v", err)
	}
}

func TestRequestError(t *testing.T) {
	err := RequestError(new(models.ListBackupsRequest).SetMaxResults(0).Validate())
	var ue *UsageError
	if !errors.As(err, &ue) || ue.Msg != "invalid -page-size 0: must be between 1 and 100" {
		t.Errorf("MaxResults 0: %v", err)
	}
	nope := "Nope"
	err = RequestError(new(models.ListBackupsRequest).AddFilter(&models.BackupFilter{Name: &nope, Value: []string{"x"}}).Validate())
	if !errors.As(err, &ue) || !strings.Contains(ue.Msg, "Nope") {
		t.Errorf("bad filter: %v", err)
	}
	if RequestError(nil) != nil {
		t.Error("RequestError(nil) != nil")
	}
}

func TestParseEndpoint(t *testing.T) {
	tests := []struct{ in, host, protocol, err string }{
		{in: "127.0.0.1:8080", host: "127.0.0.1:8080", protocol: "https"},
		{in: "http://127.0.0.1:8080", host: "127.0.0.1:8080", protocol: "http"},
		{in: "HTTPS://computenest.cn-hangzhou.aliyuncs.com/", host: "computenest.cn-hangzhou.aliyuncs.com", protocol: "https"},
		{in: "ftp://x", err: "scheme"},
		{in: "http://", err: "want host[:port]"},
		{in: "x/y", err: "want host[:port]"},
		{in: "x?a=b", err: "want host[:port]"},
	}
	for _, tt := range tests {
		host, protocol, err := ParseEndpoint(tt.in)
		if tt.err != "" {
			var ue *UsageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err = %v, want a usage error with %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || host != tt.host || protocol != tt.protocol {
			t.Errorf("%q = %q, %q, %v", tt.in, host, protocol, err)
		}
	}
}

func TestExit(t *testing.T) {
	tests := []struct {
		err  error
		code int
		msg  string
	}{
		{nil, ExitOK, ""},
		{flag.ErrHelp, ExitOK, ""},
		{Usagef("bad %s", "flag"), ExitUsage, "test-cmd: bad flag. Run 'test-cmd -h' for help.\n"},
		{Usagef("two\nlines."), ExitUsage, "test-cmd: two lines. Run 'test-cmd -h' for help.\n"},
		{&ExitError{Code: 1}, 1, ""},
		{&ExitError{Code: 3, Msg: "told"}, 3, "test-cmd: told\n"},
		{fmt.Errorf("listing: %w", context.Canceled), ExitInterrupted, "test-cmd: interrupted\n"},
		{fmt.Errorf("write |1: %w", syscall.EPIPE), ExitOK, ""},
		{errors.New("boom"), ExitFailure, "test-cmd: boom\n"},
		{fmt.Errorf("computenest: ListBackups: %w", &net.OpError{Op: "dial", Err: &net.DNSError{Name: "computenest.xx-nowhere-1.aliyuncs.com", Err: "no such host", IsNotFound: true}}),
			ExitFailure, "test-cmd: cannot reach computenest.xx-nowhere-1.aliyuncs.com: no such host. Check -region, or give the service's address with -endpoint\n"},
		// One line, one program name, and nothing that drives the terminal.
		{fmt.Errorf("computenest: waiting: %w", errors.New("computenest: ListRestoreTasks: Forbidden\n\x1b[2J\u202egnp.exe")), ExitFailure,
			`test-cmd: waiting: ListRestoreTasks: Forbidden \x1b[2J\u202egnp.exe` + "\n"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		cmd, _, _ := newTestCommand(&stderr)
		if code := cmd.Exit(tt.err); code != tt.code || stderr.String() != tt.msg {
			t.Errorf("Exit(%v) = %d, printed %q; want %d, %q", tt.err, code, stderr.String(), tt.code, tt.msg)
		}
	}

	var stderr bytes.Buffer
	cmd, _, _ := newTestCommand(&stderr)
	err := fmt.Errorf("computenest: waiting: %w", &client.CredentialsError{Err: errors.New("chain empty")})
	if code := cmd.Exit(err); code != ExitFailure {
		t.Errorf("credentials: exit %d", code)
	}
	for _, want := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "-demo", "details: chain empty"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("credentials message lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	cmd, _, _ := newTestCommandOut(&stdout, &stderr)
	if err := cmd.Parse([]string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("-h: %v", err)
	}
	if stderr.Len() != 0 {
		t.Errorf("-h printed %q on stderr; the help goes to stdout", stderr.String())
	}
	help := stdout.String()
	err := cmd.Parse([]string{"-nope"})
	if err == nil || !errors.As(err, new(*UsageError)) {
		t.Errorf("-nope: %v", err)
	}
	if stderr.Len() != 0 {
		t.Errorf("Parse printed %q; Exit reports", stderr.String())
	}
	cmd.Exit(err)
	if got := stderr.String(); got != "test-cmd: flag provided but not defined: -nope. Run 'test-cmd -h' for help.\n" {
		t.Errorf("-nope printed %q", got)
	}
	for _, want := range []string{"Usage: test-cmd [flags]\n\nDescription.\n\nFlags:\n", "-demo", "-since time", "-until time",
		"-page-size n", "Created, CreateFailed", "Examples:\n  test-cmd -demo\n"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
}

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	if NewProgress(&buf) != nil {
		t.Error("a progress line on a bytes.Buffer")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if NewProgress(w) != nil || IsTerminal(w) {
		t.Error("a pipe is taken for a terminal")
	}
	var nilP *Progress
	nilP.Show("x")
	nilP.Clear()
	nilP.Done()

	p := NewProgressTo(&buf)
	p.Done() // nothing drawn yet: no newline
	p.Show("page %d: %d/%d backups", 1, 50, 137)
	p.Show("page 2")
	p.Clear()
	p.Show("page 3: 137/137 backups")
	p.Show("%s", "中文\x1b[2J")
	p.Done()
	want := "\rpage 1: 50/137 backups" + "\rpage 2" + strings.Repeat(" ", 16) + "\r      \r" + "\rpage 3: 137/137 backups" +
		"\r中文" + `\x1b[2J` + strings.Repeat(" ", 23-11) + "\n" // 中文 takes 4 columns
	if buf.String() != want {
		t.Errorf("drew %q\nwant %q", buf.String(), want)
	}
}

type testPage struct {
	items []*models.Backup
	total int32
}

func (p testPage) GetTotalCount() int32 { return p.total }

func testPages(fail error, pages ...[]string) iter.Seq2[testPage, error] {
	total := 0
	for _, p := range pages {
		total += len(p)
	}
	return func(yield func(testPage, error) bool) {
		for _, ids := range pages {
			var p testPage
			p.total = int32(total)
			for _, id := range ids {
				p.items = append(p.items, new(models.Backup).SetBackupId(id).SetStatus(models.BackupStatusCreated).
					SetStartTime("2025-06-01T08:00:00+08:00").SetStatusDetail(" two\twords \n"))
			}
			if !yield(p, nil) {
				return
			}
		}
		if fail != nil {
			yield(testPage{}, fail)
		}
	}
}

var testColumns = Columns[models.Backup]{
	Header: []string{"ID", "STATUS", "START", "END", "DETAIL"},
	Row: func(b *models.Backup) []string {
		return []string{Cell(b.GetBackupId()), Cell(string(b.GetStatus())), TimeCell(b.GetStartTime()), TimeCell(b.GetEndTime()), Cell(b.GetStatusDetail())}
	},
}

func items(p testPage) []*models.Backup { return p.items }

func TestListTable(t *testing.T) {
	var out, progress bytes.Buffer
	cols := testColumns
	cols.MinWidths = []int{4}
	n, err := List(Output{W: &out, Progress: NewProgressTo(&progress), Noun: "backups"},
		testPages(nil, []string{"b-1", "b-22"}, []string{"b-333", "b-4444"}), items, cols)
	if err != nil || n != 4 {
		t.Fatalf("n = %d, err = %v", n, err)
	}
	// The widths are decided on the first page (and MinWidths): a wider
	// cell on a later page is cut to them.
	want := "" +
		"ID    STATUS   START                 END  DETAIL\n" +
		"b-1   Created  2025-06-01T00:00:00Z  -    two words\n" +
		"b-22  Created  2025-06-01T00:00:00Z  -    two words\n" +
		"b-3…  Created  2025-06-01T00:00:00Z  -    two words\n" +
		"b-4…  Created  2025-06-01T00:00:00Z  -    two words\n"
	if out.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", out.String(), want)
	}
	// The progress line is cleared before each page's rows.
	if want := "\rpage 1: 2/4 backups\r                   \r\rpage 2: 4/4 backups\n"; progress.String() != want {
		t.Errorf("progress %q, want %q", progress.String(), want)
	}
}

// pipeWriter is an io.Writer whose writes a test receives one by one.
type pipeWriter chan string

func (w pipeWriter) Write(p []byte) (int, error) { w <- string(p); return len(p), nil }

// TestListTableStreams checks that each page's rows are written before the
// next page is asked for, and that a failing page leaves the rows before it.
func TestListTableStreams(t *testing.T) {
	boom := errors.New("boom")
	w := make(pipeWriter, 10)
	pages := func(yield func(testPage, error) bool) {
		for i, id := range []string{"b-1", "b-2"} {
			if !yield(testPage{items: []*models.Backup{new(models.Backup).SetBackupId(id)}, total: 5}, nil) {
				return
			}
			select {
			case got := <-w:
				if !strings.Contains(got, id) {
					t.Errorf("page %d: wrote %q", i+1, got)
				}
			default:
				t.Errorf("page %d: nothing written before the next page was asked for", i+1)
			}
		}
		yield(testPage{}, boom)
	}
	n, err := List(Output{W: w}, pages, items, testColumns)
	if !errors.Is(err, boom) || n != 2 {
		t.Errorf("n = %d, err = %v", n, err)
	}
}

func TestListEmpty(t *testing.T) {
	var out bytes.Buffer
	if n, err := List(Output{W: &out}, testPages(nil), items, testColumns); n != 0 || err != nil || out.Len() != 0 {
		t.Errorf("empty listing: %d, %v, %q", n, err, out.String())
	}
	// An empty first page does not decide the widths.
	n, err := List(Output{W: &out}, testPages(nil, nil, []string{"b-1"}), items, testColumns)
	if n != 1 || err != nil || !strings.HasPrefix(out.String(), "ID   STATUS") {
		t.Errorf("%d, %v, %q", n, err, out.String())
	}
}

func TestListJSONStreamsAndStopsAtAnError(t *testing.T) {
	var out, progress bytes.Buffer
	boom := errors.New("boom")
	n, err := List(Output{W: &out, JSON: true, Progress: NewProgressTo(&progress), Noun: "backups"},
		testPages(boom, []string{"b-1"}, []string{"b-2"}), items, testColumns)
	if !errors.Is(err, boom) || n != 2 {
		t.Fatalf("n = %d, err = %v", n, err)
	}
	want := `{"BackupId":"b-1","StartTime":"2025-06-01T08:00:00+08:00","Status":"Created","StatusDetail":" two\twords \n"}` + "\n" +
		`{"BackupId":"b-2","StartTime":"2025-06-01T08:00:00+08:00","Status":"Created","StatusDetail":" two\twords \n"}` + "\n"
	if out.String() != want {
		t.Errorf("JSON lines:\n%s\nwant:\n%s", out.String(), want)
	}
	// The progress line is cleared before each page's lines and ended on the error.
	if want := "\rpage 1: 1/2 backups\r                   \r\rpage 2: 2/2 backups\n"; progress.String() != want {
		t.Errorf("progress %q\nwant     %q", progress.String(), want)
	}
}
