package wire

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
)

// redactEcho replaces, in an error answer's body, the secrets that the
// request itself carried (its security or bearer token and its signature)
// with "<redacted>", before anything of the body reaches an APIError, a log
// line or an error string. A proxy's error page may echo the request's
// headers, and not always as sent: a JSON document escapes "/" as "\/" (STS
// tokens contain "/") or any character as \uXXXX, a query string
// percent-encodes it. So the body is also searched with those escapes
// undone, and what matches is redacted in the body as it came. A body cut
// by the read limit (or by a dropped connection) may end with the start
// of a secret: that start is redacted too. The AccessKey secret is never
// sent, so it cannot be echoed. Values shorter than 8 bytes (never a real
// token or signature) are left alone rather than blanking every occurrence
// of a common word.
func redactEcho(body []byte, secrets []string) []byte {
	if len(body) == 0 || len(secrets) == 0 {
		return body
	}
	var spans [][2]int // in body
	spans = findSecrets(spans, body, nil, secrets)
	if bytes.ContainsAny(body, `\%`) {
		// Up to two layers of escapes: a URL-encoded token inside a
		// JSON string, for one.
		norm, pos := unescape(body, nil)
		spans = findSecrets(spans, norm, pos, secrets)
		if bytes.ContainsAny(norm, `\%`) {
			norm, pos = unescape(norm, pos)
			spans = findSecrets(spans, norm, pos, secrets)
		}
	}
	if len(spans) == 0 {
		return body
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	out := make([]byte, 0, len(body))
	at := 0 // body[:at] is done
	for i := 0; i < len(spans); {
		from, to := spans[i][0], spans[i][1]
		for i++; i < len(spans) && spans[i][0] <= to; i++ { // overlapping or touching
			to = max(to, spans[i][1])
		}
		out = append(out, body[at:from]...)
		out = append(out, "<redacted>"...)
		at = to
	}
	return append(out, body[at:]...)
}

// minSecretLen is the shortest value redacted; minCutPrefix the shortest
// start of a secret redacted at the end of a body.
const (
	minSecretLen = 8
	minCutPrefix = 4
)

// findSecrets appends to spans, as offsets in the original body, every
// occurrence of a secret in text and a start of one that text ends with.
// pos maps text's offsets to the body's (pos[i] is where text[i] began,
// pos[len(text)] is len(body)); nil means text is the body.
func findSecrets(spans [][2]int, text []byte, pos []int, secrets []string) [][2]int {
	orig := func(i int) int {
		if pos == nil {
			return i
		}
		return pos[i]
	}
	for _, secret := range secrets {
		if len(secret) < minSecretLen {
			continue
		}
		for i := 0; ; {
			j := bytes.Index(text[i:], []byte(secret))
			if j < 0 {
				break
			}
			spans = append(spans, [2]int{orig(i + j), orig(i + j + len(secret))})
			i += j + len(secret)
		}
		// A cut may fall inside an escape ("…%2", "…\u00", half of a
		// surrogate pair): the secret's start then ends just before it.
		end := len(text) - partialEscape(text)
		for k := min(len(secret)-1, end); k >= minCutPrefix; k-- {
			if bytes.HasSuffix(text[:end], []byte(secret[:k])) {
				spans = append(spans, [2]int{orig(end - k), orig(len(text))})
				break
			}
		}
	}
	return spans
}

// partialEscape is the length of an escape that text ends in the middle
// of: "%" or "%X", "\\", "\\u" and up to three hex digits, a high surrogate
// "\\uD8XX" whose pair was cut off, or the U+FFFD that unescape made of one.
func partialEscape(text []byte) int {
	n := len(text)
	if n >= 3 && string(text[n-3:]) == "\uFFFD" {
		return 3
	}
	h := 0 // hex digits at the end, at most 4
	for h < 4 && h < n && isHex(text[n-1-h]) {
		h++
	}
	for k := 0; k <= min(h, 1); k++ {
		if n-k-1 >= 0 && text[n-k-1] == '%' {
			return k + 1
		}
	}
	for k := 0; k <= h; k++ {
		if n-k-2 >= 0 && text[n-k-2] == '\\' && text[n-k-1] == 'u' {
			if k < 4 {
				return k + 2
			}
			if r, _ := unescapeU(text[n-6:]); 0xD800 <= r && r < 0xDC00 {
				return 6
			}
		}
	}
	if n >= 1 && text[n-1] == '\\' {
		return 1
	}
	return 0
}

// unescape undoes JSON string escapes (\/, \", \\, \n ..., \uXXXX with
// surrogate pairs) and URL percent-encoding in b, leaving anything
// malformed as it is. It returns the text and, for each of its bytes, the
// offset in the original body where the byte's escape began (plus the
// body's length at the end), composed with prev when b is itself the
// result of an earlier unescape.
func unescape(b []byte, prev []int) ([]byte, []int) {
	out := make([]byte, 0, len(b))
	pos := make([]int, 0, len(b)+1)
	orig := func(i int) int {
		if prev == nil {
			return i
		}
		return prev[i]
	}
	emit := func(at int, p ...byte) {
		for _, c := range p {
			out = append(out, c)
			pos = append(pos, orig(at))
		}
	}
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == '%' && i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]):
			emit(i, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 3
		case c == '\\' && i+1 < len(b):
			switch e := b[i+1]; e {
			case '/', '\\', '"', '\'':
				emit(i, e)
				i += 2
			case 'n':
				emit(i, '\n')
				i += 2
			case 't':
				emit(i, '\t')
				i += 2
			case 'u':
				r, n := unescapeU(b[i:])
				if n == 0 {
					emit(i, c)
					i++
					continue
				}
				emit(i, utf8.AppendRune(nil, r)...)
				i += n
			default:
				emit(i, c)
				i++
			}
		default:
			emit(i, c)
			i++
		}
	}
	pos = append(pos, orig(len(b)))
	return out, pos
}

// unescapeU decodes the \uXXXX escape (or surrogate pair of two) at the
// start of b; n is the bytes it spans, 0 if it is malformed.
func unescapeU(b []byte) (r rune, n int) {
	hex4 := func(b []byte) (rune, bool) {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return 0, false
		}
		var v rune
		for _, c := range b[2:6] {
			if !isHex(c) {
				return 0, false
			}
			v = v<<4 | rune(unhex(c))
		}
		return v, true
	}
	r, ok := hex4(b)
	if !ok {
		return 0, 0
	}
	if 0xD800 <= r && r < 0xDC00 {
		if lo, ok := hex4(b[6:]); ok && 0xDC00 <= lo && lo < 0xE000 {
			return (r-0xD800)<<10 | (lo - 0xDC00) + 0x10000, 12
		}
	}
	return r, 6
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// sentSecrets lists the values of a signed request that must not be shown:
// the tokens, and the signature from the Authorization header.
func sentSecrets(h http.Header) []string {
	var out []string
	eachSecret(h, func(s string) bool {
		out = append(out, s)
		return true
	})
	return out
}

// eachSecret calls fn with each secret of the signed request's headers h
// (names matched in any case), until fn returns false. It allocates
// nothing.
func eachSecret(h http.Header, fn func(string) bool) {
	for name, values := range h {
		token := strings.EqualFold(name, "x-acs-security-token") || strings.EqualFold(name, "x-acs-bearer-token") ||
			strings.EqualFold(name, "x-acs-zero-trust-idtoken")
		auth := strings.EqualFold(name, "authorization")
		for _, v := range values {
			switch {
			case token:
				v = strings.TrimSpace(v)
			case auth:
				_, v, _ = strings.Cut(v, "Signature=")
			default:
				v = ""
			}
			if v != "" && !fn(v) {
				return
			}
		}
	}
}
