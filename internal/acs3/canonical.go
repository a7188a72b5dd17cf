package acs3

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/computenest-sdk/computenest-go/internal/acsauth"
)

// Algorithm is the signature algorithm name that starts the Authorization
// header and the string to sign.
const Algorithm = "ACS3-HMAC-SHA256"

// EmptyBodySHA256 is the hex SHA-256 of an empty body.
const EmptyBodySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// Request is the input to signing.
type Request struct {
	// Method is the HTTP method, such as "POST".
	Method string
	// Path is the canonical URI, used as given; "" means "/".
	Path string
	// Query holds the decoded query parameters.
	Query url.Values
	// Headers holds the request headers; only host, content-type and
	// x-acs-* headers are signed.
	Headers http.Header
	// Host, when set, overrides any host header in Headers.
	Host string
	// PayloadHash is the hex SHA-256 of the body; "" means EmptyBodySHA256.
	PayloadHash string
}

// CanonicalQueryString percent-encodes every name and value in q, sorts the
// pairs by encoded name (then by encoded value for a repeated name) and joins
// them as name=value with &. An empty value gives "name=".
func CanonicalQueryString(q url.Values) string {
	type pair struct{ name, value string }
	pairs := make([]pair, 0, len(q))
	for name, values := range q {
		en := acsauth.PercentEncode(name)
		for _, v := range values {
			pairs = append(pairs, pair{en, acsauth.PercentEncode(v)})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].name != pairs[j].name {
			return pairs[i].name < pairs[j].name
		}
		return pairs[i].value < pairs[j].value
	})
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.name + "=" + p.value
	}
	return strings.Join(parts, "&")
}

// isSignable reports whether a lower-case header name is one that ACS3
// clients sign.
func isSignable(name string) bool {
	return name == "host" || name == "content-type" || strings.HasPrefix(name, "x-acs-")
}

// CanonicalHeaders returns the canonical header block of r (one
// "name:value\n" line per header) and the signed-header names joined by ";".
// It covers host (from r.Host if set, else r.Headers), content-type when
// present and every x-acs-* header; names are lower-cased, values trimmed and
// the lines sorted by name.
func CanonicalHeaders(r *Request) (block, signed string) {
	values := make(map[string][]string)
	for name, vs := range r.Headers {
		if name = strings.ToLower(name); isSignable(name) {
			values[name] = append(values[name], vs...)
		}
	}
	if r.Host != "" {
		values["host"] = []string{r.Host}
	}
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	return headerBlock(names, func(name string) []string { return values[name] }), strings.Join(names, ";")
}

// headerBlock writes one canonical line per name, in the order given.
func headerBlock(names []string, valuesOf func(name string) []string) string {
	var b strings.Builder
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(headerValue(valuesOf(name)))
		b.WriteByte('\n')
	}
	return b.String()
}

// headerValue trims each value and, for a header sent more than once, sorts
// the values and joins them with "," as darabonba-openapi does.
func headerValue(vs []string) string {
	trimmed := make([]string, len(vs))
	for i, v := range vs {
		trimmed[i] = strings.TrimSpace(v)
	}
	sort.Strings(trimmed)
	return strings.Join(trimmed, ",")
}

// CanonicalRequest returns the canonical request for r and its signed-header
// list.
func CanonicalRequest(r *Request) (canonical, signedHeaders string) {
	block, signed := CanonicalHeaders(r)
	return canonicalRequest(r.Method, r.Path, CanonicalQueryString(r.Query), block, signed, r.PayloadHash), signed
}

func canonicalRequest(method, path, query, headerBlock, signed, payloadHash string) string {
	if path == "" {
		path = "/"
	}
	if payloadHash == "" {
		payloadHash = EmptyBodySHA256
	}
	return method + "\n" + path + "\n" + query + "\n" + headerBlock + "\n" + signed + "\n" + payloadHash
}

// StringToSign returns "ACS3-HMAC-SHA256\n" followed by the hex SHA-256 of
// the canonical request.
func StringToSign(canonicalRequest string) string {
	return Algorithm + "\n" + sha256Hex([]byte(canonicalRequest))
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
