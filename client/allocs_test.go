package client_test

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/models"
)

// allocBudgets is the allocation budget of a call per Go release line, each
// measured with that release: 73 with Go 1.26 (go1.26.8), plus room for a
// point release's net/http, not for the 14 allocations saved. It was 87
// before the SDK sent through the RoundTripper itself, parsed the base URL
// once, shared the x-acs-date text within a second and built static
// credentials once (docs/PERFORMANCE.md); the bare net/http floor that reads
// the body whole is 64.
//
// CI runs this test with the toolchain .ci/run pins (ALLOCS_GO), so a newer
// Go on the CI machine cannot turn it red by itself: moving the pin to a new
// release line means measuring it and adding its line here.
var allocBudgets = map[string]float64{"go1.26": 78}

// otherToolchainBudget applies under a release line not in allocBudgets: 20%
// over Go 1.26's count, room for another net/http that still catches a
// gross regression.
const otherToolchainBudget = 88

// TestCallAllocationBudget holds the fixed cost of a call, in allocations
// (deterministic, unlike time): a 1-item ListRestoreTasks answered from
// memory, everything of the SDK's own included (validating, signing,
// sending through net/http, decoding).
func TestCallAllocationBudget(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not kept under the race detector; CI runs this test without -race")
	}
	line := goReleaseLine(runtime.Version())
	budget, measured := allocBudgets[line]
	if !measured {
		budget = otherToolchainBudget
	}
	p, _ := cpuPaths(t, mustJSON(t, benchRestoreTasks(1)))
	ctx := context.Background()
	req := new(models.ListRestoreTasksRequest).SetMaxResults(1)
	sdk := p.sdk
	got := testing.AllocsPerRun(200, func() {
		if _, err := sdk.ListRestoreTasks(ctx, req); err != nil {
			t.Fatal(err)
		}
	})
	source := "measured with " + line
	if !measured {
		source = "none measured with " + line
	}
	t.Logf("%.0f allocations a call with %s (budget %.0f, %s)", got, runtime.Version(), budget, source)
	if got > budget {
		t.Errorf("a 1-item call allocates %.0f times with %s, budget %.0f", got, runtime.Version(), budget)
	}
}

// goReleaseLine returns the release line of a Go version: go1.26 of
// go1.26.8, go1.27 of go1.27rc1; a development build's version as it is.
func goReleaseLine(v string) string {
	rest, ok := strings.CutPrefix(v, "go1.")
	if !ok {
		return v
	}
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	return "go1." + rest[:n]
}
