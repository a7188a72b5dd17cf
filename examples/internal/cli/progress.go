package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// IsTerminal reports whether w is a terminal (a character device), such as
// the stderr of a command run from a shell. A pipe, a file or any writer
// that is not an *os.File is not.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Progress is a one-line status report on stderr, redrawn in place with a
// carriage return, such as "page 2: 100/137 backups". It draws only on a
// terminal: when stderr is piped or redirected, every method does nothing,
// so logs and tests stay clean. A nil *Progress does nothing too.
//
// The line is cut to one column less than the terminal's width, as
// $COLUMNS says (80 when it is not set): a line that filled the width would
// wrap on some terminals, and each redraw would leave a stale line behind.
type Progress struct {
	w     io.Writer
	width int // the most columns a line takes
	last  int // width of the line on screen; 0 when none is drawn
}

// NewProgress returns a Progress that draws on w when w is a terminal, and
// nil (which draws nothing) when it is not.
func NewProgress(w io.Writer) *Progress {
	if !IsTerminal(w) {
		return nil
	}
	return NewProgressTo(w)
}

// NewProgressTo returns a Progress that draws on w whatever it is; tests use
// it to see what a terminal would.
func NewProgressTo(w io.Writer) *Progress {
	return &Progress{w: w, width: terminalWidth() - 1}
}

// terminalWidth returns $COLUMNS, or 80 when it is not a sensible number.
func terminalWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 10 && n <= 10000 {
		return n
	}
	return 80
}

// Show replaces the line with a formatted message, escaped as Sanitize
// does.
func (p *Progress) Show(format string, args ...any) {
	if p == nil {
		return
	}
	msg := Fit(Sanitize(fmt.Sprintf(format, args...)), p.width) // args may come from the service
	n := DisplayWidth(msg)
	pad := ""
	if n < p.last {
		pad = strings.Repeat(" ", p.last-n)
	}
	fmt.Fprintf(p.w, "\r%s%s", msg, pad)
	p.last = n
}

// Clear blanks the line, so that other output can be written to the same
// terminal; the next Show draws it again.
func (p *Progress) Clear() {
	if p == nil || p.last == 0 {
		return
	}
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.last))
	p.last = 0
}

// Done ends the line with a newline, leaving the last message on screen.
func (p *Progress) Done() {
	if p == nil || p.last == 0 {
		return
	}
	fmt.Fprintln(p.w)
	p.last = 0
}
