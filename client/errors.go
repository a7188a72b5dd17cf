package client

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

// APIError is a call that the service, or a proxy in front of it, answered
// with an HTTP error status. Use errors.As to reach it:
//
//	var apiErr *client.APIError
//	if errors.As(err, &apiErr) && apiErr.IsThrottling() { ... }
//
// When the body was Compute Nest's JSON error document, Code, Message,
// RequestId, HostId and Recommend come from it. When it was not (an HTML page
// from a proxy, an empty or cut-off body), Code is empty and Body holds the
// start of what arrived.
type APIError struct {
	// Action is the API action called, e.g. "ListBackups".
	Action string
	// StatusCode is the HTTP status, e.g. 400.
	StatusCode int
	// Code is the service's error code, e.g. "InvalidParameter".
	Code string
	// Message is the service's explanation.
	Message string
	// RequestId identifies the request for Alibaba Cloud support.
	RequestId string
	// HostId is the endpoint that answered.
	HostId string
	// Recommend is a link to the service's troubleshooting page.
	Recommend string
	// RetryAfter is the wait the service asked for (x-acs-retry-after in
	// milliseconds, or Retry-After in seconds); zero when it gave none.
	RetryAfter time.Duration
	// Body is the start (at most 512 bytes) of a body that was not a JSON
	// error document; empty otherwise.
	Body string
}

// Error reads like "computenest: ListBackups: HTTP 400 InvalidParameter: The
// specified parameter MaxResults is not valid. (RequestId: 7A1C...)".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("computenest: ")
	if e.Action != "" {
		b.WriteString(e.Action)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
	switch {
	case e.Code != "":
		b.WriteString(" ")
		b.WriteString(e.Code)
		if e.Message != "" {
			b.WriteString(": ")
			b.WriteString(e.Message)
		}
	case e.Body == "":
		fmt.Fprintf(&b, " %s with an empty body", http.StatusText(e.StatusCode))
	default:
		fmt.Fprintf(&b, " %s with a body that is not a Compute Nest error: %q", http.StatusText(e.StatusCode), e.Body)
	}
	if e.RequestId != "" {
		fmt.Fprintf(&b, " (RequestId: %s)", e.RequestId)
	}
	return b.String()
}

// IsThrottling reports whether the service asked the caller to slow down:
// any code containing "Throttling", or HTTP 429.
func (e *APIError) IsThrottling() bool {
	return strings.Contains(e.Code, "Throttling") || e.StatusCode == http.StatusTooManyRequests
}

// IsNotFound reports whether a named resource or the AccessKey was not found.
func (e *APIError) IsNotFound() bool {
	return e.StatusCode == http.StatusNotFound || strings.Contains(e.Code, "NotFound")
}

// IsAccessDenied reports whether the caller lacks permission (RAM policy,
// missing authorization) for the action.
func (e *APIError) IsAccessDenied() bool {
	return e.StatusCode == http.StatusForbidden || strings.HasPrefix(e.Code, "Forbidden") ||
		e.Code == "NoPermission" || strings.HasPrefix(e.Code, "NoPermission.")
}

// IsSignatureError reports whether the request's signature or credentials were
// rejected: retrying the same request cannot help.
func (e *APIError) IsSignatureError() bool {
	switch e.Code {
	case "SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId.NotFound",
		"InvalidAccessKeyId.Inactive", "InvalidSecurityToken.Expired", "InvalidSecurityToken.Malformed",
		"InvalidSecurityToken.MismatchWithAccessKey", "MissingSecurityToken",
		"SignatureNonceUsed", "InvalidTimeStamp.Expired", "InvalidTimeStamp.Format":
		return true
	}
	return false
}

// IsRetryable reports whether the same request may succeed if sent again:
// throttling, and server-side failures (HTTP 5xx, including a proxy's 502).
func (e *APIError) IsRetryable() bool {
	return e.IsThrottling() || e.StatusCode >= 500
}

// DecodeError is a successful HTTP status whose body is not the response the
// action documents: empty, cut off, not JSON (an HTML page from a proxy), of
// the wrong shape, or larger than Config.MaxResponseBytes. The call's result
// is unknown, so nothing is returned with it.
type DecodeError struct {
	// Action is the API action called.
	Action string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// RequestId is the request's ID when the response header or the part of
	// the body that was read carried one.
	RequestId string
	// ContentType is the response's Content-Type header.
	ContentType string
	// Err is the underlying decoding failure.
	Err error
}

// Error names the action, the status, the request ID and what went wrong.
func (e *DecodeError) Error() string {
	msg := fmt.Sprintf("computenest: %s: HTTP %d response could not be decoded", e.Action, e.StatusCode)
	if e.ContentType != "" && !strings.Contains(e.ContentType, "json") {
		msg += fmt.Sprintf(" (Content-Type %q)", e.ContentType)
	}
	if e.RequestId != "" {
		msg += " (RequestId: " + e.RequestId + ")"
	}
	return msg + ": " + e.Err.Error()
}

// Unwrap returns the decoding failure.
func (e *DecodeError) Unwrap() error { return e.Err }

// ErrResponseTooLarge is wrapped by the DecodeError of a success body above
// Config.MaxResponseBytes. Such a call is not retried: the same listing
// would be as large again. An error answer is never this error: its body is
// read up to 64 KiB (or MaxResponseBytes, if smaller) and it is reported as
// an APIError by its status.
var ErrResponseTooLarge = errors.New("response body exceeds the client's MaxResponseBytes")

// maxErrorBody bounds what is read of an error answer's body: Compute
// Nest's JSON error documents are a few hundred bytes, and whatever a proxy
// sends instead is only quoted (maxBodySnippet bytes of it) in the APIError.
const maxErrorBody = 64 << 10

// checkShape rejects a decoded success body whose meaning is not clear, so
// a listing is never silently short. Every other shape is accepted as
// decoded; unknown fields are ignored. For either action:
//
//   - neither the item list nor TotalCount (a body such as {}, null, or an
//     error document sent with a success status): not a list response;
//   - no item list (the key absent, or null) with TotalCount above zero
//     and no NextToken: the items are missing, and with no NextToken the
//     listing would end without them;
//   - a null entry in the item list: an item that is not there.
//
// An item list that is present but empty is accepted whatever TotalCount
// says (items can go away mid-listing; the paginator's empty-page guard
// stops an endless run of them), and so is an absent list with a
// NextToken: it is an empty page, and the listing goes on.
func checkShape(v any) error {
	switch r := v.(type) {
	case *models.ListBackupsResponse:
		return checkPage("Backups", r.Backups, r.TotalCount, r.GetNextToken())
	case *models.ListRestoreTasksResponse:
		return checkPage("RestoreTasks", r.RestoreTasks, r.TotalCount, r.GetNextToken())
	}
	return nil
}

func checkPage[Item any](list string, items []*Item, total *int32, next string) error {
	switch {
	case items == nil && total == nil:
		return fmt.Errorf("the body has neither a %s list nor a TotalCount: it is not a list response", list)
	case items == nil && *total > 0 && next == "":
		return fmt.Errorf("the response has TotalCount %d but no %s list and no NextToken: its items are missing", *total, list)
	}
	for i, it := range items {
		if it == nil {
			return fmt.Errorf("%s[%d] is null", list, i)
		}
	}
	return nil
}

// redactEcho replaces, in an error answer's body, the secrets that the
// request itself carried (its security or bearer token and its signature)
// with "<redacted>", before anything of the body reaches an APIError, a log
// line or an error string. A proxy's error page may echo the request's
// headers; the AccessKey secret is never sent, so it cannot be echoed.
// Values shorter than 8 bytes (never a real token or signature) are left
// alone rather than blanking every occurrence of a common word.
func redactEcho(body []byte, sent http.Header) []byte {
	if len(body) == 0 {
		return body
	}
	for _, secret := range sentSecrets(sent) {
		if len(secret) >= 8 && bytes.Contains(body, []byte(secret)) {
			body = bytes.ReplaceAll(body, []byte(secret), []byte("<redacted>"))
		}
	}
	return body
}

// sentSecrets lists the values of a signed request that must not be shown:
// the tokens, and the signature from the Authorization header. Header names
// are matched in any case.
func sentSecrets(h http.Header) []string {
	var out []string
	for name, values := range h {
		switch strings.ToLower(name) {
		case "x-acs-security-token", "x-acs-bearer-token", "x-acs-zero-trust-idtoken":
			for _, v := range values {
				if v = strings.TrimSpace(v); v != "" {
					out = append(out, v)
				}
			}
		case "authorization":
			for _, v := range values {
				if _, sig, ok := strings.Cut(v, "Signature="); ok && sig != "" {
					out = append(out, sig)
				}
			}
		}
	}
	return out
}

// CredentialsError means the client found no credentials to sign with, or
// its credential provider failed. It says how to provide them.
type CredentialsError struct {
	// Err is the credential provider's own error.
	Err error
}

// Error explains how to supply credentials.
func (e *CredentialsError) Error() string {
	return "computenest: no usable Alibaba Cloud credentials: " + e.Err.Error() +
		"; set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus ALIBABA_CLOUD_SECURITY_TOKEN for STS)," +
		" configure a profile in ~/.aliyun/config.json, or set Config.AccessKeyId/AccessKeySecret or Config.Credential"
}

// Unwrap returns the provider's error.
func (e *CredentialsError) Unwrap() error { return e.Err }

// IsThrottling reports whether err is, or wraps, an APIError asking to slow down.
func IsThrottling(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.IsThrottling()
}

// IsNotFound reports whether err is, or wraps, an APIError for something not
// found, or a waiter's ErrNotFound.
func IsNotFound(err error) bool {
	var e *APIError
	return errors.Is(err, ErrNotFound) || errors.As(err, &e) && e.IsNotFound()
}

// IsAccessDenied reports whether err is, or wraps, an APIError denying access.
func IsAccessDenied(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.IsAccessDenied()
}
