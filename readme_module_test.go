package readme_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/computenesttest"
)

// moduleFileRE finds the blocks of README.md marked as files of a user's
// own module: <!-- readme-module: NAME --> right before a fenced block.
var moduleFileRE = regexp.MustCompile("(?s)<!-- readme-module: (\\S+) -->\\n```[a-z]*\\n(.*?)```")

// TestReadmeModuleFromClone follows the README as a newcomer would: the
// go.mod it gives (the SDK replaced by a clone) and the Quick start's
// main.go make a module of their own, outside this repository, which builds
// and lists the Created backups of a fake Compute Nest on loopback, given
// the fake's URL and keys as the README says. It is offline: GOPROXY=off,
// the dependencies come from the module cache, and go.sum starts as the
// SDK's own. Without the dependencies in the cache it skips, except under
// CI (CI=true), whose earlier steps download them.
func TestReadmeModuleFromClone(t *testing.T) {
	readme, root := readmeAndRoot(t, "builds a module")
	dir := t.TempDir()
	files := map[string]string{}
	for _, m := range moduleFileRE.FindAllStringSubmatch(string(readme), -1) {
		files[m[1]] = m[2]
	}
	gomod, main := files["go.mod"], files["main.go"]
	if !strings.Contains(gomod, "=> ../computenest-go\n") || !strings.HasPrefix(main, "package main") {
		t.Fatalf("README.md has no go.mod with a replace of ../computenest-go and main.go marked readme-module: %q", files)
	}
	// The README's clone is ../computenest-go; here it is this tree.
	gomod = strings.Replace(gomod, "=> ../computenest-go", "=> "+filepath.ToSlash(root), 1)
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"go.mod": []byte(gomod), "main.go": []byte(main), "go.sum": sum} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off")
	goCmd := func(args ...string) {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			if os.Getenv("CI") != "true" && bytes.Contains(out, []byte("module lookup disabled by GOPROXY=off")) {
				t.Skipf("the SDK's dependencies are not in the module cache (go mod download fetches them):\n%s", out)
			}
			t.Fatalf("go %s in a module made of the README: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	goCmd("mod", "tidy")
	bin := filepath.Join(dir, "myapp")
	goCmd("build", "-o", bin, ".")

	const id, secret = "LTAI5tReadmeNewcomer", "readme-newcomer-secret"
	srv := computenesttest.NewServer(computenesttest.WithAccessKey(id, secret),
		computenesttest.WithDemoData(computenesttest.DemoSeed, computenesttest.DemoBackupCount, computenesttest.DemoRestoreTaskCount))
	defer srv.Close()
	want := 0
	for _, b := range srv.Backups().All() {
		if b.GetStatus() == "Created" {
			want++
		}
	}
	home := t.TempDir()
	cmd := exec.Command(bin, srv.URL())
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true",
		"ALIBABA_CLOUD_ACCESS_KEY_ID=" + id, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + secret}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatalf("the README's program ran for a minute:\n%s%s", stdout.String(), stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if err != nil || want == 0 || len(lines) != want+1 || !strings.HasPrefix(lines[want], fmt.Sprint(want)+" backups Created") {
		t.Errorf("the README's program: %v; %d lines, want %d backups and a total\n%s%s", err, len(lines), want, stdout.String(), stderr.String())
	}
}
