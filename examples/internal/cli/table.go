package cli

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// MaxCellWidth is the most terminal columns a table cell takes. A longer
// value is cut and ends with "…"; -json prints it whole.
const MaxCellWidth = 40

// Widths of the values the service sends, for Columns.MinWidths: IDs are a
// prefix and 20 hexadecimal digits ("backup-8a0c9e90fabdeb729e97"), times
// are shown in UTC as "2025-06-01T03:18:36Z".
const (
	BackupIDWidth      = len("backup-") + 20
	RestoreTaskIDWidth = len("restore-") + 20
	InstanceIDWidth    = len("si-") + 20
	TimeWidth          = len("2006-01-02T15:04:05Z")
)

// MaxLen returns the display width of the widest of values.
func MaxLen(values []string) int {
	n := 0
	for _, v := range values {
		n = max(n, DisplayWidth(v))
	}
	return n
}

// columnGap is the space between two columns of a table.
const columnGap = "  "

// width measures text as a terminal shows it: East Asian wide characters
// take two columns, combining marks none. Ambiguous-width characters count
// as one column whatever the locale, so the output does not depend on the
// environment.
var width = func() *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = false
	c.StrictEmojiNeutral = true
	return c
}()

// DisplayWidth returns the number of terminal columns s takes.
func DisplayWidth(s string) int {
	if printableASCII(s) {
		return len(s)
	}
	return width.StringWidth(s)
}

// Fit returns s cut to at most w terminal columns; a value that was cut ends
// with "…".
func Fit(s string, w int) string {
	if printableASCII(s) {
		if len(s) <= w {
			return s
		}
		return s[:max(w-1, 0)] + "…"
	}
	return width.Truncate(s, w, "…")
}

// printableASCII reports whether s is printable ASCII only, one column per
// byte: most cells, measured without the grapheme rules.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// table writes rows as an aligned table as they come, without holding the
// listing: the column widths are decided once, on the header and the first
// rows it is given (a bounded window, such as the first page), and later
// cells are padded or cut to them. Every cell is at most MaxCellWidth
// columns; the last column is not padded.
type table struct {
	w      io.Writer
	header []string
	min    []int // least width of each column; may be shorter than header
	widths []int // nil until the first rows arrive
	buf    strings.Builder
}

// write writes rows; the first call also decides the widths from the
// header and these rows, and writes the header.
func (t *table) write(rows [][]string) error {
	if len(rows) == 0 {
		return nil
	}
	t.buf.Reset()
	if t.widths == nil {
		t.widths = make([]int, len(t.header))
		for i, h := range t.header {
			w := DisplayWidth(h)
			if i < len(t.min) {
				w = max(w, t.min[i])
			}
			for _, row := range rows {
				if i < len(row) {
					w = max(w, DisplayWidth(Sanitize(row[i])))
				}
			}
			t.widths[i] = min(w, MaxCellWidth)
		}
		t.line(t.header)
	}
	for _, row := range rows {
		t.line(row)
	}
	_, err := io.WriteString(t.w, t.buf.String())
	return err
}

// line adds one row to the buffer.
func (t *table) line(cells []string) {
	for i, w := range t.widths {
		cell := "-"
		if i < len(cells) {
			cell = Fit(Sanitize(cells[i]), w)
		}
		if i == len(t.widths)-1 {
			t.buf.WriteString(cell)
			break
		}
		t.buf.WriteString(cell)
		for range w - DisplayWidth(cell) {
			t.buf.WriteByte(' ')
		}
		t.buf.WriteString(columnGap)
	}
	t.buf.WriteByte('\n')
}
