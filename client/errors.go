package client

import (
	"context"
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
	writePrefix(&b, e.Action)
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

// writePrefix starts an error message: "computenest: " and the action.
func writePrefix(b *strings.Builder, action string) {
	b.WriteString("computenest: ")
	if action != "" {
		b.WriteString(action)
		b.WriteString(": ")
	}
}

// IsThrottling reports whether the service asked the caller to slow down:
// the code Throttling or one beginning "Throttling." (Throttling.User,
// Throttling.Api, ...), which Alibaba Cloud sends with HTTP 400, or HTTP
// 429 whatever the code. A code that merely contains the word, such as
// InvalidParameter.NoThrottlingAllowed, is not throttling.
func (e *APIError) IsThrottling() bool {
	return e.Code == "Throttling" || strings.HasPrefix(e.Code, "Throttling.") || e.StatusCode == http.StatusTooManyRequests
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

// TransportError is a call whose last attempt got no complete HTTP
// response: the connection was refused, reset or dropped, the endpoint did
// not speak TLS, or the attempt ran out of Config.AttemptTimeout. It keeps
// the last attempt's cause (Err, reached with errors.Is and errors.As too),
// how many attempts were made, and the request ID when response headers
// carrying one arrived before the failure.
type TransportError struct {
	// Action is the API action called, e.g. "ListBackups".
	Action string
	// Attempts is how many requests the call sent, the failed last one included.
	Attempts int
	// RequestId is the x-acs-request-id of the last attempt's response
	// headers, when they arrived (a body that stalled); empty otherwise.
	RequestId string
	// Err is the last attempt's failure, e.g. a *url.Error or ErrAttemptTimeout.
	Err error
}

// Error reads like "computenest: ListBackups: no response after 4 attempts:
// Post "https://...": dial tcp ...: connection refused".
func (e *TransportError) Error() string {
	var b strings.Builder
	writePrefix(&b, e.Action)
	b.WriteString("no response")
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.RequestId != "" {
		fmt.Fprintf(&b, " (RequestId: %s)", e.RequestId)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the last attempt's failure.
func (e *TransportError) Unwrap() error { return e.Err }

// ErrAttemptTimeout is the cause in a *TransportError of an attempt that
// ran out of its AttemptTimeout before its response was read to the end.
// IsRetryable accepts it: it is retried like a dropped connection. Like
// net/http's own timeouts it is a net.Error whose Timeout is true, and
// errors.Is(err, context.DeadlineExceeded) holds for it; it is not the
// caller's context ending, which is never retried.
var ErrAttemptTimeout error = attemptTimeout{}

type attemptTimeout struct{}

func (attemptTimeout) Error() string   { return "the attempt ran out of its AttemptTimeout" }
func (attemptTimeout) Timeout() bool   { return true }
func (attemptTimeout) Temporary() bool { return true }

// Is makes errors.Is(err, context.DeadlineExceeded) hold.
func (attemptTimeout) Is(target error) bool { return target == context.DeadlineExceeded }

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

// CredentialsError means the client has no credentials it can sign with:
// the provider failed, returned nothing, or returned credentials with an
// empty part. Nothing was sent. Its message is short: what was tried, what
// was wrong and what to set; the provider's own error, often long, is Err,
// reached with errors.Unwrap or errors.As.
type CredentialsError struct {
	// Source is what the client tried, e.g. "Config.Credential (*credentials.RAMRoleArnCredential)".
	Source string
	// Problem is what was wrong, in a few words, e.g. "the provider failed".
	Problem string
	// Err is the credential provider's own error; nil when it returned no
	// error but unusable credentials.
	Err error
}

// Error is one line of about 250 bytes: "computenest: no usable credentials
// from the default credential chain: nothing in the environment,
// ~/.aliyun/config.json or ECS metadata; set ALIBABA_CLOUD_ACCESS_KEY_ID
// and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or Config.AccessKeyId and
// AccessKeySecret". It never includes Err's text.
func (e *CredentialsError) Error() string {
	var b strings.Builder
	b.WriteString("computenest: no usable credentials")
	if e.Source != "" {
		b.WriteString(" from ")
		b.WriteString(e.Source)
	}
	problem := e.Problem
	if problem == "" && e.Err != nil {
		problem = "the provider failed"
	}
	if problem != "" {
		b.WriteString(": ")
		b.WriteString(problem)
	}
	switch {
	case strings.HasPrefix(e.Source, "Config.Credential"):
		b.WriteString("; fix the provider in Config.Credential (errors.Unwrap has its error), or set Config.AccessKeyId and Config.AccessKeySecret")
	default:
		b.WriteString("; set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or Config.AccessKeyId and AccessKeySecret")
	}
	return b.String()
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
