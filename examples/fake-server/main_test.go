package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/examples/internal/clitest"
	"github.com/computenest-sdk/computenest-go/models"
)

// readBanner reads the server's banner up to "Press Ctrl-C" and returns its
// "name: value" lines; the rest of out is drained in the background.
func readBanner(t *testing.T, out io.Reader) map[string]string {
	t.Helper()
	fields := map[string]string{}
	sc := bufio.NewScanner(out)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "Press Ctrl-C") {
				return
			}
			if k, v, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(line, " ") {
				fields[k] = v
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("no banner from the server")
	}
	go io.Copy(io.Discard, out)
	return fields
}

// clientFor builds an SDK client from the banner, as a user would.
func clientFor(t *testing.T, banner map[string]string) *client.Client {
	t.Helper()
	for _, k := range []string{"endpoint", "protocol", "access-key-id", "access-key-secret"} {
		if banner[k] == "" {
			t.Fatalf("banner has no %s: %v", k, banner)
		}
	}
	c, err := client.NewClient(&client.Config{
		Endpoint: banner["endpoint"], Protocol: banner["protocol"],
		AccessKeyId: banner["access-key-id"], AccessKeySecret: banner["access-key-secret"],
		Retry: client.NoRetries(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func listAll(t *testing.T, c *client.Client) []*models.Backup {
	t.Helper()
	var all []*models.Backup
	req := new(models.ListBackupsRequest).SetMaxResults(7)
	for {
		resp, err := c.ListBackups(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, resp.GetBackups()...)
		if resp.GetNextToken() == "" {
			return all
		}
		req.SetNextToken(resp.GetNextToken())
	}
}

// isDemoData reports whether backups are the demo backups of seed and
// counts that a server started between before and after serves: dated from
// the day of one of them.
func isDemoData(backups []*models.Backup, seed int64, nBackups, nTasks int, before, after time.Time) bool {
	for _, now := range []time.Time{before, after} {
		if want, _ := computenesttest.DemoData(seed, nBackups, nTasks, now); reflect.DeepEqual(backups, want) {
			return true
		}
	}
	return false
}

func TestRunServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr strings.Builder
	errc := make(chan int, 1)
	before := time.Now()
	go func() {
		errc <- run(ctx, []string{"-addr", "127.0.0.1:0", "-access-key-id", "LTAIdemo", "-access-key-secret", "demo-secret",
			"-backups", "30", "-restore-tasks", "7", "-seed", "5"}, pw, &stderr)
		pw.Close()
	}()
	banner := readBanner(t, pr)
	started := time.Now()
	if banner["access-key-id"] != "LTAIdemo" || banner["access-key-secret"] != "demo-secret" || banner["protocol"] != "http" ||
		banner["data"] != "30 backups, 7 restore tasks (seed 5)" {
		t.Errorf("banner = %v", banner)
	}
	c := clientFor(t, banner)
	// The server dated its data from its clock when it started, between
	// before and started, so from the day of one of them.
	if got := listAll(t, c); !isDemoData(got, 5, 30, 7, before, started) {
		t.Errorf("listed %d backups, not the demo data of seed 5", len(got))
	}
	tasks, err := c.ListRestoreTasks(context.Background(), nil)
	if err != nil || tasks.GetTotalCount() != 7 {
		t.Fatalf("ListRestoreTasks: %v %v", tasks, err)
	}
	// Its admin API answers plain HTTP on the same port.
	resp, err := http.Post(banner["url"]+"/_fake/backups", "application/json", strings.NewReader(`{"BackupId":"added-by-admin"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("admin API: %v %v", resp, err)
	}
	resp.Body.Close()
	if got := listAll(t, c); len(got) != 31 || got[30].GetBackupId() != "added-by-admin" {
		t.Errorf("after seeding through the admin API: %d backups", len(got))
	}
	// It is strict: another key is refused.
	bad, _ := client.NewClient(&client.Config{Endpoint: banner["endpoint"], Protocol: "http", AccessKeyId: "LTAIdemo",
		AccessKeySecret: "wrong", Retry: client.NoRetries()})
	if _, err := bad.ListBackups(context.Background(), nil); !strings.Contains(err.Error(), "SignatureDoesNotMatch") {
		t.Errorf("wrong secret: %v", err)
	}

	cancel()
	select {
	case code := <-errc:
		if code != 0 || strings.Contains(stderr.String(), "interrupted") {
			t.Fatalf("run = %d after a clean stop; stderr %q", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after its context ended")
	}
	if _, err := net.DialTimeout("tcp", banner["endpoint"], time.Second); err == nil {
		t.Error("still listening after stopping")
	}
}

func TestRunMakesUpCredentials(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	errc := make(chan int, 1)
	before := time.Now()
	go func() { errc <- run(ctx, []string{"-addr", "127.0.0.1:0"}, pw, io.Discard); pw.Close() }()
	banner := readBanner(t, pr)
	if !strings.HasPrefix(banner["access-key-id"], "LTAI") || len(banner["access-key-secret"]) < 10 {
		t.Errorf("made-up credentials: %v", banner)
	}
	// By default it serves the one demo set, the examples' -demo data.
	if banner["data"] != fmt.Sprintf("%d backups, %d restore tasks (seed %d)",
		computenesttest.DemoBackupCount, computenesttest.DemoRestoreTaskCount, computenesttest.DemoSeed) {
		t.Errorf("default data: %q", banner["data"])
	}
	if got := listAll(t, clientFor(t, banner)); !isDemoData(got, computenesttest.DemoSeed,
		computenesttest.DemoBackupCount, computenesttest.DemoRestoreTaskCount, before, time.Now()) {
		t.Errorf("default data: %d backups, not the %d of -demo", len(got), computenesttest.DemoBackupCount)
	}
	cancel()
	if code := <-errc; code != 0 {
		t.Fatalf("run = %d", code)
	}
}

func TestRunRejectsBadUsage(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-h"}, 0, "offline fake of Alibaba Cloud Compute Nest"},
		{[]string{"-nope"}, 2, "flag provided but not defined"},
		{[]string{"-backups", "many"}, 2, "invalid value"},
		{[]string{"-backups", "-3"}, 2, "must not be negative"},
		{[]string{"-access-key-id", "x"}, 2, "go together"},
		{[]string{"extra"}, 2, "unexpected argument"},
		{[]string{"-addr", busy.Addr().String()}, 1, "address already in use; try -addr 127.0.0.1:0 for a free port"},
	}
	for _, tt := range tests {
		var stdout, stderr strings.Builder
		code := run(context.Background(), tt.args, &stdout, &stderr)
		// -h prints the whole help on stdout, as the other examples do,
		// so that "fake-server -h | less" works; a mistake gets one line
		// and a pointer to -h on stderr, and nothing on stdout.
		out, other := &stderr, &stdout
		if tt.code == 0 {
			out, other = &stdout, &stderr
		}
		if code != tt.code || !strings.Contains(out.String(), tt.msg) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d mentioning %q", tt.args, code, stdout.String(), stderr.String(), tt.code, tt.msg)
		}
		if full := strings.Contains(out.String(), "Flags:"); full != (tt.code == 0) {
			t.Errorf("%v: full help printed: %v; %q", tt.args, full, out.String())
		}
		if tt.code == 1 && strings.Count(strings.TrimSpace(stderr.String()), "\n") != 0 {
			t.Errorf("%v: more than one line on stderr: %q", tt.args, stderr.String())
		}
		if tt.code == 2 && !strings.Contains(stderr.String(), "Run 'fake-server -h' for help.") {
			t.Errorf("%v: no pointer to -h in %q", tt.args, stderr.String())
		}
		if other.Len() > 0 {
			t.Errorf("%v: wrote %q on the other stream", tt.args, other.String())
		}
	}
}

func startBinary(t *testing.T, bin string, args ...string) (*exec.Cmd, io.Reader) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, out
}

// stopWith sends sig and returns how the process ended; it fails the test
// if the process is still running 10 seconds later.
func stopWith(t *testing.T, cmd *exec.Cmd, sig os.Signal) error {
	t.Helper()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err := <-waited:
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("the server did not stop on %v", sig)
		return nil
	}
}

// TestBinaryStopsOnSignal builds the command, starts it, queries it, and
// stops it with SIGINT as Ctrl-C would.
func TestBinaryStopsOnSignal(t *testing.T) {
	cmd, out := startBinary(t, clitest.Build(t), "-addr", "127.0.0.1:0", "-backups", "12", "-restore-tasks", "3")
	banner := readBanner(t, out)
	if got := listAll(t, clientFor(t, banner)); len(got) != 12 {
		t.Errorf("%d backups, want 12", len(got))
	}
	if err := stopWith(t, cmd, syscall.SIGINT); err != nil {
		t.Fatalf("exit after SIGINT: %v", err)
	}
}

// TestBannerCommandsWork pastes the banner's commands for this SDK's
// list-backups example, as a user would: exports and the command line.
func TestBannerCommandsWork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	errc := make(chan int, 1)
	lines := make(chan string, 100)
	go func() {
		errc <- run(ctx, []string{"-addr", "127.0.0.1:0", "-backups", "25", "-restore-tasks", "4"}, pw, io.Discard)
		pw.Close()
	}()
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	env := os.Environ()
	var command []string
	for line := range lines {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "export "); ok {
			env = append(env, v)
		}
		if strings.HasPrefix(line, "go run ./examples/list-backups ") {
			command = strings.Fields(line)[3:]
		}
		if strings.HasPrefix(line, "Press Ctrl-C") {
			break
		}
	}
	go func() {
		for range lines {
		}
	}()
	if len(command) == 0 || !slices.Contains(command, "-endpoint") {
		t.Fatalf("no list-backups command in the banner")
	}
	bin := filepath.Join(t.TempDir(), "list-backups")
	if out, err := exec.Command("go", "build", "-o", bin, "../list-backups").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, append(command, "-json")...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("list-backups %v: %v", command, err)
	}
	if n := strings.Count(string(out), "\n"); n != 25 {
		t.Errorf("the pasted command listed %d backups, want 25:\n%s", n, out)
	}
	cancel()
	<-errc
}

// TestBinaryStopsOnSignalAtOnce: a fake with ten million backups starts at
// once and stops promptly on SIGTERM, even sent right at the start.
func TestBinaryStopsOnSignalAtOnce(t *testing.T) {
	bin := clitest.Build(t)
	for _, early := range []bool{true, false} {
		cmd, out := startBinary(t, bin, "-addr", "127.0.0.1:0", "-backups", "10000000", "-restore-tasks", "1000000")
		if !early {
			if banner := readBanner(t, out); banner["data"] != "10000000 backups, 1000000 restore tasks (seed 1)" {
				t.Errorf("banner: %v", banner)
			}
		} else {
			go io.Copy(io.Discard, out)
		}
		err := stopWith(t, cmd, syscall.SIGTERM)
		var exit *exec.ExitError
		// Right at the start the signal may come before the command
		// handles it: then the runtime's default ends it, as promptly.
		if err != nil && !(early && errors.As(err, &exit) && !exit.Exited()) {
			t.Errorf("early %v: exit after SIGTERM: %v", early, err)
		}
	}
}

// TestRaceBinaryUnderAdminLoad builds the command with -race, hammers it
// with admin resets and listings of both actions for a second, and stops
// it with SIGTERM: it must exit 0 with no data race reported (issue 18:
// a reset refilled the demo data while a restore-task listing read it, and
// the race detector's exit status 66 replaced the clean 0).
func TestRaceBinaryUnderAdminLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "fake-server-race")
	if out, err := exec.Command("go", "build", "-race", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build -race: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-seed", "4")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	banner := readBanner(t, out)
	c := clientFor(t, banner)
	ctx := context.Background()
	deadline := time.Now().Add(1500 * time.Millisecond)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				resp, err := http.Post(banner["url"]+"/_fake/reset", "application/json", nil)
				if err != nil {
					t.Errorf("reset: %v", err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusNoContent {
					t.Errorf("reset: HTTP %d", resp.StatusCode)
					return
				}
			}
		})
		wg.Go(func() {
			for time.Now().Before(deadline) {
				if _, err := c.ListRestoreTasks(ctx, nil); err != nil {
					t.Errorf("ListRestoreTasks: %v", err)
					return
				}
				if _, err := c.ListBackups(ctx, nil); err != nil {
					t.Errorf("ListBackups: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	if err := stopWith(t, cmd, syscall.SIGTERM); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	if strings.Contains(stderr.String(), "DATA RACE") {
		t.Errorf("the race detector reported:\n%s", stderr.String())
	}
}
