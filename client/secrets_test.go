package client_test

// TestSecretsNeverLeak drives every error path of the SDK with distinctive
// credentials and a debug logger that captures everything, then looks for
// the secret, the security token and every signature the client sent in
// every error string, every fmt form of every error and of the SDK's
// values, and the whole log.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/credentials-go/credentials"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

const (
	leakKeyID       = "STS.leakcheck"
	leakSecret      = "SECRET-c0ffee-must-not-leak"
	leakToken       = "TOKEN-beef-must-not-leak"
	leakWrongSecret = "SECRET-decaf-must-not-leak"
	leakWrongToken  = "TOKEN-dead-must-not-leak"
)

// signatureRecorder is a RoundTripper that remembers every Authorization
// header the client sent, so the test can look for the signatures.
type signatureRecorder struct {
	base *http.Transport
	mu   sync.Mutex
	auth []string
}

func (r *signatureRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if a := req.Header.Get("Authorization"); a != "" {
		r.mu.Lock()
		r.auth = append(r.auth, a)
		r.mu.Unlock()
	}
	return r.base.RoundTrip(req)
}

// signatures returns the Signature= values sent so far.
func (r *signatureRecorder) signatures() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, a := range r.auth {
		if _, sig, ok := strings.Cut(a, "Signature="); ok {
			out = append(out, sig)
		}
	}
	return out
}

// failingCredential is a credential provider that is down.
type failingCredential struct{ credentials.Credential }

func (failingCredential) GetCredential() (*credentials.CredentialModel, error) {
	return nil, errors.New("the credential provider is unreachable")
}

// headerEcho answers with status and a body that repeats every request
// header, as some proxies' and debugging servers' error pages do.
func headerEcho(status int, asJSON bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		// The secrets first, so they fall within the part an APIError quotes.
		fmt.Fprintf(&b, "Authorization: %s\nX-Acs-Security-Token: %s\n", r.Header.Get("Authorization"), r.Header.Get("X-Acs-Security-Token"))
		for name, values := range r.Header {
			fmt.Fprintf(&b, "%s: %s\n", name, strings.Join(values, ","))
		}
		if asJSON {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"RequestId":"ECHO","Code":"InvalidParameter","Message":%q}`, b.String())
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		io.WriteString(w, "<html><body><pre>"+b.String()+"</pre></body></html>")
	}
}

func TestSecretsNeverLeak(t *testing.T) {
	srv := newFake(t,
		computenesttest.WithSTSToken(leakKeyID, leakSecret, leakToken),
		computenesttest.WithDemoData(5, 40, 20),
	)
	srv.Backups().Add(new(models.Backup).SetBackupId("backup-creating").SetStatus(models.BackupStatusCreating))
	srv.RestoreTasks().Add(new(models.RestoreTask).SetRestoreTaskId("restore-failed").
		SetStatus(models.RestoreTaskStatusRestoreFailed).SetStatusDetail("disk i-1 failed"))

	sink := &logSink{}
	rec := &signatureRecorder{base: &http.Transport{}}
	t.Cleanup(rec.base.CloseIdleConnections)
	fast := &client.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}
	config := func(edit func(*client.Config)) *client.Config {
		cfg := srv.ClientConfig()
		cfg.Logger = debugLogger(sink)
		cfg.HTTPClient = &http.Client{Transport: rec}
		cfg.Retry = fast
		if edit != nil {
			edit(cfg)
		}
		return cfg
	}
	if cfg := config(nil); cfg.AccessKeyId != leakKeyID || cfg.AccessKeySecret != leakSecret || cfg.SecurityToken != leakToken {
		t.Fatalf("the fake's ClientConfig does not carry the test's STS credentials: %v", cfg)
	}

	var shown []any // everything whose printed forms are checked
	var errs []error
	var mu sync.Mutex
	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
			return
		}
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	ctx := context.Background()
	c := newClient(t, config(nil))
	shown = append(shown, c, config(nil), *config(nil))

	// A call that succeeds, so the log has success lines too.
	if _, err := c.ListBackups(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListRestoreTasks(ctx, new(models.ListRestoreTasksRequest).SetMaxResults(5)); err != nil {
		t.Fatal(err)
	}

	// API errors of each kind.
	_, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetNextToken("bogus"))
	check("InvalidParameter", err)
	for _, f := range []computenesttest.Fault{
		{Kind: computenesttest.FaultThrottle, Times: 2, RetryAfter: time.Millisecond},
		{Kind: computenesttest.FaultServerError, Times: 2},
		{Kind: computenesttest.FaultServerError, Times: 2, Status: 500},
		{Kind: computenesttest.FaultHTMLBody, Times: 2},
		{Kind: computenesttest.FaultEmptyBody, Status: 500, Times: 2},
		{Kind: computenesttest.FaultDropConnection, Times: 2},
		// Decode errors.
		{Kind: computenesttest.FaultEmptyBody},
		{Kind: computenesttest.FaultHTMLBody, Status: 200},
		{Kind: computenesttest.FaultTruncatedBody, Times: 2},
	} {
		srv.InjectFault(f)
		_, err := c.ListBackups(ctx, nil)
		check(f.Kind.String(), err)
	}
	srv.ClearFaults()
	big := newClient(t, config(func(cfg *client.Config) { cfg.MaxResponseBytes = 512 }))
	_, err = big.ListBackups(ctx, nil)
	check("too large", err)

	// Signature, key and token errors.
	for name, edit := range map[string]func(*client.Config){
		"wrong secret":  func(cfg *client.Config) { cfg.AccessKeySecret = leakWrongSecret },
		"wrong token":   func(cfg *client.Config) { cfg.SecurityToken = leakWrongToken },
		"missing token": func(cfg *client.Config) { cfg.SecurityToken = "" },
		"unknown key":   func(cfg *client.Config) { cfg.AccessKeyId = "LTAIunknown" },
	} {
		bad := newClient(t, config(edit))
		shown = append(shown, bad)
		_, err := bad.ListRestoreTasks(ctx, nil)
		check(name, err)
	}

	// Credentials errors: a provider that fails, and the default chain
	// with a secret and a token in the environment but no key ID.
	cred := newClient(t, config(func(cfg *client.Config) {
		cfg.AccessKeyId, cfg.AccessKeySecret, cfg.SecurityToken = "", "", ""
		cfg.Credential = failingCredential{}
	}))
	_, err = cred.ListBackups(ctx, nil)
	check("credential provider", err)
	for _, v := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
		"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_ECS_METADATA"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", leakSecret)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", leakToken)
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("HOME", t.TempDir())
	chain := newClient(t, config(func(cfg *client.Config) { cfg.AccessKeyId, cfg.AccessKeySecret, cfg.SecurityToken = "", "", "" }))
	_, err = chain.ListBackups(ctx, nil)
	var credErr *client.CredentialsError
	if !errors.As(err, &credErr) {
		t.Errorf("default chain without a key ID: %v", err)
	}
	check("default chain", err)
	_, err = client.NewClient(&client.Config{AccessKeySecret: leakSecret, SecurityToken: leakToken})
	check("NewClient without a key ID", err)

	// Context errors: ended before the call, during a slow answer, during
	// a backoff.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = c.ListBackups(cancelled, nil)
	check("cancelled", err)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: time.Minute})
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	_, err = c.ListBackups(short, nil)
	cancel()
	check("deadline mid-request", err)
	srv.ClearFaults()
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultThrottle, RetryAfter: time.Minute})
	patient := newClient(t, config(func(cfg *client.Config) { cfg.Retry = &client.RetryPolicy{MaxAttempts: 3, MaxDelay: time.Hour} }))
	short, cancel = context.WithTimeout(ctx, 50*time.Millisecond)
	_, err = patient.ListBackups(short, nil)
	cancel()
	check("deadline mid-backoff", err)
	srv.ClearFaults()
	limited := newClient(t, config(func(cfg *client.Config) { cfg.RateLimit = 0.01 }))
	limited.ListBackups(ctx, nil) //nolint:errcheck // takes the one token
	short, cancel = context.WithTimeout(ctx, 20*time.Millisecond)
	_, err = limited.ListBackups(short, nil)
	cancel()
	check("deadline waiting for the rate limit", err)

	// Network errors: nothing listening, with and without TLS.
	nowhere := newClient(t, config(func(cfg *client.Config) { cfg.Endpoint = "127.0.0.1:1" }))
	_, err = nowhere.ListBackups(ctx, nil)
	check("connection refused", err)
	tlsFake := computenesttest.NewTLSServer(computenesttest.WithSTSToken(leakKeyID, leakSecret, leakToken))
	t.Cleanup(tlsFake.Close)
	untrusted := newClient(t, config(func(cfg *client.Config) {
		cfg.Endpoint, cfg.Protocol = tlsFake.Endpoint(), "https"
		cfg.HTTPClient = nil // the SDK's own transport: the fake's certificate is not trusted
	}))
	_, err = untrusted.ListBackups(ctx, nil)
	check("untrusted certificate", err)

	// Proxies that echo the request's headers back.
	for _, tt := range []struct {
		status int
		json   bool
	}{{400, false}, {502, false}, {400, true}, {200, false}} {
		ts := newTestServer(t, headerEcho(tt.status, tt.json))
		echo := newClient(t, config(func(cfg *client.Config) {
			cfg.Endpoint = strings.TrimPrefix(ts.URL, "http://")
		}))
		_, err := echo.ListBackups(ctx, nil)
		check(fmt.Sprintf("echo %d json=%v", tt.status, tt.json), err)
		var apiErr *client.APIError
		if tt.status >= 400 && (!errors.As(err, &apiErr) || apiErr.Body+apiErr.Message == "") {
			t.Errorf("echoed headers: %v, want an *APIError that shows something of the body", err)
		}
	}

	// Validation errors.
	_, err = c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(1000))
	check("MaxResults", err)
	_, err = c.ListRestoreTasks(ctx, new(models.ListRestoreTasksRequest).AddFilter(restoreTaskFilter("Secret", leakSecret)))
	check("filter name", err)

	// Paginator errors.
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultRepeatNextToken})
	_, err = listAll(client.NewListBackupsPaginator(c, nil, func(o *client.PaginatorOptions) { o.PageSize = 10 }).Items(ctx))
	check("repeated token", err)
	srv.ClearFaults()
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultEmptyPageWithToken, Times: 3})
	_, err = listAll(client.NewListRestoreTasksPaginator(c, nil, func(o *client.PaginatorOptions) { o.MaxEmptyPages = 1 }).Items(ctx))
	check("empty pages", err)
	srv.ClearFaults()
	_, err = listAll(client.NewListBackupsPaginator(c, nil, func(o *client.PaginatorOptions) { o.MaxItems = 5 }).Items(ctx))
	check("MaxItems", err)
	p := client.NewListBackupsPaginator(c, nil, func(o *client.PaginatorOptions) { o.PageSize = 500 })
	_, err = p.NextPage(ctx)
	check("PageSize", err)
	shown = append(shown, p, client.NewListRestoreTasksPaginator(c, nil))
	for _, err := range client.NewListBackupsPaginator(c, nil).Items(cancelled) {
		check("iterator with a cancelled context", err)
		break
	}

	// Waiter errors.
	fastPoll := func(o *client.WaiterOptions) {
		o.MinDelay, o.MaxDelay, o.MaxWait = time.Millisecond, 2*time.Millisecond, 100*time.Millisecond
	}
	_, err = client.WaitForBackup(ctx, c, "backup-nope", fastPoll)
	check("waiter not found", err)
	_, err = client.WaitForRestoreTask(ctx, c, "restore-failed", fastPoll)
	check("waiter failed", err)
	_, err = client.WaitForBackup(ctx, c, "backup-creating", fastPoll)
	check("waiter timeout", err)
	_, err = client.WaitForBackup(ctx, c, "backup-creating", func(o *client.WaiterOptions) { o.MinDelay = -1 })
	check("waiter options", err)

	// Now look everywhere.
	secrets := []string{leakSecret, leakToken, leakWrongSecret, leakWrongToken}
	sigs := rec.signatures()
	if len(sigs) < 20 {
		t.Fatalf("only %d signatures recorded", len(sigs))
	}
	look := func(where, s string) {
		t.Helper()
		for _, secret := range secrets {
			if strings.Contains(s, secret) {
				t.Errorf("%s shows %q:\n%s", where, secret, s)
			}
		}
		for _, sig := range sigs {
			if strings.Contains(s, sig) {
				t.Errorf("%s shows the signature %s:\n%s", where, sig, s)
			}
		}
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q"}
	for _, err := range errs {
		look("error", err.Error())
		for _, verb := range verbs {
			look("error "+verb, fmt.Sprintf(verb, err))
		}
		// Every error in the chain, printed on its own.
		for e := err; e != nil; e = errors.Unwrap(e) {
			for _, verb := range verbs {
				look(fmt.Sprintf("wrapped %T %s", e, verb), fmt.Sprintf(verb, e))
			}
		}
	}
	for _, v := range shown {
		for _, verb := range verbs {
			look(fmt.Sprintf("%T %s", v, verb), fmt.Sprintf(verb, v))
		}
	}
	log := sink.String()
	look("log", log)
	if n := len(sink.attempts(t)); n < len(errs) {
		t.Errorf("%d attempt lines for %d errors: the log did not see the calls", n, len(errs))
	}
}
