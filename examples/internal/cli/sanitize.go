package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Sanitize makes text from the network safe to print on a terminal: every
// control character that could drive the terminal is shown as a visible Go
// escape instead of being sent raw. That covers the C0 controls (ESC, which
// starts every ANSI escape sequence, BEL, backspace, carriage return, newline
// and tab included), DEL, the C1 controls (U+0080 to U+009F, CSI among
// them), and the bidirectional formatting characters (U+061C, U+200E,
// U+200F, U+202A to U+202E, U+2066 to U+2069) that reorder what a line
// shows. So "\x1b[31m" prints as the eight characters `\x1b[31m`. Bytes that
// are not UTF-8 become U+FFFD. Text with nothing to escape is returned as is.
func Sanitize(s string) string {
	if isSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isSafe reports whether s is valid UTF-8 with no rune Sanitize escapes.
func isSafe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f { // printable ASCII, the common case
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			return false
		}
		i += size
	}
	return true
}

// unsafeRune reports whether r is a control or bidirectional formatting
// character that Sanitize escapes.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// EscapeJSON returns the JSON text js with every non-ASCII rune that
// Sanitize escapes (C1 controls, bidirectional formatting characters)
// written as a \uXXXX escape, so that JSON lines are as safe on a terminal
// as the table. encoding/json already escapes the C0 controls. The JSON
// means exactly what it did: such runes only occur inside strings, where
// the escape decodes to the same rune. js is returned as is when it has
// none.
func EscapeJSON(js []byte) []byte {
	s := string(js)
	if isSafe(strings.TrimSuffix(s, "\n")) {
		return js
	}
	var b bytes.Buffer
	b.Grow(len(js) + 12)
	for _, r := range s {
		if r >= 0x80 && unsafeRune(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.Bytes()
}

// Line makes an error message one line that is safe to print: white space
// runs (newlines included) become one space, control characters are escaped
// (see Sanitize), and the SDK's "computenest: " prefix, which each wrapping
// layer may add again, is dropped, since the program's name starts the line.
func Line(msg string) string {
	msg = strings.ReplaceAll(msg, "computenest: ", "")
	return Sanitize(strings.Join(strings.Fields(msg), " "))
}

// JSONLines writes values as JSON lines that are safe on a terminal: one
// encoding/json object per line, HTML characters left as they are, and the
// runes Sanitize escapes written as \uXXXX (see EscapeJSON).
type JSONLines struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

// NewJSONLines returns a JSONLines that writes to w.
func NewJSONLines(w io.Writer) *JSONLines {
	j := &JSONLines{w: w}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

// Encode writes v as one line.
func (j *JSONLines) Encode(v any) error {
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		return err
	}
	_, err := j.w.Write(EscapeJSON(j.buf.Bytes()))
	return err
}
