// Package clitest holds what the example commands' tests share: running a
// command in-process or as a built binary, parsing its table and JSON-lines
// output, and an environment with no credentials at all.
package clitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

// Result is how a command ended and what it wrote.
type Result struct {
	// Code is the exit status.
	Code int
	// Stdout and Stderr are what the command wrote.
	Stdout, Stderr string
}

// RunFunc is the signature of the example commands' run functions.
type RunFunc func(ctx context.Context, args []string, stdout, stderr io.Writer) int

// Run runs a command in-process with args, with a piped (non-terminal)
// stdout and stderr.
func Run(t testing.TB, run RunFunc, args ...string) Result {
	t.Helper()
	return RunContext(t, context.Background(), run, args...)
}

// RunContext is Run with a context, which a test cancels to play Ctrl-C.
func RunContext(t testing.TB, ctx context.Context, run RunFunc, args ...string) Result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(ctx, args, &stdout, &stderr)
	return Result{Code: code, Stdout: stdout.String(), Stderr: stderr.String()}
}

var columnGap = regexp.MustCompile(`\s{2,}`)

// Table splits an aligned table, as the list commands print it, into its
// header and rows: cells are separated by two or more spaces, and every
// cell of every row has a value ("-" when empty).
func Table(t testing.TB, out string) (header []string, rows [][]string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatalf("no table in %q", out)
	}
	header = columnGap.Split(strings.TrimSpace(lines[0]), -1)
	for _, line := range lines[1:] {
		cells := columnGap.Split(strings.TrimSpace(line), -1)
		if len(cells) != len(header) {
			t.Fatalf("row has %d cells, header %d: %q", len(cells), len(header), line)
		}
		rows = append(rows, cells)
	}
	return header, rows
}

// JSONLines decodes output with one JSON object of type T per line.
func JSONLines[T any](t testing.TB, out string) []*T {
	t.Helper()
	var items []*T
	for i, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if line == "" && i == 0 {
			break
		}
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		item := new(T)
		if err := dec.Decode(item); err != nil {
			t.Fatalf("line %d is not one %T: %v\n%s", i+1, item, err, line)
		}
		items = append(items, item)
	}
	return items
}

// Fields parses "name: value" lines into a map.
func Fields(out string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m
}

// NoCredentials empties the environment the credentials-go default chain
// reads, so that it finds no credentials: no access key variables, no
// profile files, no OIDC, no credentials URI, and no ECS metadata lookup,
// which would otherwise try to reach 100.100.100.200.
func NoCredentials(t *testing.T) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(home, "none.json"))
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", filepath.Join(home, "none.ini"))
	for _, name := range []string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN",
		"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA",
		"ALIBABA_CLOUD_PROFILE",
	} {
		t.Setenv(name, "")
	}
}

// Build builds the main package in the current directory into a temporary
// binary and returns its path. It skips the test in -short mode.
func Build(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "cmd")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

// Exec runs a built binary with args, stdout and stderr piped.
func Exec(t *testing.T, bin string, args ...string) Result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", bin, err)
	}
	return Result{Code: code, Stdout: stdout.String(), Stderr: stderr.String()}
}

// Cell is what a table cell should show for s: s, or "-" when it is empty.
// It is written apart from cli.Cell on purpose, so the tests check the
// commands against an independent statement of the format.
func Cell(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// TimeCell is what a table cell should show for the API time s: the
// instant in UTC as RFC 3339, or "-" when s is empty. It panics on a
// malformed s, which the demo data never has.
func TimeCell(s string) string {
	if s == "" {
		return "-"
	}
	t, err := models.ParseTime(s)
	if err != nil {
		panic(err)
	}
	return t.UTC().Format(time.RFC3339)
}

// Width is the number of terminal columns s takes, for the text the tests
// use: two for a Hangul, CJK or fullwidth character, one for any other.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf, r >= 0xac00 && r <= 0xd7a3,
		r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6:
		return 2
	}
	return 1
}

// CheckHelp checks what -h should do: exit 0, the help on stdout starting
// with "Usage: <prog>", nothing on stderr.
func CheckHelp(t testing.TB, r Result, prog string) {
	t.Helper()
	if r.Code != 0 || !strings.HasPrefix(r.Stdout, "Usage: "+prog+" ") || r.Stderr != "" {
		t.Errorf("-h: exit %d, stdout %.60q..., stderr %q; want exit 0 and the help on stdout only", r.Code, r.Stdout, r.Stderr)
	}
}

// CheckUsageError checks what a mistake on the command line should do:
// exit 2, nothing on stdout, and on stderr one line that starts with the
// program's name, contains want, and points at -h.
func CheckUsageError(t testing.TB, r Result, prog, want string) {
	t.Helper()
	line, rest, _ := strings.Cut(r.Stderr, "\n")
	if r.Code != 2 || r.Stdout != "" || rest != "" || !strings.HasPrefix(line, prog+": ") ||
		!strings.Contains(line, want) || !strings.HasSuffix(line, "Run '"+prog+" -h' for help.") {
		t.Errorf("exit %d, stdout %q, stderr %q\nwant exit 2 and one line %q... mentioning %q and pointing at -h", r.Code, r.Stdout, r.Stderr, prog+": ", want)
	}
}

// CheckErrorLine checks how a command reports a failure at run time: exit
// code, and a last stderr line that starts with the program's name and
// contains each of want. It returns that line.
func CheckErrorLine(t testing.TB, r Result, code int, prog string, want ...string) string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(r.Stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	if r.Code != code || !strings.HasPrefix(last, prog+": ") {
		t.Errorf("exit %d, last stderr line %q; want exit %d and a line starting %q", r.Code, last, code, prog+": ")
	}
	for _, w := range want {
		if !strings.Contains(last, w) {
			t.Errorf("error line %q does not mention %q", last, w)
		}
	}
	return last
}

// Fake starts an empty computenesttest fake for a test, with the default
// credential chain of this process set to its keys (and nothing else), and
// returns it with the flag that points a command at it. The test seeds it,
// injects faults, then runs the command with append(args, ...).
func Fake(t *testing.T) (srv *computenesttest.Server, args []string) {
	t.Helper()
	NoCredentials(t)
	const id, secret = "LTAI5tFakeForExamples", "fake-secret-for-the-examples-tests"
	srv = computenesttest.NewServer(computenesttest.WithAccessKey(id, secret))
	t.Cleanup(srv.Close)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", id)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
	return srv, []string{"-endpoint", srv.URL()}
}

// Lines splits output into lines, without the last newline.
func Lines(out string) []string {
	if out == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// Column returns the terminal column at which the cell that starts at byte
// i of line starts.
func Column(line string, i int) int { return Width(line[:i]) }
