package client_test

// Tests that secrets stay out of JSON, slog records and echoed error pages
// in any encoding.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
)

// TestConfigJSONAndSlogRedact: encoding/json and log/slog (JSON and text
// handlers) show a Config, and a Client, with the secret and the token
// redacted, and the rest of the settings.
func TestConfigJSONAndSlogRedact(t *testing.T) {
	cfg := &client.Config{
		Endpoint: "127.0.0.1:1", Protocol: "http", AccessKeyId: testKeyID, AccessKeySecret: testSecret, SecurityToken: testToken,
		AttemptTimeout: 3 * time.Second, HTTPClient: &http.Client{},
		Retry: &client.RetryPolicy{MaxAttempts: 2, MaxElapsed: time.Second, Retryable: client.IsRetryable},
	}
	c := newClient(t, cfg)
	var out bytes.Buffer
	for _, v := range []any{cfg, *cfg} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%T): %v", v, err)
		}
		out.Write(b)
		out.WriteByte('\n')
	}
	slog.New(slog.NewJSONHandler(&out, nil)).Info("cfg", "config", cfg, "value", *cfg, "client", c)
	slog.New(slog.NewTextHandler(&out, nil)).Info("cfg", "config", cfg, "client", c)
	s := out.String()
	if strings.Contains(s, testSecret) || strings.Contains(s, testToken) {
		t.Fatalf("a secret leaked:\n%s", s)
	}
	for _, want := range []string{testKeyID, "<redacted>", "127.0.0.1:1", "3s", `"MaxAttempts":2`} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in:\n%s", want, s)
		}
	}
	var back map[string]any
	if err := json.Unmarshal(out.Bytes()[:bytes.IndexByte(out.Bytes(), '\n')], &back); err != nil || back["AccessKeySecret"] != "<redacted>" {
		t.Errorf("JSON form: %v %v", back, err)
	}
}

// TestConfigShowsEverySetting: every field of Config, set, shows by name in
// each rendering (String, %+v, JSON, slog), from the one rendering behind
// them, so a field added later cannot be left out of one of them.
func TestConfigShowsEverySetting(t *testing.T) {
	cfg := client.Config{
		RegionId: "cn-hangzhou", Network: "vpc", Endpoint: "127.0.0.1:1", Protocol: "http",
		AccessKeyId: "LTAIx", AccessKeySecret: "s3cr3t-value", SecurityToken: "t0ken-value",
		Credential: modelCredential{}, ConnectTimeout: time.Second, ReadTimeout: 2 * time.Second,
		AttemptTimeout: 3 * time.Second, HTTPClient: &http.Client{}, Retry: client.NoRetries(),
		RateLimit: 5, RateBurst: 2, Logger: slog.Default(), MaxResponseBytes: 1 << 20,
		UserAgent: "app/1", Hook: endHook(func(client.AttemptEvent) {}),
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("cfg", "config", cfg)
	forms := map[string]string{"String": cfg.String(), "%+v": fmt.Sprintf("%+v", cfg), "JSON": string(b), "slog": logged.String()}
	typ := reflect.TypeOf(cfg)
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		if reflect.ValueOf(cfg).Field(i).IsZero() {
			t.Fatalf("the test leaves Config.%s unset", name)
		}
		for form, text := range forms {
			if !strings.Contains(text, name) {
				t.Errorf("%s does not show %s: %s", form, name, text)
			}
		}
	}
	for form, text := range forms {
		if strings.Contains(text, "s3cr3t-value") || strings.Contains(text, "t0ken-value") {
			t.Errorf("%s shows a secret: %s", form, text)
		}
	}
}

// echoToken is a security token with the characters that encodings
// disagree on, as real STS tokens have.
const echoToken = "CAIS/echo+token/must=not/leak+0123456789abcdef"

// TestEchoedTokenInEveryEncoding: a gateway's error page that echoes the
// security token, in whatever encoding and wherever it is cut, shows at
// most a 16-byte run of it (docs/RELIABILITY.md) in the APIError, its
// message or the log, and never its first 8 bytes.
func TestEchoedTokenInEveryEncoding(t *testing.T) {
	jsonEsc := strings.ReplaceAll(echoToken, "/", `\/`)
	var uEsc, entities, xmlRefs strings.Builder
	for _, r := range echoToken {
		fmt.Fprintf(&uEsc, `\u%04x`, r)
		fmt.Fprintf(&entities, "&#x%X;", r)
		fmt.Fprintf(&xmlRefs, "&#%d;", r)
	}
	b64 := base64.StdEncoding.EncodeToString([]byte(echoToken))
	folded := echoToken[:12] + "\r\n " + echoToken[12:24] + "\r\n\t" + echoToken[24:]
	escapedToken := url.QueryEscape(echoToken)
	cutAt := strings.Index(escapedToken, "%2B") + 2 // "…%2", inside the escape of '+'
	surrogate := `{"m":"` + jsonEsc[:20] + `\uD83D` // half a surrogate pair at the cut
	for _, tt := range []struct {
		name   string
		status int
		body   string
		limit  int64 // Config.MaxResponseBytes
	}{
		{"JSON \\/", 400, `{"Code":"InvalidParameter","Message":"token ` + jsonEsc + ` refused","RequestId":"E1"}`, 0},
		{"JSON \\u", 400, `{"Code":"InvalidParameter","Message":"token ` + uEsc.String() + ` refused","RequestId":"E2"}`, 0},
		{"URL-encoded in HTML", 502, `<html>token=` + url.QueryEscape(echoToken) + `&x=1</html>`, 0},
		{"path-escaped", 502, `<html>/t/` + url.PathEscape(echoToken) + `</html>`, 0},
		{"URL-encoded in JSON", 400, `{"Code":"InvalidParameter","Message":"` + strings.ReplaceAll(url.QueryEscape(echoToken), "%", `\u0025`) + `"}`, 0},
		{"cut by the read limit", 502, strings.Repeat("x", 200) + echoToken, 220},
		{"cut by the quote", 502, strings.Repeat("y", 500) + echoToken, 0},
		{"lower-case hex", 502, `<p>` + strings.NewReplacer("%2F", "%2f", "%2B", "%2b", "%3D", "%3d").Replace(url.QueryEscape(echoToken)) + `</p>`, 0},
		{"HTML entities", 403, `<p>token: ` + entities.String() + `</p>`, 0},
		{"XML character references", 403, `<Token>` + xmlRefs.String() + `</Token>`, 0},
		{"base64", 403, `WAF blocked request, token ` + b64, 0},
		{"folded header lines", 400, "X-Acs-Security-Token: " + folded, 0},
		{"cut inside a percent escape", 502, `token ` + escapedToken[:cutAt], int64(len(`token `) + cutAt)},
		{"cut inside a \\u escape", 502, `{"m":"` + uEsc.String()[:len(`\u0043\u0041\u0049\u0053\u00`)], 0},
		{"cut inside a surrogate pair", 502, surrogate, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("x-acs-request-id", "ECHO")
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			})
			sink := &logSink{}
			cfg := ts.config()
			cfg.SecurityToken = echoToken
			cfg.MaxResponseBytes = tt.limit
			cfg.Logger = debugLogger(sink)
			_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
			var e *client.APIError
			if !errors.As(err, &e) || e.StatusCode != tt.status {
				t.Fatalf("err = %v", err)
			}
			shown := strings.Join([]string{err.Error(), fmt.Sprintf("%+v %#v", err, e), e.Message, e.Body, sink.String()}, "\n")
			// Nothing of the token, not even its start (8 bytes), in any encoding.
			for _, form := range []string{echoToken[:8], jsonEsc[:8], url.QueryEscape(echoToken)[:8], "echo+token", "echo%2Btoken", "must=not"} {
				if strings.Contains(shown, form) {
					t.Errorf("%q shown:\n%s", form, shown)
				}
			}
			for _, enc := range []string{echoToken, jsonEsc, uEsc.String(), escapedToken, url.PathEscape(echoToken), entities.String(), xmlRefs.String(), b64} {
				if run := longestSharedRun(shown, enc); run > 16 {
					t.Errorf("%d bytes of the token (as %.12s…) shown:\n%s", run, enc, shown)
				}
			}
		})
	}
}

// longestSharedRun is the length of the longest substring of secret that
// text holds.
func longestSharedRun(text, secret string) int {
	best := 0
	for i := range secret {
		for j := i + best + 1; j <= len(secret) && strings.Contains(text, secret[i:j]); j++ {
			best = j - i
		}
	}
	return best
}
