package cli

import (
	"bytes"
	"strings"
	"testing"
)

// The progress line fits the terminal ($COLUMNS): each redraw is at most
// one column narrower, so it never wraps and leaves a stale line behind.
func TestProgressFitsTheTerminal(t *testing.T) {
	t.Setenv("COLUMNS", "40")
	var buf bytes.Buffer
	p := NewProgressTo(&buf)
	p.Show("page 12345: 1234567/1234567 backups, and more words here")
	p.Show("page 2")
	p.Done()
	for _, draw := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\r") {
		if w := DisplayWidth(draw); w > 39 {
			t.Errorf("a line of %d columns in a 40-column terminal: %q", w, draw)
		}
	}
}
