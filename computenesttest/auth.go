package computenesttest

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"time"

	"github.com/computenest-sdk/computenest-go/internal/acs3"
)

const (
	// apiVersion is the only version the fake serves, as the real endpoint
	// serves only its product's versions.
	apiVersion = "2021-06-01"
	// maxSkew is how far x-acs-date may be from the server's clock.
	maxSkew = 15 * time.Minute
	// dateLayout is the x-acs-date format ACS3 clients send.
	dateLayout = "2006-01-02T15:04:05Z"
)

// credential is an access key pair the server accepts; token is set for an
// STS pair, whose requests must carry it.
type credential struct {
	id, secret, token string
}

// authenticate checks a request as the gateway does before any action
// runs: the signature (with the acs3 verifier, proven against Alibaba
// Cloud's published vector), the mandatory x-acs-* headers, the date's
// skew, the nonce's freshness, the STS token, the version and the action.
// The signature comes first: nothing else is worth judging, nor a nonce
// worth spending, on a request that may have been altered.
func (s *Server) authenticate(r *http.Request, body []byte, rec *Request) *apiError {
	auth, err := acs3.Verify(r, body, func(id string) (string, bool) {
		c, ok := s.keys[id]
		return c.secret, ok
	})
	rec.AccessKeyId = auth.AccessKeyID
	if err != nil {
		var ve *acs3.VerifyError
		if !errors.As(err, &ve) {
			return badRequest(codeIncompleteSignature, "The request signature could not be checked.")
		}
		status := http.StatusBadRequest
		if ve.Code == acs3.CodeInvalidAccessKeyID {
			status = http.StatusNotFound
		}
		return &apiError{status: status, code: ve.Code, message: ve.Message}
	}
	for _, h := range []string{"x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce"} {
		if r.Header.Get(h) == "" {
			return missingParameter(h)
		}
	}

	now := s.now()
	date, err := time.Parse(dateLayout, r.Header.Get("x-acs-date"))
	if err != nil {
		return badRequest(codeTimeStampFormat, "Specified time stamp or date value is not well formatted; want "+dateLayout+" in UTC.")
	}
	if d := now.Sub(date); d > maxSkew || d < -maxSkew {
		return badRequest(codeTimeStampExpired, "Specified time stamp or date value is expired: x-acs-date must be within 15 minutes of the server's time.")
	}
	// A replay is only possible while its date is still in the window, so
	// the nonce need not be kept longer than that.
	if !s.nonces.use(r.Header.Get("x-acs-signature-nonce"), now, date.Add(maxSkew)) {
		return badRequest(codeSignatureNonceUsed, "Specified signature nonce was used already.")
	}

	cred := s.keys[auth.AccessKeyID]
	token := r.Header.Get("x-acs-security-token")
	switch {
	case cred.token == "" && token != "":
		return badRequest(codeSecurityTokenMismatch, "A security token was sent with an AccessKey that is not an STS credential.")
	case cred.token != "" && token == "":
		return badRequest(codeMissingSecurityToken, "The AccessKey is an STS credential: the request must carry its security token.")
	case cred.token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(cred.token)) != 1:
		return badRequest(codeSecurityTokenMismatch, "The security token does not belong to the AccessKey.")
	}

	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return &apiError{status: http.StatusMethodNotAllowed, code: codeUnsupportedMethod,
			message: "The HTTP method " + r.Method + " is not supported; use POST or GET."}
	}
	if v := r.Header.Get("x-acs-version"); v != apiVersion {
		return badRequest(codeInvalidVersion, "Specified parameter Version is not valid: Compute Nest serves "+apiVersion+".")
	}
	if _, ok := s.actions[r.Header.Get("x-acs-action")]; !ok {
		return &apiError{status: http.StatusNotFound, code: codeInvalidAction,
			message: "Specified api is not found, please check your url and method."}
	}
	return nil
}
