package rpcsig

import (
	"crypto/hmac"
	"fmt"
	"net/url"
	"slices"
)

// Error codes Verify reports, as Alibaba Cloud names them (the same strings
// internal/acs3 uses).
const (
	CodeIncompleteSignature   = "IncompleteSignature"
	CodeSignatureDoesNotMatch = "SignatureDoesNotMatch"
	CodeInvalidAccessKeyID    = "InvalidAccessKeyId.NotFound"
)

// VerifyError is a signature failure carrying an Alibaba Cloud error code.
// Its message never holds the expected signature, the secret or a security
// token.
type VerifyError struct {
	Code    string
	Message string
}

// Error returns Code + ": " + Message.
func (e *VerifyError) Error() string { return e.Code + ": " + e.Message }

func verifyErr(code, format string, args ...any) *VerifyError {
	return &VerifyError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// redacted names the parameters whose values are credentials: a message
// that shows the string to sign shows "<redacted>" instead.
var redacted = []string{"SecurityToken", "BearerToken"}

// Verify checks the version 1.0 signature of a request made with method
// whose decoded parameters (query and form body together, Signature
// included) are params. secretFor returns the secret of an AccessKey ID, or
// ok=false if the ID is unknown. It returns the AccessKeyId the request
// names (when it names exactly one) and, on failure, a *VerifyError:
// IncompleteSignature when a signature parameter is missing, repeated or
// not of version 1.0 with HMAC-SHA1, InvalidAccessKeyId.NotFound for an
// unknown key, SignatureDoesNotMatch otherwise.
func Verify(method string, params url.Values, secretFor func(accessKeyID string) (secret string, ok bool)) (string, error) {
	one := func(name string) (string, *VerifyError) {
		switch vs := params[name]; {
		case len(vs) == 0 || vs[0] == "":
			return "", verifyErr(CodeIncompleteSignature, "the %s parameter is missing or empty", name)
		case len(vs) > 1:
			return "", verifyErr(CodeIncompleteSignature, "the %s parameter is given %d times", name, len(vs))
		default:
			return vs[0], nil
		}
	}
	id, err := one("AccessKeyId")
	if err != nil {
		return "", err
	}
	signature, err := one(SignatureParam)
	if err != nil {
		return id, err
	}
	sigMethod, err := one("SignatureMethod")
	if err != nil {
		return id, err
	}
	if sigMethod != Method {
		return id, verifyErr(CodeIncompleteSignature, "SignatureMethod %q is not supported; signature version 1.0 uses %s", sigMethod, Method)
	}
	sigVersion, err := one("SignatureVersion")
	if err != nil {
		return id, err
	}
	if sigVersion != Version {
		return id, verifyErr(CodeIncompleteSignature, "SignatureVersion %q is not supported; want %s", sigVersion, Version)
	}

	secret, ok := secretFor(id)
	if !ok {
		return id, verifyErr(CodeInvalidAccessKeyID, "AccessKey ID %q does not exist", id)
	}
	stringToSign := StringToSign(method, params)
	if !hmac.Equal([]byte(Signature(secret, stringToSign)), []byte(signature)) {
		// Show what was signed, to debug a client, but never the expected
		// signature, nor the credentials some parameters carry.
		return id, verifyErr(CodeSignatureDoesNotMatch, "the request signature does not match; server string to sign: %q", shownStringToSign(method, params))
	}
	return id, nil
}

// shownStringToSign is the string to sign with credential values replaced.
func shownStringToSign(method string, params url.Values) string {
	shown := make(url.Values, len(params))
	for name, vs := range params {
		shown[name] = vs
		if slices.Contains(redacted, name) {
			shown[name] = slices.Repeat([]string{"<redacted>"}, len(vs))
		}
	}
	return StringToSign(method, shown)
}
