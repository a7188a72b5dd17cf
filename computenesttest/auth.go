package computenesttest

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/computenest-sdk/computenest-go/internal/acs3"
	"github.com/computenest-sdk/computenest-go/internal/acsauth"
	"github.com/computenest-sdk/computenest-go/internal/rpcsig"
)

const (
	// apiVersion is the only version the fake serves, as the real endpoint
	// serves only its product's versions.
	apiVersion = "2021-06-01"
	// maxSkew is how far a request's date may be from the server's clock.
	maxSkew = 15 * time.Minute
	// dateLayout is the format of x-acs-date (ACS3) and of Timestamp
	// (signature version 1.0).
	dateLayout = "2006-01-02T15:04:05Z"
)

// credential is an access key pair the server accepts; token is set for an
// STS pair, whose requests must carry it.
type credential struct {
	id, secret, token string
}

// field is one value a request must carry, with the name the client sent
// it under, for messages.
type field struct {
	name, value string
}

// claims are what a request says about itself once its signature holds,
// whichever scheme signed it: both schemes fill one, and checkClaims judges
// it, so the two cannot drift apart.
type claims struct {
	accessKeyID                  string
	action, version, date, nonce field
	token                        string // "" when none was sent
}

// authenticate checks a request as the gateway does before any action
// runs. A request with an Authorization header is judged as ACS3-HMAC-SHA256
// (with the acs3 verifier, proven against Alibaba Cloud's published
// vector); one with a Signature parameter as signature version 1.0 (with
// the rpcsig verifier, proven against the published version 1.0 example).
// Then, the same for both: the mandatory parameters, the date's skew, the
// nonce's freshness, the STS token, the method, the version and the action.
// The signature comes first: nothing else is worth judging, nor a nonce
// worth spending, on a request that may have been altered. params are the
// request's decoded query and form parameters, Signature included.
func (s *Server) authenticate(r *http.Request, body []byte, params url.Values, rec *Request) *apiError {
	if len(r.Header.Values("Authorization")) > 0 {
		c, e := s.acs3Claims(r, body, rec)
		if e == nil {
			e = s.checkClaims(r, c)
		}
		return e
	}
	if params.Has(rpcsig.SignatureParam) {
		c, e := s.rpcClaims(r, params, rec)
		if e == nil {
			e = s.checkClaims(r, c)
		}
		if e == nil {
			e = checkFormat(params)
		}
		return e
	}
	return badRequest(codeIncompleteSignature, "The request is not signed: send an ACS3-HMAC-SHA256 Authorization header, or signature version 1.0 parameters (AccessKeyId, SignatureMethod, SignatureVersion, Signature).")
}

// acs3Claims verifies an ACS3-HMAC-SHA256 request and reads its claims from
// the x-acs-* headers, which that signature covers.
func (s *Server) acs3Claims(r *http.Request, body []byte, rec *Request) (claims, *apiError) {
	rec.Action = r.Header.Get("x-acs-action")
	auth, err := acs3.Verify(r, body, s.secretFor)
	rec.AccessKeyId = auth.AccessKeyID
	if err != nil {
		return claims{}, signatureFailure(err)
	}
	signed := make(map[string][]string, len(auth.SignedHeaders))
	for _, name := range auth.SignedHeaders {
		signed[name] = r.Header.Values(name)
	}
	if e := checkRepeated("header", signed); e != nil {
		return claims{}, e
	}
	header := func(name string) field { return field{name, r.Header.Get(name)} }
	return claims{
		accessKeyID: auth.AccessKeyID,
		action:      header("x-acs-action"),
		version:     header("x-acs-version"),
		date:        header("x-acs-date"),
		nonce:       header("x-acs-signature-nonce"),
		token:       r.Header.Get("x-acs-security-token"),
	}, nil
}

// rpcClaims verifies a signature version 1.0 request and reads its claims
// from its parameters, which that signature covers (the x-acs-* headers
// some of its clients also send are not signed, so they are ignored).
func (s *Server) rpcClaims(r *http.Request, params url.Values, rec *Request) (claims, *apiError) {
	rec.Action = params.Get("Action")
	id, err := rpcsig.Verify(r.Method, params, s.secretFor)
	rec.AccessKeyId = id
	if err != nil {
		return claims{}, signatureFailure(err)
	}
	if e := checkRepeated("parameter", params); e != nil {
		return claims{}, e
	}
	param := func(name string) field { return field{name, params.Get(name)} }
	return claims{
		accessKeyID: id,
		action:      param("Action"),
		version:     param("Version"),
		date:        param("Timestamp"),
		nonce:       param("SignatureNonce"),
		token:       params.Get("SecurityToken"),
	}, nil
}

// checkRepeated refuses a signed header or parameter given more than once.
// The signature covers every value, but a server that reads one of them (a
// nonce, a date, an action, a token) could be fooled by the others: two
// nonces in swapped order, say, would replay a request under a fresh nonce.
// It names the first such name in sorted order, so the answer is the same
// every time.
func checkRepeated(kind string, values map[string][]string) *apiError {
	var repeated []string
	for name, vs := range values {
		if len(vs) > 1 {
			repeated = append(repeated, name)
		}
	}
	if len(repeated) == 0 {
		return nil
	}
	slices.Sort(repeated)
	return invalidParameter(repeated[0], "The "+kind+" is given more than once.")
}

func (s *Server) secretFor(id string) (string, bool) {
	c, ok := s.keys[id]
	return c.secret, ok
}

// signatureFailure answers a verifier's error with its code: HTTP 404 for
// an unknown key, as the service does, 400 otherwise.
func signatureFailure(err error) *apiError {
	var ve *acsauth.VerifyError
	if !errors.As(err, &ve) {
		return badRequest(codeIncompleteSignature, "The request signature could not be checked.")
	}
	status := http.StatusBadRequest
	if ve.Code == acsauth.CodeInvalidAccessKeyID {
		status = http.StatusNotFound
	}
	return &apiError{status: status, code: ve.Code, message: ve.Message}
}

// checkClaims judges what a verified request claims: the mandatory values,
// the date's skew, the nonce, the STS token, the method, the version and
// the action.
func (s *Server) checkClaims(r *http.Request, c claims) *apiError {
	for _, f := range []field{c.action, c.version, c.date, c.nonce} {
		if f.value == "" {
			return missingParameter(f.name)
		}
	}

	now := s.now()
	date, err := time.Parse(dateLayout, c.date.value)
	// time.Parse also takes fractional seconds, which the layout lacks.
	if err != nil || len(c.date.value) != len(dateLayout) {
		return badRequest(codeTimeStampFormat, "Specified time stamp or date value is not well formatted: "+c.date.name+" must be "+dateLayout+" in UTC.")
	}
	if d := now.Sub(date); d > maxSkew || d < -maxSkew {
		return badRequest(codeTimeStampExpired, "Specified time stamp or date value is expired: "+c.date.name+" must be within 15 minutes of the server's time.")
	}
	switch s.nonces.use(c.nonce.value, date, now) {
	case nonceUsed:
		return badRequest(codeSignatureNonceUsed, "Specified signature nonce was used already.")
	case nonceForgotten:
		return badRequest(codeTimeStampExpired, "Specified time stamp or date value is expired: "+c.date.name+
			" is no later than requests whose nonces the server no longer keeps, so a replay could not be told apart (was the server's clock set back?).")
	}

	cred := s.keys[c.accessKeyID]
	switch {
	case cred.token == "" && c.token != "":
		return badRequest(codeSecurityTokenMismatch, "A security token was sent with an AccessKey that is not an STS credential.")
	case cred.token != "" && c.token == "":
		return badRequest(codeMissingSecurityToken, "The AccessKey is an STS credential: the request must carry its security token.")
	case cred.token != "" && subtle.ConstantTimeCompare([]byte(c.token), []byte(cred.token)) != 1:
		return badRequest(codeSecurityTokenMismatch, "The security token does not belong to the AccessKey.")
	}

	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return &apiError{status: http.StatusMethodNotAllowed, code: codeUnsupportedMethod,
			message: "The HTTP method " + r.Method + " is not supported; use POST or GET."}
	}
	if c.version.value != apiVersion {
		return badRequest(codeInvalidVersion, "Specified parameter Version is not valid: Compute Nest serves "+apiVersion+".")
	}
	if _, ok := s.actions[c.action.value]; !ok {
		return &apiError{status: http.StatusNotFound, code: codeInvalidAction,
			message: "Specified api is not found, please check your url and method."}
	}
	return nil
}

// checkFormat refuses a version 1.0 request that wants XML, explicitly or
// by leaving Format out (XML is the RPC default): the real service would
// answer it in XML, the fake answers only JSON, and a client expecting XML
// should fail here rather than on a body it cannot parse.
func checkFormat(params url.Values) *apiError {
	switch f := params.Get("Format"); {
	case strings.EqualFold(f, "JSON"):
		return nil
	case f == "":
		return invalidParameter("Format", "Without Format the service answers XML, and this fake answers only JSON: send Format=JSON.")
	case strings.EqualFold(f, "XML"):
		return invalidParameter("Format", "The service would answer XML, and this fake answers only JSON: send Format=JSON.")
	default:
		return invalidParameter("Format", "It must be JSON or XML, and this fake answers only JSON: send Format=JSON.")
	}
}
