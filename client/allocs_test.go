package client_test

import (
	"context"
	"testing"

	"github.com/computenest-sdk/computenest-go/models"
)

// TestCallAllocationBudget holds the fixed cost of a call, in allocations
// (deterministic, unlike time): a 1-item ListRestoreTasks answered from
// memory, everything of the SDK's own included (validating, signing,
// sending through net/http, decoding). It was 87 before the SDK sent
// through the RoundTripper itself, parsed the base URL once, shared the
// x-acs-date text within a second and built static credentials once
// (docs/PERFORMANCE.md); the bare net/http floor that reads the body whole
// is 64. It is 73 with Go 1.26; the budget leaves room for another
// toolchain's net/http, not for the 14 allocations saved.
func TestCallAllocationBudget(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not kept under the race detector")
	}
	const budget = 78
	p, _ := cpuPaths(t, mustJSON(t, benchRestoreTasks(1)))
	ctx := context.Background()
	req := new(models.ListRestoreTasksRequest).SetMaxResults(1)
	sdk := p.sdk
	got := testing.AllocsPerRun(200, func() {
		if _, err := sdk.ListRestoreTasks(ctx, req); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("%.0f allocations a call", got)
	if got > budget {
		t.Errorf("a 1-item call allocates %.0f times, budget %d", got, budget)
	}
}
