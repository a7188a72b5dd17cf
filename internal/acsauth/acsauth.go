// Package acsauth holds what Alibaba Cloud's two request signatures, ACS3
// (internal/acs3) and the legacy RPC signature version 1.0
// (internal/rpcsig), have in common: the RFC 3986 percent-encoding of their
// canonical forms, and the error a verifier returns, with the codes the
// service answers.
package acsauth

import (
	"fmt"
	"strings"
)

// Error codes a verifier reports, as Alibaba Cloud names them.
const (
	CodeIncompleteSignature   = "IncompleteSignature"
	CodeSignatureDoesNotMatch = "SignatureDoesNotMatch"
	CodeInvalidAccessKeyID    = "InvalidAccessKeyId.NotFound"
)

// The service's messages that clients read word for word.
const (
	// SignatureMismatchPrefix starts the Message of SignatureDoesNotMatch;
	// the service's string to sign follows it, raw. alibaba-cloud-sdk-go
	// cuts the Message after this exact prefix and compares the rest with
	// its own string to sign, to tell a wrong secret from an SDK bug.
	SignatureMismatchPrefix = "Specified signature is not matched with our calculation. server string to sign is:"
	// AccessKeyNotFoundMessage is the Message of
	// InvalidAccessKeyId.NotFound.
	AccessKeyNotFoundMessage = "Specified access key is not found."
)

// SignatureMismatch returns the SignatureDoesNotMatch error whose Message
// is SignatureMismatchPrefix followed by stringToSign.
func SignatureMismatch(stringToSign string) *VerifyError {
	return &VerifyError{Code: CodeSignatureDoesNotMatch, Message: SignatureMismatchPrefix + stringToSign}
}

// AccessKeyNotFound returns the InvalidAccessKeyId.NotFound error.
func AccessKeyNotFound() *VerifyError {
	return &VerifyError{Code: CodeInvalidAccessKeyID, Message: AccessKeyNotFoundMessage}
}

// VerifyError is a signature failure carrying an Alibaba Cloud error code.
// Its message never holds the expected signature, the secret or a security
// token.
type VerifyError struct {
	Code    string
	Message string
}

// Error returns Code + ": " + Message.
func (e *VerifyError) Error() string { return e.Code + ": " + e.Message }

// Errorf returns a *VerifyError with code and a formatted message.
func Errorf(code, format string, args ...any) *VerifyError {
	return &VerifyError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// PercentEncode encodes s per RFC 3986, as both signatures want: the
// unreserved characters A-Z a-z 0-9 - _ . ~ stay as they are and every
// other UTF-8 byte becomes %XX with upper-case hex, so a space is %20 (never
// +), * is %2A, + is %2B, / is %2F and ~ stays ~.
func PercentEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0x0F])
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}
