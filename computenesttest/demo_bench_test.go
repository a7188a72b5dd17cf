package computenesttest

import (
	"testing"
	"time"
)

// BenchmarkDemoBackup measures making one demo backup, what a filtered
// listing of a lazily generated store pays per stored item.
func BenchmarkDemoBackup(b *testing.B) {
	g := newDemoGen(1, DemoDay(time.Now()), 1_000_000, 0)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.backup(i % 1_000_000)
	}
}
