package wire

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// sender sends one attempt's request. When nothing of http.Client.Do is
// needed beyond the round trip, it calls the client's RoundTripper itself:
// Do copies the request's headers on every call for redirects, which the
// SDK never follows (newHTTPClient), and that copy was about a tenth of
// the SDK's own CPU per call (docs/PERFORMANCE.md). What the caller sees
// is what Do gives with redirects off, no Jar and no Timeout: the
// response as the transport returned it (a 3xx included), and every
// failure as a *url.Error naming the method and URL, which IsRetryable and
// TransportError read.
type sender struct {
	hc *http.Client
	// direct is set when Do would add nothing: no Jar to read or store
	// cookies, no Timeout to arm a timer for.
	direct bool
}

func newSender(hc *http.Client) sender {
	return sender{hc: hc, direct: hc.Jar == nil && hc.Timeout == 0}
}

// send sends req as hc.Do(req) would, and returns its response or a
// *url.Error.
func (s sender) send(req *http.Request) (*http.Response, error) {
	if !s.direct || req.URL.User != nil {
		return s.hc.Do(req)
	}
	rt := s.hc.Transport
	if rt == nil {
		rt = http.DefaultTransport // read now, as Do reads it
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		if resp != nil && resp.Body != nil {
			resp.Body.Close()
		}
		if tlsErr, ok := err.(tls.RecordHeaderError); ok && string(tlsErr.RecordHeader[:]) == "HTTP/" {
			err = http.ErrSchemeMismatch // as Do says it: an https URL answered in plain HTTP
		}
		return nil, urlError(req, err)
	}
	if resp == nil {
		return nil, urlError(req, fmt.Errorf("http: RoundTripper implementation (%T) returned a nil *Response with a nil error", rt))
	}
	if resp.Body == nil {
		if resp.ContentLength > 0 {
			return nil, urlError(req, fmt.Errorf("http: RoundTripper implementation (%T) returned a *Response with content length %d but a nil Body", rt, resp.ContentLength))
		}
		resp.Body = http.NoBody
	}
	return resp, nil
}

// urlError is the error Do returns for a failed request: "Post" and the URL.
func urlError(req *http.Request, err error) *url.Error {
	op := req.Method
	if op != "" {
		op = op[:1] + strings.ToLower(op[1:])
	}
	return &url.Error{Op: op, URL: req.URL.String(), Err: err}
}
