package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The predicates below classify a call's error. Each looks through wrapping
// (errors.As), so they hold for an error a waiter or the caller wrapped
// again.

// IsThrottling reports whether err is, or wraps, an *APIError asking the
// caller to slow down: the code Throttling or one beginning "Throttling."
// (Throttling.User, Throttling.Api, ...), which Alibaba Cloud sends with
// HTTP 400, or HTTP 429 whatever the code. A code that merely contains the
// word, such as InvalidParameter.NoThrottlingAllowed, is not throttling.
func IsThrottling(err error) bool {
	var e *APIError
	return errors.As(err, &e) && isThrottling(e)
}

func isThrottling(e *APIError) bool {
	return e.Code == "Throttling" || strings.HasPrefix(e.Code, "Throttling.") || e.StatusCode == http.StatusTooManyRequests
}

// IsNotFound reports whether err is, or wraps, an *APIError for something
// not found (HTTP 404, or a code holding "NotFound"), or a waiter's
// ErrNotFound.
func IsNotFound(err error) bool {
	var e *APIError
	return errors.Is(err, ErrNotFound) ||
		errors.As(err, &e) && (e.StatusCode == http.StatusNotFound || strings.Contains(e.Code, "NotFound"))
}

// IsAccessDenied reports whether err is, or wraps, an *APIError saying the
// caller lacks permission (RAM policy, missing authorization) for the
// action: HTTP 403, or a Forbidden or NoPermission code.
func IsAccessDenied(err error) bool {
	var e *APIError
	return errors.As(err, &e) && (e.StatusCode == http.StatusForbidden || strings.HasPrefix(e.Code, "Forbidden") ||
		e.Code == "NoPermission" || strings.HasPrefix(e.Code, "NoPermission."))
}

// IsSignatureError reports whether err is, or wraps, an *APIError rejecting
// the request's signature, credentials or date: retrying the same request
// cannot help; check the AccessKey pair, the security token and the clock.
func IsSignatureError(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case "SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId.NotFound",
		"InvalidAccessKeyId.Inactive", "InvalidSecurityToken.Expired", "InvalidSecurityToken.Malformed",
		"InvalidSecurityToken.MismatchWithAccessKey", "MissingSecurityToken",
		"SignatureNonceUsed", "InvalidTimeStamp.Expired", "InvalidTimeStamp.Format":
		return true
	}
	return false
}

// IsRetryable is the default retry decision. Retryable: throttling and
// HTTP 5xx answers (a proxy's HTML 502 included); connections refused,
// reset or dropped before a full response; a success body cut off
// mid-document; and timeouts of one attempt (dialing, the TLS handshake,
// Config.ReadTimeout, Config.AttemptTimeout, an http.Client's Timeout). A
// *TransportError is retryable when its cause is. Not retryable: other
// client errors (bad parameters, signatures, permissions), missing or
// unusable credentials, a body that arrived whole but is empty, not JSON,
// of the wrong shape, too large or with a status other than 200,
// certificate errors, an endpoint that does not speak TLS, DNS "no such
// host" failures, and the caller's own context or RetryPolicy.MaxElapsed
// ending.
func IsRetryable(err error) bool {
	if err == nil || contextEnded(err) {
		return false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return isThrottling(apiErr) || apiErr.StatusCode >= 500
	}
	var credErr *CredentialsError
	if errors.As(err, &credErr) {
		return false
	}
	if errors.Is(err, ErrAttemptTimeout) {
		return true
	}
	var decErr *DecodeError
	if errors.As(err, &decErr) {
		// A body cut off mid-way is a dropped connection; a complete but
		// wrong body will be wrong again.
		return !errors.Is(decErr.Err, ErrResponseTooLarge) &&
			(errors.Is(decErr.Err, io.ErrUnexpectedEOF) || isTransient(decErr.Err))
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		// The transport failed before a response arrived. The list calls
		// are read-only, so sending again is safe unless the failure is
		// one that cannot go away by itself.
		return !isPermanentTransportError(urlErr.Err)
	}
	return isTransient(err)
}

// contextEnded reports whether err holds context.Canceled, or the
// context.DeadlineExceeded sentinel of a context's deadline. A timeout of
// one attempt (net/http's "timeout awaiting response headers" and the
// like) also matches errors.Is(err, context.DeadlineExceeded), but is not
// the sentinel, so it does not count.
func contextEnded(err error) bool {
	return errors.Is(err, context.Canceled) || holds(err, context.DeadlineExceeded)
}

// holds reports whether target itself (not something that only claims to
// be it through an Is method) is in err's tree.
func holds(err, target error) bool {
	for err != nil {
		if err == target {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if holds(e, target) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// isTransient reports whether err is a network failure that may not happen
// again: a dial, read or write error, a timeout, or a connection that ended
// early.
func isTransient(err error) bool {
	if isPermanentTransportError(err) {
		return false
	}
	var opErr *net.OpError
	var netErr net.Error
	return errors.As(err, &opErr) ||
		errors.As(err, &netErr) && netErr.Timeout() ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// isPermanentTransportError reports failures that no retry can fix: the
// server's certificate is not trusted or not for this host, the endpoint
// does not speak TLS, or its name does not resolve.
func isPermanentTransportError(err error) bool {
	var (
		certErr     *tls.CertificateVerificationError
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidCert x509.CertificateInvalidError
		recordErr   tls.RecordHeaderError
		dnsErr      *net.DNSError
	)
	switch {
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr),
		errors.As(err, &invalidCert), errors.As(err, &recordErr):
		return true
	case errors.Is(err, http.ErrSchemeMismatch):
		// "server gave HTTP response to HTTPS client": the endpoint does
		// not speak TLS, and will not start to.
		return true
	case errors.As(err, &dnsErr):
		return dnsErr.IsNotFound
	}
	return false
}
