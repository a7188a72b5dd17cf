package client_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// rtClient is a client that sends through rt, without retries.
func rtClient(t *testing.T, hc *http.Client) *client.Client {
	t.Helper()
	return newClient(t, &client.Config{
		Endpoint: "computenest.cn-hangzhou.aliyuncs.com", AccessKeyId: benchKeyID, AccessKeySecret: benchSecret,
		HTTPClient: hc, Retry: client.NoRetries(),
	})
}

// TestTransportFailuresAreURLErrors: the SDK sends through the
// RoundTripper itself when http.Client.Do would add nothing, and a failure
// still reaches the caller as Do reports it: a *TransportError wrapping a
// *url.Error with the method and the request's URL, classified retryable or
// not by what the transport said.
func TestTransportFailuresAreURLErrors(t *testing.T) {
	var sent string
	cases := []struct {
		name      string
		rt        roundTripFunc
		retryable bool
		want      string
	}{
		{"reset", func(r *http.Request) (*http.Response, error) {
			sent = r.URL.String()
			return nil, syscall.ECONNRESET
		}, true, "connection reset"},
		{"no response, no error", func(r *http.Request) (*http.Response, error) {
			sent = r.URL.String()
			return nil, nil
		}, true, "returned a nil *Response with a nil error"},
		{"a length but no body", func(r *http.Request) (*http.Response, error) {
			sent = r.URL.String()
			return &http.Response{StatusCode: 200, ContentLength: 10, Header: http.Header{}}, nil
		}, true, "content length 10 but a nil Body"},
		{"a response and an error", func(r *http.Request) (*http.Response, error) {
			sent = r.URL.String()
			return &http.Response{StatusCode: 200, Body: http.NoBody}, x509.UnknownAuthorityError{}
		}, false, "certificate signed by unknown authority"},
		{"plain HTTP from an https endpoint", func(r *http.Request) (*http.Response, error) {
			sent = r.URL.String()
			return nil, tls.RecordHeaderError{RecordHeader: [5]byte{'H', 'T', 'T', 'P', '/'}}
		}, false, http.ErrSchemeMismatch.Error()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := rtClient(t, &http.Client{Transport: c.rt})
			_, err := cl.ListRestoreTasks(context.Background(), new(models.ListRestoreTasksRequest).SetMaxResults(1))
			var te *client.TransportError
			var ue *url.Error
			if !errors.As(err, &te) || !errors.As(err, &ue) {
				t.Fatalf("err = %T %v, want a *TransportError wrapping a *url.Error", err, err)
			}
			if ue.Op != "Post" || ue.URL != sent || !strings.HasPrefix(sent, "https://computenest.cn-hangzhou.aliyuncs.com/?") {
				t.Errorf("url.Error{Op: %q, URL: %q}, want Post and the URL sent (%q)", ue.Op, ue.URL, sent)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to say %q", err, c.want)
			}
			if got := client.IsRetryable(err); got != c.retryable {
				t.Errorf("IsRetryable = %v, want %v", got, c.retryable)
			}
		})
	}
}

// TestNilBodyIsEmpty: a RoundTripper that answers 200 with no Body and no
// length gets the error of an empty body, as through http.Client.Do.
func TestNilBodyIsEmpty(t *testing.T) {
	cl := rtClient(t, &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}}, nil
	})})
	_, err := cl.ListRestoreTasks(context.Background(), new(models.ListRestoreTasksRequest))
	var de *client.DecodeError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "empty body") {
		t.Fatalf("err = %T %v, want a *DecodeError for an empty body", err, err)
	}
}

// TestHTTPClientJarAndTimeoutStillApply: an HTTPClient with a cookie Jar
// or a Timeout is sent through its Do, so the jar's cookies go out and the
// timeout ends the call.
func TestHTTPClientJarAndTimeoutStillApply(t *testing.T) {
	body := mustJSON(t, benchRestoreTasks(1))
	var cookie string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("MaxResults") == "2" { // the slow one
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		cookie = r.Header.Get("Cookie")
		http.SetCookie(w, &http.Cookie{Name: "route", Value: "b7"})
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := func(hc *http.Client) *client.Config {
		return &client.Config{Endpoint: strings.TrimPrefix(srv.URL, "http://"), Protocol: "http",
			AccessKeyId: benchKeyID, AccessKeySecret: benchSecret, HTTPClient: hc, Retry: client.NoRetries()}
	}
	cl := newClient(t, cfg(&http.Client{Jar: jar}))
	ctx := context.Background()
	for range 2 {
		if _, err := cl.ListRestoreTasks(ctx, new(models.ListRestoreTasksRequest).SetMaxResults(1)); err != nil {
			t.Fatal(err)
		}
	}
	if cookie != "route=b7" {
		t.Errorf("second request's Cookie = %q, want the jar's route=b7", cookie)
	}

	cl = newClient(t, cfg(&http.Client{Timeout: 20 * time.Millisecond}))
	_, err = cl.ListRestoreTasks(ctx, new(models.ListRestoreTasksRequest).SetMaxResults(2))
	var ue *url.Error
	if !errors.As(err, &ue) || !ue.Timeout() || !strings.Contains(err.Error(), "Client.Timeout exceeded") {
		t.Fatalf("err = %v, want http.Client's Timeout to end it", err)
	}
}
