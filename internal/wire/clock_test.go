package wire

import (
	"net/http"
	"testing"
	"time"
)

// TestTimestampFollowsTheCorrectedClock: x-acs-date is formatted once a
// second and shared, yet a clock correction shows in the very next
// timestamp, and the text is the corrected time in UTC to the second.
func TestTimestampFollowsTheCorrectedClock(t *testing.T) {
	var s Clock
	check := func(offset time.Duration) {
		t.Helper()
		for range 3 { // the first formats, the next ones share it
			before := time.Now().Add(offset).UTC().Truncate(time.Second)
			got := s.timestamp()
			after := time.Now().Add(offset).UTC().Truncate(time.Second)
			ts, err := time.Parse("2006-01-02T15:04:05Z", got)
			if err != nil || ts.Before(before) || ts.After(after) {
				t.Fatalf("offset %v: timestamp %q (%v), want between %v and %v", offset, got, err, before, after)
			}
		}
	}
	check(0)
	if !s.Learn(time.Now().Add(-2*time.Hour).UTC().Format(http.TimeFormat), time.Now()) {
		t.Fatal("a Date two hours behind was not learnt")
	}
	check(-2 * time.Hour)
}
