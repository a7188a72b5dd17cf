package client_test

// Fuzz targets for what comes back (success and error bodies of both
// actions) and for what goes out (filters and tokens, signed, through the
// real client to the fake). Their seed corpora are in testdata/fuzz/, so
// plain `go test` runs every seed; fuzz one with
//
//	go test -run '^$' -fuzz FuzzDecodeListBackups -fuzztime 45s ./client/

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

func cannedClient(t *testing.T, status int, body []byte) *client.Client {
	t.Helper()
	return newClient(t, &client.Config{
		Endpoint: "computenest.example.test", AccessKeyId: "LTAIfuzz", AccessKeySecret: "fuzz-secret",
		Retry: client.NoRetries(), HTTPClient: &http.Client{Transport: cannedTransport{status, body}},
	})
}

// wantShapeError is the rule of docs/RELIABILITY.md, written out again
// from the decoded fields: whether a body that decodes is still refused.
func wantShapeError[Item any](items []*Item, total *int32, next *string) bool {
	if items == nil && total == nil {
		return true
	}
	if items == nil && *total > 0 && (next == nil || *next == "") {
		return true
	}
	for _, it := range items {
		if it == nil {
			return true
		}
	}
	return false
}

// repeatsName reports whether body's top-level object holds a name twice,
// as strings.EqualFold compares them (encoding/json's matching): the client
// refuses such a page. Written with json.Decoder, apart from the client's
// own scanner.
func repeatsName(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	var names []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		name, _ := tok.(string)
		for _, n := range names {
			if strings.EqualFold(n, name) {
				return true
			}
		}
		names = append(names, name)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

// checkDecoded holds a success body's outcome to the rule: the client
// returns exactly what encoding/json decodes, unless the body does not
// decode or its shape is refused, and then a *client.DecodeError.
func checkDecoded[Resp any](t *testing.T, action string, body []byte, got *Resp, err error, refused func(*Resp) bool) {
	t.Helper()
	var want Resp
	decodes := json.Unmarshal(body, &want) == nil
	if err == nil {
		if !decodes || refused(&want) {
			t.Fatalf("body %q accepted; it should be a DecodeError", body)
		}
		if got == nil || !reflect.DeepEqual(*got, want) {
			t.Fatalf("body %q decoded to %+v, encoding/json says %+v", body, got, want)
		}
		return
	}
	var e *client.DecodeError
	if !errors.As(err, &e) || e.Action != action || e.StatusCode != 200 || got != nil {
		t.Fatalf("body %q: got %v, %T %v; want a *client.DecodeError", body, got, err, err)
	}
	if decodes && !refused(&want) {
		t.Fatalf("body %q refused (%v), but it decodes to an acceptable %+v", body, err, want)
	}
	if msg := e.Error(); !strings.HasPrefix(msg, "computenest: "+action+": HTTP 200") {
		t.Fatalf("error message %q", msg)
	}
	if client.IsRetryable(err) != errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("IsRetryable(%v) = %v: only a cut-off body is retried", err, client.IsRetryable(err))
	}
}

func FuzzDecodeListBackups(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, err := cannedClient(t, 200, body).ListBackups(context.Background(), nil)
		checkDecoded(t, "ListBackups", body, resp, err, func(r *models.ListBackupsResponse) bool {
			return wantShapeError(r.Backups, r.TotalCount, r.NextToken) || repeatsName(body)
		})
		if err == nil { // what a user does with a page must not panic either
			for _, b := range resp.GetBackups() {
				start, err := b.StartTimeValue() // any string may come back: an error, not a panic
				_ = fmt.Sprint(b.GetBackupId(), b.GetRetentionDays(), b.GetStatus().IsTerminal(), start, err)
			}
		}
	})
}

func FuzzDecodeListRestoreTasks(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, err := cannedClient(t, 200, body).ListRestoreTasks(context.Background(), nil)
		checkDecoded(t, "ListRestoreTasks", body, resp, err, func(r *models.ListRestoreTasksResponse) bool {
			return wantShapeError(r.RestoreTasks, r.TotalCount, r.NextToken) || repeatsName(body)
		})
		if err == nil {
			for _, rt := range resp.GetRestoreTasks() {
				end, err := rt.EndTimeValue()
				_ = fmt.Sprint(rt.GetRestoreTaskId(), rt.GetStatus().IsFailure(), end, err)
			}
		}
	})
}

// FuzzDecodeErrorBody answers status 400 to 599 with any body: the result
// is always an *APIError with that status, the service's fields when the
// body is its JSON error document, and otherwise a short printable summary
// with no run of more than 16 bytes without a space.
func FuzzDecodeErrorBody(f *testing.F) {
	f.Fuzz(func(t *testing.T, status uint16, body []byte) {
		st := 400 + int(status)%200
		action := "ListBackups"
		var err error
		var gotResp bool
		if status%2 == 1 {
			action = "ListRestoreTasks"
			resp, e := cannedClient(t, st, body).ListRestoreTasks(context.Background(), nil)
			err, gotResp = e, resp != nil
		} else {
			resp, e := cannedClient(t, st, body).ListBackups(context.Background(), nil)
			err, gotResp = e, resp != nil
		}
		var e *client.APIError
		if !errors.As(err, &e) || gotResp || e.StatusCode != st || e.Action != action {
			t.Fatalf("HTTP %d %q: %T %v", st, body, err, err)
		}
		var doc struct{ RequestId, HostId, Code, Message, Recommend string }
		if json.Unmarshal(body, &doc) == nil && doc.Code != "" {
			wantID := doc.RequestId // kept only in the shape of a request ID
			if !regexp.MustCompile(`^[0-9A-Za-z_-]{1,64}$`).MatchString(wantID) {
				wantID = ""
			}
			if e.Code != doc.Code || e.Message != doc.Message || e.RequestId != wantID || e.HostId != doc.HostId ||
				e.Recommend != doc.Recommend || e.Body != "" {
				t.Fatalf("HTTP %d %q: APIError %+v", st, body, e)
			}
		} else if e.Code != "" || !isSummary(e.Body) {
			t.Fatalf("HTTP %d %q: APIError %+v", st, body, e)
		}
		msg := err.Error()
		if !strings.Contains(msg, fmt.Sprintf("HTTP %d", st)) || len(msg) > 4*len(body)+512 {
			t.Fatalf("error message %q", msg)
		}
		wantRetry := st >= 500 || st == 429 || strings.Contains(e.Code, "Throttling")
		if client.IsRetryable(err) != wantRetry || client.IsThrottling(e) != (st == 429 || strings.Contains(e.Code, "Throttling")) {
			t.Fatalf("HTTP %d %s: IsRetryable %v, IsThrottling %v", st, e.Code, client.IsRetryable(err), client.IsThrottling(e))
		}
	})
}

// queryFake is the fake FuzzQueryFlattening sends to, and its client,
// started once per fuzzing process.
var queryFake = sync.OnceValues(func() (*computenesttest.Server, *client.Client) {
	srv := computenesttest.NewServer(computenesttest.WithSTSToken("STS.fuzz", "fuzz secret/+=", "CAIS+fuzz/token=="))
	srv.Backups().Add(new(models.Backup).SetBackupId("backup-1"))
	// One client for every input: a client per input would open a
	// connection per input.
	c, err := client.NewClient(srv.ClientConfig())
	if err != nil {
		panic(err)
	}
	return srv, c
})

// FuzzQueryFlattening sends filters with any values (and, when it picks
// no known name, any name, which the client refuses before sending unless
// it is added with AddUncheckedFilter, which sends it as it is), any
// NextToken and any MaxResults through the public client to the fake,
// which checks every signature as the service does. Whatever the client
// sends, the fake must accept its signature and see exactly the
// parameters the request held; it may refuse the parameters themselves.
func FuzzQueryFlattening(f *testing.F) {
	f.Fuzz(func(t *testing.T, pick uint8, name, v1, v2, token string, maxResults int32) {
		srv, c := queryFake()
		names := []string{models.FilterBackupId, models.FilterServiceInstanceId, models.FilterStatus, models.FilterStartTime, models.FilterEndTime}
		if int(pick) < 2*len(names) {
			name = names[int(pick)%len(names)]
		}
		values := []string{v1}
		if pick%2 == 1 {
			values = append(values, v2)
		}
		req := new(models.ListBackupsRequest).AddFilter(&models.BackupFilter{Name: &name, Value: values})
		if int(pick) >= 2*len(names) && pick%5 == 0 {
			// Any name, sent unchecked: it reaches the signer as it is.
			req = new(models.ListBackupsRequest).AddUncheckedFilter(name, values...)
		}
		if pick%3 == 0 {
			req.FilterByStatus(models.BackupStatusCreated)
		}
		if token != "" {
			req.SetNextToken(token)
		}
		if maxResults != 0 {
			req.SetMaxResults(maxResults)
		}
		srv.ResetRequests()
		_, err := c.ListBackups(context.Background(), req)

		var verr *models.ValidationError
		if errors.As(err, &verr) {
			if n := len(srv.Requests()); n != 0 {
				t.Fatalf("%d requests sent for a request that failed validation: %v", n, err)
			}
			return
		}
		var apiErr *client.APIError
		if errors.As(err, &apiErr) && (client.IsSignatureError(apiErr) || apiErr.Code == "MissingParameter" && strings.Contains(apiErr.Message, "x-acs-")) {
			t.Fatalf("the fake refused the signature: %v\nrequest: %+v", err, req)
		}
		if err != nil && apiErr == nil {
			t.Fatalf("not an API answer: %v", err)
		}
		log := srv.Requests()
		if len(log) != 1 {
			t.Fatalf("%d requests logged", len(log))
		}
		want := wantListQuery(maxResults, token, req.Filter)
		if got := log[0].Params; !reflect.DeepEqual(got, want) {
			t.Fatalf("the fake saw %q, the request held %q", got, want)
		}
	})
}

// isSummary reports whether s keeps the promise of APIError.Body for a
// foreign body: at most about 200 bytes of valid, printable UTF-8, words
// parted by single spaces, none longer than 16 bytes but "…".
func isSummary(s string) bool {
	if len(s) > 210 || !utf8.ValidString(s) {
		return false
	}
	for _, w := range strings.Split(s, " ") {
		if len(w) > 16 || s != "" && w == "" {
			return false
		}
		for _, r := range w {
			if !unicode.IsPrint(r) {
				return false
			}
		}
	}
	return true
}
