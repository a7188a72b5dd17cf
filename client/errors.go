package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/computenest-sdk/computenest-go/internal/wire"
	"github.com/computenest-sdk/computenest-go/models"
)

// APIError is a call that the service, or a proxy in front of it, answered
// with an HTTP error status (400 or above). Use errors.As to reach it, and
// IsThrottling, IsNotFound, IsAccessDenied, IsSignatureError and IsRetryable
// to classify it:
//
//	var apiErr *client.APIError
//	if errors.As(err, &apiErr) {
//		log.Printf("request %s: %s", apiErr.RequestId, apiErr.Code)
//	}
//
// When the body was Compute Nest's JSON error document, Code, Message,
// RequestId, HostId and Recommend come from it. When it was not (an HTML page
// from a proxy, an empty or cut-off body), Code is empty and Body holds a
// short summary of what arrived (docs/RELIABILITY.md says what it shows).
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
	// Body is a short, printable summary of a body that was not a JSON
	// error document: markup dropped, and every run of more than 16
	// characters without a space elided; empty otherwise.
	Body string
}

// Error reads like "computenest: ListBackups: HTTP 400 InvalidParameter: The
// specified parameter MaxResults is not valid. (RequestId: 7A1C...)". It is
// one line: line breaks in the service's Message are shown as \n (the
// Message field keeps them).
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%sHTTP %d", prefix(e.Action), e.StatusCode)
	switch {
	case e.Code != "":
		b.WriteString(" ")
		b.WriteString(e.Code)
		if e.Message != "" {
			b.WriteString(": ")
			b.WriteString(oneLine(e.Message))
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

// prefix starts an error message: "computenest: " and the action, if any.
func prefix(action string) string {
	if action == "" {
		return "computenest: "
	}
	return "computenest: " + action + ": "
}

// oneLine shows the line breaks of s as \n and \r, so an error message is
// one line whatever the service put in it.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
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
	// RequestId is the x-acs-request-id header, when it has the shape of
	// a request ID; "" otherwise.
	RequestId string
	// ContentType is the media type of the response's Content-Type header,
	// without parameters.
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
	b.WriteString(prefix(e.Action) + "no response")
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
var ErrResponseTooLarge = wire.ErrTooLarge

// ErrNotFound is wrapped by a waiter's error when the ID matches nothing.
var ErrNotFound = errors.New("computenest: not found")

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

// contextError is ctx's error, joined with its cause when the cause says
// more, so errors.Is works for both.
func contextError(ctx context.Context) error {
	err := ctx.Err()
	if cause := context.Cause(ctx); cause != nil && cause != err {
		return fmt.Errorf("%w: %w", err, cause)
	}
	return err
}

// WaitFailedError is a wait that ended in a terminal state other than the
// one waited for (CreateFailed, Deleted, RestoreFailed, or a status the SDK
// does not know). The item as last seen is attached.
type WaitFailedError struct {
	// Kind is "backup" or "restore task".
	Kind string
	// ID is the backup or restore task ID waited for.
	ID string
	// Status is the terminal status reached.
	Status string
	// StatusDetail is the service's explanation of it.
	StatusDetail string
	// Backup is the item as last seen, for WaitForBackup.
	Backup *models.Backup
	// RestoreTask is the item as last seen, for WaitForRestoreTask.
	RestoreTask *models.RestoreTask
}

// Error names the item, its status and the service's detail.
func (e *WaitFailedError) Error() string {
	msg := fmt.Sprintf("computenest: %s %s ended in status %s", e.Kind, e.ID, e.Status)
	if e.StatusDetail != "" {
		msg += ": " + e.StatusDetail
	}
	return msg
}

// WaitTimeoutError is a wait whose deadline (ctx's or MaxWait) passed
// before the item reached a terminal state. It unwraps to the context error.
type WaitTimeoutError struct {
	// Kind is "backup" or "restore task".
	Kind string
	// ID is the backup or restore task ID waited for.
	ID string
	// LastStatus is the status seen at the last poll ("" if none succeeded).
	LastStatus string
	// Waited is how long the waiter ran.
	Waited time.Duration
	// Err is the context error that ended the wait.
	Err error
}

// Error says how long the waiter ran and the last status it saw.
func (e *WaitTimeoutError) Error() string {
	last := e.LastStatus
	if last == "" {
		last = "none seen"
	}
	return fmt.Sprintf("computenest: gave up waiting for %s %s after %s (last status: %s): %v",
		e.Kind, e.ID, e.Waited.Round(time.Millisecond), last, e.Err)
}

// Unwrap returns the context error.
func (e *WaitTimeoutError) Unwrap() error { return e.Err }
