package wire

import (
	"bytes"
	"encoding/hex"
	"net/url"
	"strings"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
)

// sign returns the ACS3-HMAC-SHA256 Authorization value of a bodiless POST
// to "/" with query (sorted by name) and the signed headers (lower-case
// names, sorted), byte for byte what darabonba-openapi's
// openapiutil.GetAuthorization returns for the same request; signing_test.go
// and sign_test.go check it.
//
// The hash and the HMAC are darabonba's own (openapiutil.Hash and
// openapiutil.SignatureMethod). What it does not call is GetAuthorization's
// canonicalization, which copies the query and headers into maps, an
// http.Header and sorters to put them in the order they already have here,
// and builds the canonical request by repeated string concatenation: that was
// two thirds of the signer's time and most of its allocations
// (docs/PERFORMANCE.md). The canonical request is built here the same way,
// step for step, in one buffer.
func sign(query []Param, signed []header, accessKeyID, secret string) string {
	size := len("POST\n/\n\n\n\n") + len(emptyBodySHA256)
	for _, h := range signed {
		size += 2*len(h.name) + len(h.value) + 2
	}
	buf := make([]byte, 0, size+canonicalQuerySize(query))
	buf = append(buf, "POST\n/\n"...) // method and canonical URI
	buf = appendCanonicalQuery(buf, query)
	buf = append(buf, '\n')
	for _, h := range signed {
		buf = append(buf, h.name...)
		buf = append(buf, ':')
		buf = append(buf, strings.TrimSpace(h.value)...)
		buf = append(buf, '\n')
	}
	buf = append(buf, '\n')
	start := len(buf)
	for i, h := range signed {
		if i > 0 {
			buf = append(buf, ';')
		}
		buf = append(buf, h.name...)
	}
	signedNames := buf[start:]
	buf = append(buf, '\n')
	buf = append(buf, emptyBodySHA256...)

	alg := signatureAlgorithm
	var digest [2 * 32]byte
	hex.Encode(digest[:], openapiutil.Hash(buf, &alg))
	mac := openapiutil.SignatureMethod(secret, alg+"\n"+string(digest[:]), alg)

	var auth strings.Builder
	auth.Grow(len(alg) + len(" Credential=") + len(accessKeyID) + len(",SignedHeaders=") + len(signedNames) + len(",Signature=") + 2*len(mac))
	auth.WriteString(alg)
	auth.WriteString(" Credential=")
	auth.WriteString(accessKeyID)
	auth.WriteString(",SignedHeaders=")
	auth.Write(signedNames)
	auth.WriteString(",Signature=")
	var sig [2 * 32]byte
	auth.Write(hex.AppendEncode(sig[:0], mac))
	return auth.String()
}

// appendCanonicalQuery appends the query as ACS3 signs it, computed as
// darabonba's GetAuthorization does: "&name=value" for each parameter in
// name order, values escaped with url.QueryEscape (an empty value left
// empty), then "+", "*" and "%7E" replaced by "%20", "%2A" and "~" across
// the whole string, and the leading "&" dropped.
func appendCanonicalQuery(buf []byte, query []Param) []byte {
	start := len(buf)
	for _, p := range query {
		buf = append(buf, '&')
		buf = append(buf, p.Name...)
		buf = append(buf, '=')
		if p.Value != "" {
			buf = append(buf, url.QueryEscape(p.Value)...)
		}
	}
	q := buf[start:]
	if bytes.ContainsAny(q, "+*") || bytes.Contains(q, []byte("%7E")) {
		s := string(q)
		s = strings.ReplaceAll(s, "+", "%20")
		s = strings.ReplaceAll(s, "*", "%2A")
		s = strings.ReplaceAll(s, "%7E", "~")
		buf = append(buf[:start], s...)
	}
	return append(buf[:start], bytes.TrimLeft(buf[start:], "&")...)
}

// canonicalQuerySize is about the length of query's canonical form: enough
// for every value escaped as most tokens and IDs are.
func canonicalQuerySize(query []Param) int {
	n := 0
	for _, p := range query {
		n += len(p.Name) + len(p.Value) + len(p.Value)/4 + 2
	}
	return n
}
