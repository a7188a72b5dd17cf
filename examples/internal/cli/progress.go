package cli

import (
	"fmt"
	"io"
	"os"
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
type Progress struct {
	w    io.Writer
	last int // width of the line on screen; 0 when none is drawn
}

// NewProgress returns a Progress that draws on w when w is a terminal, and
// nil (which draws nothing) when it is not.
func NewProgress(w io.Writer) *Progress {
	if !IsTerminal(w) {
		return nil
	}
	return &Progress{w: w}
}

// NewProgressTo returns a Progress that draws on w whatever it is; tests use
// it to see what a terminal would.
func NewProgressTo(w io.Writer) *Progress { return &Progress{w: w} }

// Show replaces the line with a formatted message, escaped as Sanitize
// does.
func (p *Progress) Show(format string, args ...any) {
	if p == nil {
		return
	}
	msg := Sanitize(fmt.Sprintf(format, args...)) // args may come from the service
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
