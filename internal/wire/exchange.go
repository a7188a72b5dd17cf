package wire

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/aliyun/credentials-go/credentials"
)

// Exchange sends one signed request for action with query and decodes the
// answer into a new T. How it ended:
//
//   - out is the page: a 200 OK, decoded;
//   - ans.Status is 0: no answer arrived (err says why; a *url.Error when
//     sending failed);
//   - ans.Status is 400 or above: an error answer, which ans describes
//     (err is nil);
//   - otherwise err says why the answer is not a page (another status, a
//     body that could not be read to the end or decoded).
//
// It reads an error answer's body up to 64 KiB (or the Conn's limit, if
// smaller), and redacts from what it returns every secret the request
// carried. When the service refused the request's date and its own Date
// says this machine's clock is off, the Conn's clock is corrected and
// ans.Resend is set: sign again at once.
func Exchange[T any](ctx context.Context, c *Conn, action string, query []Param, cred *credentials.CredentialModel, userAgent string) (out *T, ans Answer, err error) {
	req, err := c.newRequest(ctx, action, query, cred, userAgent)
	if err != nil {
		return nil, ans, err
	}
	resp, err := c.sender.send(req)
	if err != nil {
		return nil, ans, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		ans = errorAnswer(resp, min(c.maxBody, maxErrorBody), req.Header)
		if ans.Doc != nil && ans.Doc.Code == "InvalidTimeStamp.Expired" {
			ans.Resend = c.clock.Learn(resp.Header.Get("Date"), time.Now())
		}
		return nil, ans, nil
	}
	ans = Answer{
		Status:      resp.StatusCode,
		RequestID:   requestID(resp.Header.Get("X-Acs-Request-Id"), req.Header), // canonical: Get allocates nothing
		ContentType: mediaType(resp.Header.Get("Content-Type")),
	}
	if resp.StatusCode != http.StatusOK {
		return nil, ans, fmt.Errorf("HTTP %d %s is not an answer to a list call: only 200 OK is", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	out, err = decodeBody[T](&c.bufs, resp.Body, resp.ContentLength, c.maxBody)
	if err != nil {
		return nil, ans, err
	}
	if id := requestIDOf(out); id != "" && id != ans.RequestID { // the header's was checked
		ans.RequestID = requestID(id, req.Header)
	}
	return out, ans, nil
}

func requestIDOf(v any) string {
	if r, ok := v.(interface{ GetRequestId() string }); ok {
		return r.GetRequestId()
	}
	return ""
}
