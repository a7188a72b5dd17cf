package wire

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
)

// Answer is what one attempt learnt of the service's answer, every part of
// it fit to print: an error document's fields hold no whole secret the
// request carried, and nothing else in it holds more than MaxSecretRun
// bytes of one.
type Answer struct {
	// Status is the HTTP status; 0 when no answer arrived.
	Status int
	// RequestID is the answer's request ID (from the error document, or the
	// x-acs-request-id header when it has the shape of one); "" otherwise.
	RequestID string
	// ContentType is the media type of the Content-Type header, without
	// parameters; "" when absent or malformed.
	ContentType string

	// What an error answer (Status >= 400) carried.

	// Doc is the service's JSON error document, its fields redacted; nil
	// when the body was not one.
	Doc *ErrorDoc
	// Summary is a short, printable summary of a body that was not an
	// error document; "" when the body was empty.
	Summary string
	// RetryAfter is the wait the answer asked for, at most MaxRetryAfter.
	RetryAfter time.Duration
	// Resend is set when the answer refused the request's date and
	// corrected the Conn's clock: a request signed again can succeed.
	Resend bool
}

// ErrorDoc is Compute Nest's JSON error document. encoding/json matches
// names case-insensitively, so gateways' lower-case variants decode too.
type ErrorDoc struct {
	RequestId string
	HostId    string
	Code      string
	Message   string
	Recommend string
}

// MaxRetryAfter caps the service's hint: a larger one reads as a day, so a
// huge value cannot overflow a time.Duration.
const MaxRetryAfter = 24 * time.Hour

// retryAfter reads the service's throttling hint. x-acs-retry-after, in
// milliseconds, is read by darabonba's own openapiutil.GetThrottlingTimeLeft.
// That function knows nothing else, so the standard Retry-After header, in
// seconds (which gateways in front of the service send), is read here, and
// both are capped at MaxRetryAfter. A hint that is not a positive integer
// counts as none.
func retryAfter(h http.Header) time.Duration {
	if v := h.Get("x-acs-retry-after"); v != "" {
		if ms := openapiutil.GetThrottlingTimeLeft(map[string]*string{"x-acs-retry-after": &v}); ms != nil && *ms > 0 {
			return time.Duration(min(*ms, int64(MaxRetryAfter/time.Millisecond))) * time.Millisecond
		}
	}
	if s, err := strconv.ParseInt(h.Get("Retry-After"), 10, 64); err == nil && s > 0 {
		return time.Duration(min(s, int64(MaxRetryAfter/time.Second))) * time.Second
	}
	return 0
}

// maxRequestID is the longest request ID kept: the service's are UUIDs.
const maxRequestID = 64

// requestID returns v when it has the shape of a request ID (letters,
// digits, '-' and '_', at most maxRequestID bytes) and shares no run of
// minSecretLen bytes with a secret of the request whose headers are sent;
// "" otherwise. A header is the caller's to read only in that shape: a
// proxy may echo anything in it.
func requestID(v string, sent http.Header) string {
	if v == "" || len(v) > maxRequestID {
		return ""
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_') {
			return ""
		}
	}
	leaks := false
	eachSecret(sent, func(s string) bool {
		leaks = sharesRun(v, s, minSecretLen)
		return !leaks
	})
	if leaks {
		return ""
	}
	return v
}

// sharesRun reports whether a and b have a common substring of n bytes.
func sharesRun(a, b string, n int) bool {
	if len(a) < n || len(b) < n {
		return false
	}
	for i := 0; i+n <= len(a); i++ {
		if strings.Contains(b, a[i:i+n]) {
			return true
		}
	}
	return false
}

// mediaType returns the media type of a Content-Type header, without
// parameters, when it is type/subtype in token characters of at most 64
// bytes; "" otherwise.
func mediaType(v string) string {
	v, _, _ = strings.Cut(v, ";")
	v = strings.TrimSpace(v)
	typ, sub, ok := strings.Cut(v, "/")
	if !ok || typ == "" || sub == "" || len(v) > 64 || strings.IndexFunc(typ, notToken) >= 0 || strings.IndexFunc(sub, notToken) >= 0 {
		return ""
	}
	return v
}

// notToken reports whether r may not stand in an HTTP token (RFC 9110).
func notToken(r rune) bool {
	return r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r)
}

// Summaries of a foreign body: at most maxSummary bytes of it, and no run
// without a space longer than MaxSecretRun.
const (
	maxSummary = 200
	// MaxSecretRun is the longest run of characters without a space that
	// a summary of a foreign body shows: a longer one is elided. No secret
	// holds a space, so this is the most of one a summary can show,
	// whatever the encoding a proxy echoed it in.
	MaxSecretRun = 16
)

// summarize returns a short, printable summary of a body that is not the
// service's error document (an HTML page from a proxy, a WAF's notice):
// markup (<...>) is dropped, control characters and white space runs become
// one space, invalid UTF-8 is dropped, any run without a space longer than
// MaxSecretRun is shown as "…", and so is a word of minCutPrefix bytes or
// more that is part of one of secrets (a secret a proxy folded over lines);
// the whole is cut to maxSummary bytes. cut says the body was longer than
// what was read.
func summarize(body []byte, cut bool, secrets []string) string {
	var b strings.Builder
	var word []byte
	flush := func() {
		if len(word) > MaxSecretRun || len(word) >= minCutPrefix && slices.ContainsFunc(secrets, func(s string) bool { return strings.Contains(s, string(word)) }) {
			b.WriteString("…")
		} else {
			b.Write(word)
		}
		word = word[:0]
	}
	space, inTag := false, false
	for len(body) > 0 && b.Len() < maxSummary {
		r, n := utf8.DecodeRune(body)
		body = body[n:]
		switch {
		case inTag:
			inTag = r != '>'
			continue
		case r == '<':
			inTag = true
			fallthrough
		case unicode.IsSpace(r) || !unicode.IsPrint(r):
			flush()
			space = b.Len() > 0
			continue
		case r == utf8.RuneError && n <= 1:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		word = utf8.AppendRune(word, r)
	}
	flush()
	s := b.String()
	if len(s) > maxSummary {
		s = strings.TrimRight(strings.ToValidUTF8(s[:maxSummary], ""), " ")
		cut = true
	}
	if len(s) > 0 && (cut || len(body) > 0) {
		s += " …"
	}
	return s
}

// errorAnswer reads what an error answer carries: its error document with
// every field redacted of the request's secrets, or a summary of a foreign
// body, and the throttling hint.
func errorAnswer(resp *http.Response, limit int64, sent http.Header) Answer {
	body, tooLarge := readErrorBody(resp.Body, limit)
	secrets := sentSecrets(sent)
	a := Answer{
		Status:      resp.StatusCode,
		ContentType: mediaType(resp.Header.Get("Content-Type")),
		RequestID:   requestID(resp.Header.Get("x-acs-request-id"), sent),
		RetryAfter:  retryAfter(resp.Header),
	}
	var doc ErrorDoc
	if !tooLarge && json.Unmarshal(body, &doc) == nil && doc.Code != "" {
		// Again after decoding: the decoder has undone escapes redactEcho
		// may not know.
		for _, f := range []*string{&doc.Code, &doc.Message, &doc.RequestId, &doc.HostId, &doc.Recommend} {
			*f = string(redactEcho([]byte(*f), secrets))
		}
		a.Doc = &doc
		if id := requestID(doc.RequestId, sent); id != "" {
			a.RequestID = id
		}
		return a
	}
	a.Summary = summarize(redactEcho(body, secrets), tooLarge, secrets)
	return a
}
