package computenesttest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Error codes the fake answers with, as Alibaba Cloud's RPC gateway names
// them.
const (
	codeMissingParameter      = "MissingParameter"
	codeInvalidParameter      = "InvalidParameter"
	codeIncompleteSignature   = "IncompleteSignature"
	codeSignatureDoesNotMatch = "SignatureDoesNotMatch"
	codeInvalidAccessKeyID    = "InvalidAccessKeyId.NotFound"
	codeSignatureNonceUsed    = "SignatureNonceUsed"
	codeTimeStampExpired      = "InvalidTimeStamp.Expired"
	codeTimeStampFormat       = "InvalidTimeStamp.Format"
	codeSecurityTokenMismatch = "InvalidSecurityToken.MismatchWithAccessKey"
	codeMissingSecurityToken  = "MissingSecurityToken"
	codeInvalidVersion        = "InvalidVersion"
	codeInvalidAction         = "InvalidAction.NotFound"
	codeThrottlingUser        = "Throttling.User"
	codeServiceUnavailable    = "ServiceUnavailable"
	codeInternalError         = "InternalError"
	codeUnsupportedMethod     = "UnsupportedHTTPMethod"
)

// apiError is one failure answer: an HTTP status and the service's code and
// message.
type apiError struct {
	status  int
	code    string
	message string
}

func badRequest(code, message string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: code, message: message}
}

func missingParameter(name string) *apiError {
	return badRequest(codeMissingParameter,
		`The input parameter "`+name+`" that is mandatory for processing this request is not supplied.`)
}

func invalidParameter(name, why string) *apiError {
	msg := `The specified parameter "` + name + `" is not valid.`
	if why != "" {
		msg += " " + why
	}
	return badRequest(codeInvalidParameter, msg)
}

// errorBody is the documented JSON error document.
type errorBody struct {
	RequestId string
	HostId    string
	Code      string
	Message   string
	Recommend string
}

// writeError answers e as the real service does: status, JSON body, and the
// request ID in both the body and the x-acs-request-id header (set earlier).
func writeError(w http.ResponseWriter, r *http.Request, requestID string, e *apiError) {
	writeJSON(w, e.status, errorBody{
		RequestId: requestID,
		HostId:    r.Host,
		Code:      e.code,
		Message:   e.message,
		Recommend: recommend(e.code, requestID),
	})
}

// recommend is the service's troubleshooting link for an error code and
// request ID.
func recommend(code, requestID string) string {
	return "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(code) + "&product=ComputeNest&requestId=" + url.QueryEscape(requestID)
}

// writeJSON writes v with an explicit Content-Length, so a client never has
// to guess where a well-formed body ends.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeBody(w, status, "application/json;charset=utf-8", marshal(v))
}

// marshal encodes v as the service does: compact, without a trailing
// newline, and without escaping '&', '<' and '>' (Recommend links hold a
// '&').
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // only models types and errorBody reach here
		panic("computenesttest: encoding a response: " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body) //nolint:errcheck // the client hung up; nothing to do
}

// newRequestID returns a fresh ID shaped like the service's
// ("7A1C1B2E-0C5D-5F6A-9B8C-1D2E3F405162").
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
