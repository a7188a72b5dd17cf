package client_test

import (
	"context"
	"slices"
	"testing"
	"time"
)

// BenchmarkPaired measures the paths in turn within every iteration (sdk,
// floorReadAll, floor, and again), each call timed on its own, so that every
// path sees the same load on a shared machine: a noisy neighbour slows all
// of them alike instead of whichever sub-benchmark happened to run then.
// It reports each path's median time per call (µs_sdk, ...) and the median
// of the per-iteration ratios of the SDK to each floor (sdk/floorReadAll,
// sdk/floor). InMemory takes the network out (cannedTransport); Loopback
// goes through a local httptest server.
func BenchmarkPaired(b *testing.B) {
	ctx := context.Background()
	names := []string{"sdk", "floorReadAll", "floor"}
	cases := []struct {
		name  string
		paths func(b *testing.B, body []byte) paths
		page  func(b *testing.B) []byte
		call  func(p paths, name string) error
	}{
		{"InMemory/RestoreTasks1",
			func(b *testing.B, body []byte) paths { p, _ := cpuPaths(b, body); return p },
			func(b *testing.B) []byte { return mustJSON(b, benchRestoreTasks(1)) },
			func(p paths, name string) error { _, err := p.listRestoreTasks(ctx, name, 1); return err }},
		{"InMemory/Backups100",
			func(b *testing.B, body []byte) paths { p, _ := cpuPaths(b, body); return p },
			func(b *testing.B) []byte {
				return mustJSON(b, benchBackups(100, "AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9Em"))
			},
			func(p paths, name string) error { _, err := p.listBackups(ctx, name, 100, ""); return err }},
		{"Loopback/RestoreTasks1",
			func(b *testing.B, body []byte) paths { return newPaths(b, cannedServer(b, body)) },
			func(b *testing.B) []byte { return mustJSON(b, benchRestoreTasks(1)) },
			func(p paths, name string) error { _, err := p.listRestoreTasks(ctx, name, 1); return err }},
		{"Loopback/Backups100",
			func(b *testing.B, body []byte) paths { return newPaths(b, cannedServer(b, body)) },
			func(b *testing.B) []byte {
				return mustJSON(b, benchBackups(100, "AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9Em"))
			},
			func(p paths, name string) error { _, err := p.listBackups(ctx, name, 100, ""); return err }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			p := c.paths(b, c.page(b))
			times := make([][]time.Duration, len(names))
			for b.Loop() {
				for i, name := range names {
					start := time.Now()
					if err := c.call(p, name); err != nil {
						b.Fatalf("%s: %v", name, err)
					}
					times[i] = append(times[i], time.Since(start))
				}
			}
			median := func(d []float64) float64 {
				slices.Sort(d)
				return d[len(d)/2]
			}
			for i, name := range names {
				us := make([]float64, len(times[i]))
				for j, d := range times[i] {
					us[j] = float64(d) / float64(time.Microsecond)
				}
				b.ReportMetric(median(us), "µs_"+name)
			}
			for i, floor := range names[1:] {
				ratios := make([]float64, len(times[0]))
				for j := range ratios {
					ratios[j] = float64(times[0][j]) / float64(times[i+1][j])
				}
				b.ReportMetric(median(ratios), "sdk/"+floor)
			}
			b.ReportMetric(0, "ns/op") // the total of three paths means nothing
		})
	}
}
