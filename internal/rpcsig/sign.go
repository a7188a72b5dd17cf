package rpcsig

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
	"sort"
	"strings"

	"github.com/computenest-sdk/computenest-go/internal/acsauth"
)

// The values a version 1.0 request must carry in SignatureMethod and
// SignatureVersion. HMAC-SHA1 is the only method Alibaba Cloud documents for
// this version.
const (
	Method  = "HMAC-SHA1"
	Version = "1.0"
)

// SignatureParam is the parameter that carries the signature; it is the one
// parameter the signature does not cover.
const SignatureParam = "Signature"

// CanonicalizedQuery returns the signed form of params: every pair but
// Signature, sorted by name (byte order of the decoded name, as the SDKs
// sort their maps) and, for a name given more than once, by value; each name
// and value percent-encoded, joined as name=value with &.
func CanonicalizedQuery(params url.Values) string {
	names := make([]string, 0, len(params))
	for name := range params {
		if name != SignatureParam {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		values := append([]string(nil), params[name]...)
		sort.Strings(values)
		for _, v := range values {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(acsauth.PercentEncode(name))
			b.WriteByte('=')
			b.WriteString(acsauth.PercentEncode(v))
		}
	}
	return b.String()
}

// StringToSign returns method + "&%2F&" + acsauth.PercentEncode(CanonicalizedQuery(params)).
func StringToSign(method string, params url.Values) string {
	return method + "&" + acsauth.PercentEncode("/") + "&" + acsauth.PercentEncode(CanonicalizedQuery(params))
}

// Signature returns the base64 HMAC-SHA1 of stringToSign keyed with
// secret + "&" (the "&" is part of the scheme: a token secret, always empty
// for AccessKey signing, would follow it).
func Signature(secret, stringToSign string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Sign returns the Signature value of a request with this method and these
// parameters; params should already hold AccessKeyId, SignatureMethod,
// SignatureVersion and the rest. Any Signature in params is ignored.
func Sign(method string, params url.Values, secret string) string {
	return Signature(secret, StringToSign(method, params))
}
