package computenesttest_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/internal/acs3"
	"github.com/computenest-sdk/computenest-go/models"
)

const (
	keyID    = "LTAIfaketestkey"
	secret   = "fake-secret-must-not-leak-0xC0FFEE"
	stsKeyID = "STS.faketestkey"
	stsSec   = "sts-secret-must-not-leak-0xBEEF"
	stsToken = "sts-token-must-not-leak-0xF00D"
)

// fakeSetup is one of newFake's own settings, given among its options.
type fakeSetup int

const (
	// tlsFake starts the fake with NewTLSServer instead of NewServer.
	tlsFake fakeSetup = iota + 1
	// ownKeys leaves keyID/secret out: the options give the keys, or the
	// fake makes one up.
	ownKeys
)

// newFake starts the fake every test of the package uses and closes it when
// the test ends (a test may Close it sooner). It accepts keyID/secret, the
// key ClientConfig gives, before any key the options give, unless ownKeys
// is among args. args are computenesttest options and fakeSetup values.
// Call it with newClient, mustClient, rawCall or admin.
func newFake(t *testing.T, args ...any) *computenesttest.Server {
	t.Helper()
	start, keys := computenesttest.NewServer, []computenesttest.Option{computenesttest.WithAccessKey(keyID, secret)}
	var opts []computenesttest.Option
	for _, a := range args {
		switch a := a.(type) {
		case computenesttest.Option:
			opts = append(opts, a)
		case fakeSetup:
			switch a {
			case tlsFake:
				start = computenesttest.NewTLSServer
			case ownKeys:
				keys = nil
			}
		default:
			t.Fatalf("newFake: %T is not an option", a)
		}
	}
	srv := start(append(keys, opts...)...)
	t.Cleanup(srv.Close)
	return srv
}

// newClient returns an SDK client for srv that never retries, so every
// fault and error reaches the test as it was answered.
func newClient(t *testing.T, srv *computenesttest.Server) *client.Client {
	t.Helper()
	cfg := srv.ClientConfig()
	cfg.Retry = client.NoRetries()
	return mustClient(t, cfg)
}

func mustClient(t *testing.T, cfg *client.Config) *client.Client {
	t.Helper()
	c, err := client.NewClient(cfg)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// admin sends one admin request with plain net/http, as a test in another
// language would, and returns the status and the body.
func admin(t *testing.T, srv *computenesttest.Server, method, path, body string) (int, string) {
	t.Helper()
	r, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Error(err) // not Fatal: tests call admin from goroutines too
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if len(b) > 0 && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("%s %s: Content-Type %q", method, path, resp.Header.Get("Content-Type"))
	}
	return resp.StatusCode, string(b)
}

// apiError asserts that err is a *client.APIError with status and code.
func apiError(t *testing.T, err error, status int, code string) *client.APIError {
	t.Helper()
	var e *client.APIError
	if !errors.As(err, &e) {
		t.Fatalf("err = %T %v, want *client.APIError %d %s", err, err, status, code)
	}
	if e.StatusCode != status || e.Code != code {
		t.Fatalf("APIError = HTTP %d %q (%s), want HTTP %d %q", e.StatusCode, e.Code, e.Message, status, code)
	}
	if e.RequestId == "" {
		t.Errorf("APIError without a RequestId: %+v", e)
	}
	return e
}

// rawCall is one hand-built request, signed with acs3.Sign unless told
// otherwise.
type rawCall struct {
	action, version string // default ListBackups, 2021-06-01
	query           url.Values
	keyID, secret   string                // default keyID, secret
	token           string                // x-acs-security-token, when set
	date            time.Time             // default now
	rawDate         string                // sent verbatim when set
	nonce           string                // default random
	omit            []string              // headers left out before signing
	unsigned        bool                  // send no Authorization
	before          func(r *http.Request) // changes the request before signing
	after           func(r *http.Request) // changes the request after signing
}

// errorDoc is the documented error body.
type errorDoc struct {
	RequestId, HostId, Code, Message, Recommend string
}

type rawResult struct {
	status int
	header http.Header
	body   []byte
}

func (r rawResult) errorDoc(t *testing.T) errorDoc {
	t.Helper()
	var d errorDoc
	if err := json.Unmarshal(r.body, &d); err != nil {
		t.Fatalf("error body %q is not JSON: %v", r.body, err)
	}
	return d
}

func randomNonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// build returns the signed request of c for srv.
func (c rawCall) build(t *testing.T, srv *computenesttest.Server) *http.Request {
	t.Helper()
	if c.action == "" {
		c.action = "ListBackups"
	}
	if c.version == "" {
		c.version = "2021-06-01"
	}
	if c.keyID == "" {
		c.keyID, c.secret = keyID, secret
	}
	if c.date.IsZero() {
		c.date = time.Now()
	}
	if c.nonce == "" {
		c.nonce = randomNonce()
	}
	u := srv.URL() + "/"
	if len(c.query) > 0 {
		u += "?" + c.query.Encode() // form-style escapes, as darabonba sends
	}
	r, err := http.NewRequest(http.MethodPost, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := map[string]string{
		"x-acs-action":          c.action,
		"x-acs-version":         c.version,
		"x-acs-date":            c.date.UTC().Format("2006-01-02T15:04:05Z"),
		"x-acs-signature-nonce": c.nonce,
		"x-acs-content-sha256":  acs3.EmptyBodySHA256,
	}
	if c.rawDate != "" {
		h["x-acs-date"] = c.rawDate
	}
	if c.token != "" {
		h["x-acs-security-token"] = c.token
	}
	for k, v := range h {
		if !slices.Contains(c.omit, k) {
			r.Header.Set(k, v)
		}
	}
	if c.before != nil {
		c.before(r)
	}
	if !c.unsigned {
		r.Header.Set("Authorization", acs3.Sign(&acs3.Request{
			Method: r.Method, Path: "/", Query: c.query, Headers: r.Header, Host: r.URL.Host,
		}, c.keyID, c.secret))
	}
	if c.after != nil {
		c.after(r)
	}
	return r
}

func (c rawCall) do(t *testing.T, srv *computenesttest.Server) rawResult {
	t.Helper()
	return send(t, c.build(t, srv))
}

func send(t *testing.T, r *http.Request) rawResult {
	t.Helper()
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return rawResult{status: resp.StatusCode, header: resp.Header, body: body}
}

// listAllBackups follows NextToken to the end and returns every backup and
// every page's response.
func listAllBackups(t *testing.T, c *client.Client, req *models.ListBackupsRequest) ([]*models.Backup, []*models.ListBackupsResponse) {
	t.Helper()
	if req == nil {
		req = new(models.ListBackupsRequest)
	}
	req = req.Clone()
	var items []*models.Backup
	var pages []*models.ListBackupsResponse
	for {
		resp, err := c.ListBackups(context.Background(), req)
		if err != nil {
			t.Fatalf("ListBackups page %d: %v", len(pages)+1, err)
		}
		pages = append(pages, resp)
		items = append(items, resp.GetBackups()...)
		if resp.GetNextToken() == "" {
			return items, pages
		}
		if len(pages) > 10_000 {
			t.Fatal("listing does not end")
		}
		req.SetNextToken(resp.GetNextToken())
	}
}

func listAllRestoreTasks(t *testing.T, c *client.Client, req *models.ListRestoreTasksRequest) ([]*models.RestoreTask, []*models.ListRestoreTasksResponse) {
	t.Helper()
	if req == nil {
		req = new(models.ListRestoreTasksRequest)
	}
	req = req.Clone()
	var items []*models.RestoreTask
	var pages []*models.ListRestoreTasksResponse
	for {
		resp, err := c.ListRestoreTasks(context.Background(), req)
		if err != nil {
			t.Fatalf("ListRestoreTasks page %d: %v", len(pages)+1, err)
		}
		pages = append(pages, resp)
		items = append(items, resp.GetRestoreTasks()...)
		if resp.GetNextToken() == "" {
			return items, pages
		}
		if len(pages) > 10_000 {
			t.Fatal("listing does not end")
		}
		req.SetNextToken(resp.GetNextToken())
	}
}

func backupIDs(bs []*models.Backup) []string {
	ids := make([]string, len(bs))
	for i, b := range bs {
		ids[i] = b.GetBackupId()
	}
	return ids
}

func taskIDs(ts []*models.RestoreTask) []string {
	ids := make([]string, len(ts))
	for i, x := range ts {
		ids[i] = x.GetRestoreTaskId()
	}
	return ids
}
