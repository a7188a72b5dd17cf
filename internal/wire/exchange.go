package wire

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/aliyun/credentials-go/credentials"
)

// Outcome is how an exchange ended.
type Outcome uint8

const (
	// Decoded: the answer was 200 OK with a page, decoded.
	Decoded Outcome = iota
	// NotSent: the request could not be built (err says why).
	NotSent
	// NoAnswer: sending failed before an answer arrived; err is a
	// *url.Error, as http.Client.Do returns.
	NoAnswer
	// Refused: the answer had an error status (400 or above); the Answer
	// holds what it carried.
	Refused
	// Undecodable: the answer had another status, or its body could not be
	// read to the end or decoded (err says why; a body cut off by ctx's
	// end shows here too).
	Undecodable
)

// Exchange sends one signed request for action with query and decodes the
// answer into a new T. It reads an error answer's body up to 64 KiB (or
// the Conn's limit, if smaller), and redacts from what it returns every
// secret the request carried. When the service refused the request's date
// and its own Date says this machine's clock is off, the Conn's clock is
// corrected and resend is true: sign again at once.
func Exchange[T any](ctx context.Context, c *Conn, action string, query []Param, cred *credentials.CredentialModel, userAgent string) (out *T, ans Answer, o Outcome, resend bool, err error) {
	req, err := c.newRequest(ctx, action, query, cred, userAgent)
	if err != nil {
		return nil, ans, NotSent, false, err
	}
	resp, err := c.sender.send(req)
	if err != nil {
		return nil, ans, NoAnswer, false, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		ans = errorAnswer(resp, min(c.maxBody, maxErrorBody), req.Header)
		if ans.Doc != nil && ans.Doc.Code == "InvalidTimeStamp.Expired" {
			resend = c.clock.Learn(resp.Header.Get("Date"), time.Now())
		}
		return nil, ans, Refused, resend, nil
	}
	ans = Answer{
		Status:      resp.StatusCode,
		RequestID:   requestID(resp.Header.Get("X-Acs-Request-Id"), req.Header), // canonical: Get allocates nothing
		ContentType: mediaType(resp.Header.Get("Content-Type")),
	}
	if resp.StatusCode != http.StatusOK {
		return nil, ans, Undecodable, false, fmt.Errorf("HTTP %d %s is not an answer to a list call: only 200 OK is", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	out, err = decodeBody[T](&c.bufs, resp.Body, resp.ContentLength, c.maxBody)
	if err != nil {
		return nil, ans, Undecodable, false, err
	}
	if id := requestIDOf(out); id != "" {
		ans.RequestID = requestID(id, req.Header)
	}
	return out, ans, Decoded, false, nil
}

func requestIDOf(v any) string {
	if r, ok := v.(interface{ GetRequestId() string }); ok {
		return r.GetRequestId()
	}
	return ""
}
