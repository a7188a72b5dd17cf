package wire

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// encodings are the forms a proxy may echo a secret in.
var encodings = map[string]func(string) string{
	"raw":      func(s string) string { return s },
	"json":     func(s string) string { return strings.ReplaceAll(s, "/", `\/`) },
	"query":    url.QueryEscape,
	"path":     url.PathEscape,
	"base64":   func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) },
	"\\u":      func(s string) string { return each(s, `\u%04x`) },
	"&#x;":     func(s string) string { return each(s, "&#x%X;") },
	"&#;":      func(s string) string { return each(s, "&#%d;") },
	"folded":   func(s string) string { return fold(s, 10) },
	"lowerhex": func(s string) string { return strings.ToLower(url.QueryEscape(s)) },
}

func each(s, format string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, format, r)
	}
	return b.String()
}

// fold breaks s into lines of n bytes, as a proxy folds a long header.
func fold(s string, n int) string {
	var b strings.Builder
	for i := 0; i < len(s); i += n {
		if i > 0 {
			b.WriteString("\r\n ")
		}
		b.WriteString(s[i:min(i+n, len(s))])
	}
	return b.String()
}

// longestRun is the length of the longest substring of secret in text.
func longestRun(text, secret string) int {
	best := 0
	for i := range secret {
		for j := i + best + 1; j <= len(secret) && strings.Contains(text, secret[i:j]); j++ {
			best = j - i
		}
	}
	return best
}

// FuzzErrorAnswerShowsNoSecret echoes a security token in any of the
// encodings above, inside any text, cut anywhere (by the read limit, or a
// connection that dropped): the summary of a foreign body shows no run of
// more than MaxSecretRun bytes of the token as encoded, and the fields of
// an error document hold no whole token.
func FuzzErrorAnswerShowsNoSecret(f *testing.F) {
	f.Add("CAIS/echo+token/must=not/leak+0123456789", "<html>token=", "</html>", uint8(2), uint16(30), false)
	f.Add("CAIS/echo+token/must=not/leak+0123456789", `{"Code":"X","Message":"`, `"}`, uint8(0), uint16(500), true)
	f.Add("STS.abcdefgh+ijkl/mnop==", "X-Acs-Security-Token: ", "\r\n", uint8(8), uint16(25), false)
	f.Fuzz(func(t *testing.T, token, before, after string, enc uint8, cut uint16, asDoc bool) {
		if len(token) < minSecretLen || strings.ContainsAny(token, " \t\r\n") || !isPrintableASCII(token) {
			t.Skip("a token is printable ASCII with no space, 8 bytes or more")
		}
		names := []string{"raw", "json", "query", "path", "base64", "\\u", "&#x;", "&#;", "folded", "lowerhex"}
		encoded := encodings[names[int(enc)%len(names)]](token)
		body := before + encoded + after
		if asDoc {
			body = `{"Code":"InvalidParameter","Message":"` + before + encoded + after + `"}`
		}
		if int(cut) < len(body) {
			body = body[:cut]
		}
		sent := http.Header{"X-Acs-Security-Token": {token}}
		resp := &http.Response{StatusCode: 502, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader([]byte(body)))}
		a := errorAnswer(resp, maxErrorBody, sent)
		if a.Doc != nil {
			for _, field := range []string{a.Doc.Code, a.Doc.Message, a.Doc.RequestId, a.Doc.HostId, a.Doc.Recommend, a.RequestID} {
				if strings.Contains(field, token) {
					t.Fatalf("body %q: the error document's field %q holds the token", body, field)
				}
			}
			return
		}
		for name, encode := range encodings {
			if run := longestRun(a.Summary, encode(token)); run > MaxSecretRun {
				t.Fatalf("body %q: summary %q shows %d bytes of the token as %s", body, a.Summary, run, name)
			}
		}
	})
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
