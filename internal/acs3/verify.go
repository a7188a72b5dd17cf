package acs3

import (
	"crypto/hmac"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/computenest-sdk/computenest-go/internal/acsauth"
)

// Authorization is a parsed ACS3 Authorization header.
type Authorization struct {
	AccessKeyID   string
	SignedHeaders []string
	Signature     string
}

// ParseAuthorization parses an Authorization header value of the form
// "ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>".
// Any error is a *acsauth.VerifyError with code IncompleteSignature.
func ParseAuthorization(v string) (Authorization, error) {
	var a Authorization
	alg, rest, ok := strings.Cut(strings.TrimSpace(v), " ")
	if !ok {
		return a, acsauth.Errorf(acsauth.CodeIncompleteSignature, "malformed Authorization header")
	}
	if alg != Algorithm {
		return a, acsauth.Errorf(acsauth.CodeIncompleteSignature, "unsupported signature algorithm %q, want %s", alg, Algorithm)
	}
	seen := make(map[string]bool)
	for _, field := range strings.Split(rest, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(field), "=")
		if !ok || seen[key] {
			return a, acsauth.Errorf(acsauth.CodeIncompleteSignature, "malformed Authorization field %q", field)
		}
		seen[key] = true
		switch key {
		case "Credential":
			a.AccessKeyID = value
		case "SignedHeaders":
			if value != "" {
				a.SignedHeaders = strings.Split(value, ";")
			}
		case "Signature":
			a.Signature = value
		default:
			return a, acsauth.Errorf(acsauth.CodeIncompleteSignature, "unknown Authorization field %q", key)
		}
	}
	switch {
	case a.AccessKeyID == "":
		return a, acsauth.Errorf(acsauth.CodeIncompleteSignature, "Authorization header has no Credential")
	case len(a.SignedHeaders) == 0:
		return a, acsauth.Errorf(acsauth.CodeIncompleteSignature, "Authorization header has no SignedHeaders")
	case a.Signature == "":
		return a, acsauth.Errorf(acsauth.CodeIncompleteSignature, "Authorization header has no Signature")
	}
	for _, h := range a.SignedHeaders {
		if h == "" {
			return a, acsauth.Errorf(acsauth.CodeIncompleteSignature, "empty name in SignedHeaders")
		}
	}
	return a, nil
}

// Verify checks the ACS3-HMAC-SHA256 signature of a server-side request whose
// body has already been read into body. secretFor returns the secret of an
// AccessKey ID, or ok=false if the ID is unknown. It returns the parsed
// Authorization (when it could be parsed) and, on failure, a *acsauth.VerifyError.
func Verify(r *http.Request, body []byte, secretFor func(accessKeyID string) (secret string, ok bool)) (Authorization, error) {
	header := r.Header.Values("Authorization")
	if len(header) != 1 || header[0] == "" {
		return Authorization{}, acsauth.Errorf(acsauth.CodeIncompleteSignature, "request needs exactly one Authorization header, got %d", len(header))
	}
	auth, err := ParseAuthorization(header[0])
	if err != nil {
		return auth, err
	}

	// Normalize the signed names; a client that signed them in another
	// form computed a different canonical request and will fail below.
	signed := make([]string, len(auth.SignedHeaders))
	isSigned := make(map[string]bool)
	for i, h := range auth.SignedHeaders {
		signed[i] = strings.ToLower(h)
		isSigned[signed[i]] = true
	}
	sort.Strings(signed)
	if !isSigned["host"] {
		return auth, acsauth.Errorf(acsauth.CodeIncompleteSignature, "SignedHeaders must include host")
	}
	// An unsigned x-acs-* header could be changed in transit.
	for name := range r.Header {
		if name = strings.ToLower(name); strings.HasPrefix(name, "x-acs-") && !isSigned[name] {
			return auth, acsauth.Errorf(acsauth.CodeIncompleteSignature, "header %s is not in SignedHeaders", name)
		}
	}
	// Go's server moves the Host header into r.Host.
	valuesOf := func(name string) []string {
		if name == "host" {
			if r.Host == "" {
				return nil
			}
			return []string{r.Host}
		}
		return r.Header.Values(name)
	}
	for _, name := range signed {
		if len(valuesOf(name)) == 0 {
			return auth, acsauth.Errorf(acsauth.CodeIncompleteSignature, "signed header %s is missing from the request", name)
		}
	}

	payloadHash := sha256Hex(body)
	if got := r.Header.Values("x-acs-content-sha256"); len(got) > 0 && (len(got) != 1 || got[0] != payloadHash) {
		return auth, acsauth.Errorf(acsauth.CodeSignatureDoesNotMatch, "x-acs-content-sha256 %q does not match the body's SHA-256 %s", strings.Join(got, ","), payloadHash)
	}

	secret, ok := secretFor(auth.AccessKeyID)
	if !ok {
		return auth, acsauth.AccessKeyNotFound()
	}

	// Clients may send form-style escapes (+ for space): decode, then
	// re-encode canonically.
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return auth, acsauth.Errorf(acsauth.CodeSignatureDoesNotMatch, "malformed query string: %v", err)
	}
	canonical := canonicalRequest(r.Method, r.URL.EscapedPath(), CanonicalQueryString(query),
		headerBlock(signed, valuesOf), strings.Join(signed, ";"), payloadHash)
	stringToSign := StringToSign(canonical)
	want := Signature(secret, stringToSign)
	if !hmac.Equal([]byte(want), []byte(auth.Signature)) {
		// The service's words, with its string to sign; never the
		// expected signature or the secret.
		return auth, acsauth.SignatureMismatch(stringToSign)
	}
	return auth, nil
}
