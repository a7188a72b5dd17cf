package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/computenest-sdk/computenest-go/models"
)

// Sanitize makes text from the network safe to print on a terminal: every
// character that could drive the terminal, or that it would not show, is
// shown as a visible Go escape instead of being sent raw. That covers the
// C0 controls (ESC, which starts every ANSI escape sequence, BEL, backspace,
// carriage return, newline and tab included), DEL, the C1 controls (U+0080
// to U+009F, CSI among them), the format characters (Unicode's Cf: the
// bidirectional controls that reorder a line, zero-width spaces and
// joiners, the BOM, the soft hyphen, tag characters), the line and
// paragraph separators, and the invisible Hangul fillers. So "\x1b[31m"
// prints as the eight characters `\x1b[31m`, and two IDs that differ by an
// invisible character look different. Bytes that are not UTF-8 become
// U+FFFD. Text with nothing to escape is returned as is.
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
		case r > 0xffff && unsafeRune(r):
			fmt.Fprintf(&b, `\U%08x`, r)
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

// unsafeRune reports whether r is a control, format or invisible character
// that Sanitize escapes.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r < 0xa0:
		return false
	case r == 0x115f, r == 0x1160, r == 0x3164, r == 0xffa0: // Hangul fillers, letters that show nothing
		return true
	}
	return unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// EscapeJSON returns the JSON text js with every rune that Sanitize
// escapes and encoding/json does not (DEL, C1 controls, format and
// invisible characters) written as a \uXXXX escape (a surrogate pair above
// U+FFFF), so that JSON lines are as safe on a terminal as the table. The
// JSON means exactly what it did: such runes only occur inside strings,
// where the escape decodes to the same rune. js is returned as is when it
// has none.
func EscapeJSON(js []byte) []byte {
	s := string(js)
	if isSafe(strings.TrimSuffix(s, "\n")) {
		return js
	}
	var b bytes.Buffer
	b.Grow(len(js) + 12)
	for _, r := range s {
		switch {
		case r < 0x7f || !unsafeRune(r): // encoding/json has escaped the C0 controls
			b.WriteRune(r)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
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

// Cell tidies a value from the service for a table cell or a report line:
// runs of white space (tabs and newlines included) become one space, other
// control and invisible characters are escaped (see Sanitize), and an empty
// value becomes "-", so that every column of every row has a value.
func Cell(s string) string {
	s = Sanitize(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return "-"
	}
	return s
}

// TimeCell shows a time from the service in UTC ("2025-06-01T08:00:00Z"),
// since the service mixes "Z" and "+08:00"; a value that is not RFC 3339 is
// shown as given, tidied by Cell.
func TimeCell(s string) string {
	if t, err := models.ParseTime(s); err == nil {
		return models.FormatTime(t)
	}
	return Cell(s)
}
