package acs3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// Signature returns the lower-case hex HMAC-SHA256 of stringToSign keyed
// with secret.
func Signature(secret, stringToSign string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

// Sign returns the Authorization header value for r:
// "ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<hex>".
func Sign(r *Request, accessKeyID, secret string) string {
	canonical, signed := CanonicalRequest(r)
	return authorization(accessKeyID, signed, Signature(secret, StringToSign(canonical)))
}

func authorization(accessKeyID, signedHeaders, signature string) string {
	return Algorithm + " Credential=" + accessKeyID + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature
}
