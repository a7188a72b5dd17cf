// Package readme_test checks that every Go snippet in README.md compiles, so
// that a snippet cannot rot unnoticed.
package readme_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// A ```go block of README.md compiles as it is when it starts with
// "package". Otherwise it is placed in a small program, package main with the
// imports it uses: at the top level, or, when an HTML comment
//
//	<!-- snippet-wrapper:
//	func example(ctx context.Context, c *client.Client) error {
//		{{snippet}}
//		return nil
//	}
//	-->
//
// stands right before the block, in that wrapper, which declares what the
// snippet takes as given (a client, a request, a helper it calls).
var (
	blockRE   = regexp.MustCompile("(?s)(<!-- snippet-wrapper:\\n(.*?)-->\\n\\n?[ \\t]*)?```go\\n(.*?)```")
	importsOf = map[string]string{
		"context": "context", "errors": "errors", "fmt": "fmt", "log": "log", "slog": "log/slog",
		"time": "time", "testing": "testing", "http": "net/http", "os": "os",
		"client":          "github.com/computenest-sdk/computenest-go/client",
		"models":          "github.com/computenest-sdk/computenest-go/models",
		"computenesttest": "github.com/computenest-sdk/computenest-go/computenesttest",
	}
)

// program returns a compilable program holding the snippet.
func program(wrapper, snippet string) string {
	if strings.HasPrefix(snippet, "package ") {
		return snippet
	}
	body := snippet
	if wrapper != "" {
		body = strings.Replace(wrapper, "{{snippet}}", snippet, 1)
	}
	if !regexp.MustCompile(`(?m)^func main\(\)`).MatchString(body) {
		body += "\nfunc main() {}\n"
	}
	var imports []string
	for name, path := range importsOf {
		if regexp.MustCompile(`(^|[^\w.])` + name + `\.`).MatchString(body) {
			imports = append(imports, fmt.Sprintf("%q", path))
		}
	}
	sort.Strings(imports)
	return "package main\n\nimport (\n\t" + strings.Join(imports, "\n\t") + "\n)\n\n" + body
}

// readmeAndRoot returns README.md and the directory of this module; it
// skips the test in -short mode, for what builds.
func readmeAndRoot(t *testing.T, builds string) (readme []byte, root string) {
	t.Helper()
	if testing.Short() {
		t.Skip(builds)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	root, err = os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return readme, root
}

func TestReadmeSnippetsCompile(t *testing.T) {
	readme, root := readmeAndRoot(t, "builds a program per snippet")
	// The programs build inside this module, with its go.mod and module
	// cache, through an overlay: nothing is written into the tree and
	// nothing is downloaded.
	tmp := t.TempDir()
	overlay := map[string]map[string]string{"Replace": {}}
	var pkgs []string
	blocks := blockRE.FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 5 {
		t.Fatalf("found %d Go blocks in README.md", len(blocks))
	}
	for i, m := range blocks {
		src := program(m[2], m[3])
		file := filepath.Join(tmp, fmt.Sprintf("snippet%d.go", i+1))
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		dir := fmt.Sprintf("internal/readmesnippet/snippet%d", i+1)
		overlay["Replace"][filepath.Join(root, dir, "main.go")] = file
		pkgs = append(pkgs, "./"+dir)
	}
	js, _ := json.Marshal(overlay)
	overlayFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlayFile, js, 0o644); err != nil {
		t.Fatal(err)
	}
	// One go build for all: it compiles each and discards the results.
	out, err := exec.Command("go", append([]string{"build", "-overlay", overlayFile}, pkgs...)...).CombinedOutput()
	if err == nil {
		return
	}
	for i, m := range blocks {
		if name := fmt.Sprintf("snippet%d.go", i+1); strings.Contains(string(out), name) {
			t.Errorf("README.md's Go block %d (line %d) does not compile as %s:\n%s", i+1, lineOf(string(readme), m[3]), name, program(m[2], m[3]))
		}
	}
	t.Errorf("go build: %v\n%s", err, out)
}

// lineOf returns the line of README.md where the snippet starts.
func lineOf(readme, snippet string) int {
	return strings.Count(readme[:strings.Index(readme, snippet)], "\n") + 1
}
