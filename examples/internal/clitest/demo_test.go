package clitest

import (
	"testing"
	"time"
)

// Clock keeps the demo data's day for at least clockLead after the tests
// start, and is never more than clockLead behind the real time.
func TestShiftFor(t *testing.T) {
	midnight := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	for _, start := range []time.Time{
		midnight.Add(-24 * time.Hour), midnight.Add(-13 * time.Hour), midnight.Add(-clockLead),
		midnight.Add(-clockLead + time.Nanosecond), midnight.Add(-time.Minute), midnight.Add(-time.Nanosecond),
		midnight.In(time.FixedZone("CST", 8*3600)).Add(-time.Second),
	} {
		shift := shiftFor(start)
		day := start.Add(-shift).UTC().Truncate(24 * time.Hour)
		if end := start.Add(clockLead).Add(-shift); !end.UTC().Truncate(24 * time.Hour).Equal(day) {
			t.Errorf("start %s: shift %s: the clock's day changes within %s", start, shift, clockLead)
		}
		if shift < 0 || shift > clockLead || clockLead >= 15*time.Minute {
			t.Errorf("start %s: shift %s, more than the fake's 15 minutes' tolerance allows", start, shift)
		}
	}
}
