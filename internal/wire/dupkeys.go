package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode"
)

// duplicateKey reports a name that the top-level object of body, a
// document json.Unmarshal accepted, holds more than once in any case:
// encoding/json matches names case-insensitively and keeps the last
// match, so {"Backups":[b1,b2],"backups":[]} would decode as an empty page
// and a listing would end silently short; a repeated NextToken could end
// it early. Names are compared as encoding/json compares them (Unicode
// simple folding, after undoing escapes), so "Backupſ" or "Backup\u0073"
// is "Backups" too. Only the top level is scanned, without decoding
// values: a few hundred nanoseconds for a page.
func duplicateKey(body []byte) error {
	i := skipSpace(body, 0)
	if i >= len(body) || body[i] != '{' {
		return nil
	}
	// Names are compared with bytes.EqualFold, pairwise while there are
	// few (a page has six): no allocation for plain ASCII names. Past
	// that, a map of folded names keeps a hostile object linear.
	var few [16][]byte
	names := few[:0]
	var seen map[string]struct{}
	for i++; ; {
		i = skipSpace(body, i)
		if i >= len(body) || body[i] != '"' { // '}': the end
			return nil
		}
		end := stringEnd(body, i)
		name := nameValue(body[i:end])
		dup := false
		if seen == nil && len(names) < len(few) {
			for _, n := range names {
				dup = dup || bytes.EqualFold(n, name)
			}
			names = append(names, name)
		} else {
			if seen == nil {
				seen = make(map[string]struct{}, 2*len(few))
				for _, n := range names {
					seen[foldName(n)] = struct{}{}
				}
			}
			key := foldName(name)
			_, dup = seen[key]
			seen[key] = struct{}{}
		}
		if dup {
			// A long name is not quoted: it is the network's text, and
			// could echo a secret (see MaxSecretRun).
			quoted := string(body[i:end])
			if len(quoted) > MaxSecretRun {
				quoted = fmt.Sprintf("of %d bytes", len(name))
			}
			return fmt.Errorf("the name %s appears more than once (in some case) in the response: its value is ambiguous", quoted)
		}
		i = skipSpace(body, end) // at ':'
		i = skipValue(body, skipSpace(body, i+1))
		i = skipSpace(body, i)
		if i >= len(body) || body[i] != ',' {
			return nil
		}
		i++
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just past the string that starts at b[i].
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return len(b)
		}
		q := j + k
		backslashes := 0
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
	return len(b)
}

// skipValue returns the index just past the value that starts at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		// Strings take most of a page: jump from one to the next with
		// IndexByte and count brackets only in the short gaps between.
		depth := 0
		for {
			next := len(b)
			if q := bytes.IndexByte(b[i:], '"'); q >= 0 {
				next = i + q
			}
			for ; i < next; i++ {
				switch b[i] {
				case '{', '[':
					depth++
				case '}', ']':
					if depth--; depth == 0 {
						return i + 1
					}
				}
			}
			if next == len(b) {
				return len(b)
			}
			i = stringEnd(b, i)
		}
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	return i
}

// nameValue returns the value of the quoted JSON string q: q's own bytes
// when it has no escape, decoded otherwise.
func nameValue(q []byte) []byte {
	s := q[1 : len(q)-1]
	if bytes.IndexByte(s, '\\') < 0 {
		return s
	}
	var v string
	if json.Unmarshal(q, &v) != nil {
		return s
	}
	return []byte(v)
}

// foldName returns name with every rune replaced by the least rune of its
// simple case folding orbit: two names fold alike exactly when
// bytes.EqualFold, which encoding/json uses, holds for them.
func foldName(name []byte) string {
	out := make([]rune, 0, len(name))
	for _, r := range string(name) {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		out = append(out, least)
	}
	return string(out)
}
