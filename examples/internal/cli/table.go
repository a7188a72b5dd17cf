package cli

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// MaxCellWidth is the most terminal columns a cell of a column other than
// the last takes. A longer value is cut and ends with "…"; the last column
// is never cut, and -json prints every value whole.
const MaxCellWidth = 40

// Widths of the values the service sends, for the columns of a Table: IDs
// are a prefix and 20 hexadecimal digits ("backup-8a0c9e90fabdeb729e97"),
// times are shown in UTC as "2025-06-01T03:18:36Z".
const (
	BackupIDWidth      = len("backup-") + 20
	RestoreTaskIDWidth = len("restore-") + 20
	InstanceIDWidth    = len("si-") + 20
	TimeWidth          = len("2006-01-02T15:04:05Z")
)

// Widest returns the display width of the widest of values, such as the
// documented statuses: the width of a column that shows one of them.
func Widest[S ~string](values []S) int {
	n := 0
	for _, v := range values {
		n = max(n, DisplayWidth(string(v)))
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

// Column is a column of a Table: its header and its width in terminal
// columns, the width of the widest value the API allows in it (at most
// MaxCellWidth). The last column's width is not used: it is not padded, so
// its values are printed whole.
type Column struct {
	Header string
	Width  int
}

// Table writes an aligned table as its rows come, without holding the
// listing: a streamed table cannot see every row before it prints the
// first, so its column widths are fixed in advance (see Column), not taken
// from the first rows. Every cell is tidied by Cell; a cell wider than its
// column is cut with "…". Rows are buffered until Flush, which the list
// commands call after each page.
type Table struct {
	w      io.Writer
	cols   []Column
	header bool // written
	buf    strings.Builder
}

// NewTable returns a Table that writes to w.
func NewTable(w io.Writer, cols ...Column) *Table {
	t := &Table{w: w, cols: cols}
	for i := range t.cols {
		t.cols[i].Width = min(max(t.cols[i].Width, DisplayWidth(t.cols[i].Header)), MaxCellWidth)
	}
	return t
}

// Row adds a row of values, one per column; the first row brings the header.
func (t *Table) Row(values ...string) {
	if !t.header {
		t.header = true
		for i, c := range t.cols {
			t.cell(i, c.Header)
		}
	}
	for i := range t.cols {
		v := ""
		if i < len(values) {
			v = values[i]
		}
		t.cell(i, Cell(v))
	}
}

// cell adds the i'th cell of a row, tidy already.
func (t *Table) cell(i int, s string) {
	if i == len(t.cols)-1 {
		t.buf.WriteString(s)
		t.buf.WriteByte('\n')
		return
	}
	w := t.cols[i].Width
	s = Fit(s, w)
	t.buf.WriteString(s)
	for range w - DisplayWidth(s) {
		t.buf.WriteByte(' ')
	}
	t.buf.WriteString(columnGap)
}

// Flush writes the rows added since the last Flush.
func (t *Table) Flush() error {
	if t.buf.Len() == 0 {
		return nil
	}
	_, err := io.WriteString(t.w, t.buf.String())
	t.buf.Reset()
	return err
}
