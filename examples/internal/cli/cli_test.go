package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

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
		{in: "50000d", want: now.AddDate(0, 0, -50000)},
		{in: "739683d", want: time.Date(1, 1, 2, 12, 0, 0, 0, time.UTC)},
		{in: "739684d", err: "at most 739683d (back to year 1)"},
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

func TestListFlags(t *testing.T) {
	var stderr bytes.Buffer
	cmd, _, list := newTestCommand(&stderr)
	list.Since.Now = func() time.Time { return time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC) }
	err := cmd.Parse([]string{"-page-size", "7", "-instance", "si-1, si-2", "-instance", "si-3",
		"-status", "created,DELETEFAILED", "-status", "Archived", "-since", "2d", "-until", "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if err := list.Check(cmd); err != nil {
		t.Fatal(err)
	}
	if list.PageSize != 7 || !slices.Equal(list.Instances, []string{"si-1", "si-2", "si-3"}) ||
		!slices.Equal(list.Statuses, []string{"Created", "DeleteFailed", "Archived"}) ||
		!list.Since.Time.Equal(time.Date(2026, 1, 8, 0, 0, 0, 0, time.UTC)) || !list.Until.Time.Equal(time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC)) {
		t.Errorf("flags %+v", list)
	}
	if w := stderr.String(); !strings.Contains(w, `test-cmd: warning: -status "Archived" is not a documented status of backups`) ||
		strings.Count(w, "warning") != 1 {
		t.Errorf("warnings: %q", w)
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
