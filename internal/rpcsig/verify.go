package rpcsig

import (
	"crypto/hmac"
	"net/url"
	"slices"

	"github.com/computenest-sdk/computenest-go/internal/acsauth"
)

// redacted names the parameters whose values are credentials: a message
// that shows the string to sign shows "<redacted>" instead.
var redacted = []string{"SecurityToken", "BearerToken"}

// Verify checks the version 1.0 signature of a request made with method
// whose decoded parameters (query and form body together, Signature
// included) are params. secretFor returns the secret of an AccessKey ID, or
// ok=false if the ID is unknown. It returns the AccessKeyId the request
// names (when it names exactly one) and, on failure, a *acsauth.VerifyError:
// IncompleteSignature when a signature parameter is missing, repeated or
// not of version 1.0 with HMAC-SHA1, InvalidAccessKeyId.NotFound for an
// unknown key, SignatureDoesNotMatch otherwise.
func Verify(method string, params url.Values, secretFor func(accessKeyID string) (secret string, ok bool)) (string, error) {
	one := func(name string) (string, *acsauth.VerifyError) {
		switch vs := params[name]; {
		case len(vs) == 0 || vs[0] == "":
			return "", acsauth.Errorf(acsauth.CodeIncompleteSignature, "the %s parameter is missing or empty", name)
		case len(vs) > 1:
			return "", acsauth.Errorf(acsauth.CodeIncompleteSignature, "the %s parameter is given %d times", name, len(vs))
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
		return id, acsauth.Errorf(acsauth.CodeIncompleteSignature, "SignatureMethod %q is not supported; signature version 1.0 uses %s", sigMethod, Method)
	}
	sigVersion, err := one("SignatureVersion")
	if err != nil {
		return id, err
	}
	if sigVersion != Version {
		return id, acsauth.Errorf(acsauth.CodeIncompleteSignature, "SignatureVersion %q is not supported; want %s", sigVersion, Version)
	}

	secret, ok := secretFor(id)
	if !ok {
		return id, acsauth.AccessKeyNotFound()
	}
	stringToSign := StringToSign(method, params)
	if !hmac.Equal([]byte(Signature(secret, stringToSign)), []byte(signature)) {
		// Show what was signed, to debug a client, but never the expected
		// signature, nor the credentials some parameters carry.
		return id, acsauth.SignatureMismatch(shownStringToSign(method, params))
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
