package client

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aliyun/credentials-go/credentials"
)

// APIVersion is the Compute Nest API version every call of this SDK uses.
const APIVersion = "2021-06-01"

// Config configures a Client. The zero value is usable: it talks to
// cn-hangzhou over HTTPS with credentials from the credentials-go default
// chain, retries with DefaultRetryPolicy, has no rate limit and logs
// nothing. docs/RELIABILITY.md describes retries, limits and logging.
//
// Config never prints AccessKeySecret or SecurityToken: String, every fmt
// verb, MarshalJSON (encoding/json) and LogValue (log/slog) show one
// rendering of it, with them redacted.
type Config struct {
	// RegionId selects the endpoint, e.g. "cn-hangzhou"; when empty, the
	// ALIBABA_CLOUD_REGION_ID environment variable, then DefaultRegionId.
	// The endpoint is computenest.<region>.aliyuncs.com, as darabonba's
	// endpoint rule builds it, for any well-formed region ID; only the
	// KnownRegions are documented for Compute Nest.
	RegionId string
	// Network is "public" (the default, also "") or "vpc", for the VPC
	// endpoint computenest-vpc.<region>.aliyuncs.com.
	Network string
	// Endpoint overrides the endpoint with host[:port], e.g.
	// "computenest.cn-hangzhou.aliyuncs.com", or with a URL, e.g.
	// "http://127.0.0.1:8080" (a test server's URL), whose scheme sets the
	// protocol. RegionId and Network are then ignored.
	Endpoint string
	// Protocol is "https" (the default) or "http" (for local test servers
	// only), for an Endpoint given without a scheme.
	Protocol string

	// AccessKeyId and AccessKeySecret are static keys; SecurityToken makes them
	// STS credentials. Leave all empty to use Credential or the default chain.
	AccessKeyId     string
	AccessKeySecret string
	SecurityToken   string
	// Credential is any credentials-go credential (RAM role, OIDC, profile...).
	// It is used when AccessKeyId is empty.
	Credential credentials.Credential

	// ConnectTimeout bounds dialing a connection and the TLS handshake of
	// one attempt (default 5s). It applies to the SDK's own HTTP client
	// only: with Config.HTTPClient set, that client's transport decides.
	ConnectTimeout time.Duration
	// ReadTimeout bounds the wait for response headers of one attempt
	// (default 10s). Like ConnectTimeout it applies to the SDK's own HTTP
	// client only; AttemptTimeout bounds every attempt either way.
	ReadTimeout time.Duration
	// AttemptTimeout bounds one attempt as a whole, from sending the
	// request to reading the last byte of the body (default 30s). It is a
	// deadline on the attempt's context, so it holds with any HTTPClient,
	// and it also ends a body that stalls or trickles in. An attempt that
	// runs out of it is retried like a dropped connection; the caller's own
	// ctx ending is never retried. RetryPolicy.MaxElapsed bounds the whole
	// call, retries included.
	AttemptTimeout time.Duration
	// HTTPClient replaces the HTTP client (its Transport, TLS settings, proxies).
	// When nil, the SDK builds one from the timeouts above and keeps its
	// connections alive across calls. The SDK uses a copy whose
	// CheckRedirect is replaced: redirects are never followed.
	// AttemptTimeout and RetryPolicy.MaxElapsed apply either way.
	HTTPClient *http.Client

	// Retry is the retry policy; nil means DefaultRetryPolicy (4 attempts,
	// jittered backoff from 200ms doubling to at most 10s, or the wait the
	// service asks for). To send every request once, set
	//
	//	Retry: client.NoRetries()
	Retry *RetryPolicy
	// RateLimit, when above zero, caps this client's requests per second
	// across all its goroutines: a token bucket (golang.org/x/time/rate)
	// refilled at RateLimit per second and holding RateBurst tokens. Every
	// attempt, retries included, takes a token; a call whose ctx ends
	// while it waits for one fails with ctx's error. Zero means no limit.
	RateLimit float64
	// RateBurst is the token bucket's size for RateLimit (default 1).
	RateBurst int
	// Logger, when set, receives one line per attempt at slog.LevelDebug
	// with the attributes action, attempt, status, request_id, duration,
	// retry_in (when the call will be retried) and error (when it failed);
	// nil logs nothing. No line holds a secret, security token or
	// signature.
	Logger *slog.Logger
	// MaxResponseBytes caps a success body (default 8 MiB): a larger body
	// is a *DecodeError wrapping ErrResponseTooLarge, read no further than
	// the cap. An error answer's body is read up to 64 KiB, or
	// MaxResponseBytes if smaller.
	MaxResponseBytes int64
	// UserAgent is appended to the SDK's User-Agent.
	UserAgent string
	// Hook, when set, receives every attempt's events (see Hook), for
	// tracing; Options.Hook replaces it for one call.
	Hook Hook
}

const (
	defaultConnectTimeout   = 5 * time.Second
	defaultReadTimeout      = 10 * time.Second
	defaultAttemptTimeout   = 30 * time.Second
	defaultMaxResponseBytes = 8 << 20
)

// setting is one setting of a Config as it is shown: a name and a value
// (a string, a number, a bool, or a group of settings).
type setting struct {
	name  string
	value any
}

// settings is the one rendering of c that String, every fmt verb,
// MarshalJSON and LogValue show: each setting that is not zero, in the
// order of the fields, with AccessKeySecret and SecurityToken redacted and
// the values that are code (the credential provider, the HTTP client, the
// logger, the hook, Retryable) named by their type or presence.
func (c *Config) settings() []setting {
	var out []setting
	add := func(name string, value any, zero bool) {
		if !zero {
			out = append(out, setting{name, value})
		}
	}
	str := func(name, v string) { add(name, v, v == "") }
	dur := func(name string, d time.Duration) { add(name, d.String(), d == 0) }
	typ := func(name string, v any) { add(name, fmt.Sprintf("%T", v), v == nil) }
	str("RegionId", c.RegionId)
	str("Network", c.Network)
	str("Endpoint", c.Endpoint)
	str("Protocol", c.Protocol)
	str("AccessKeyId", c.AccessKeyId)
	str("AccessKeySecret", redact(c.AccessKeySecret))
	str("SecurityToken", redact(c.SecurityToken))
	typ("Credential", c.Credential)
	dur("ConnectTimeout", c.ConnectTimeout)
	dur("ReadTimeout", c.ReadTimeout)
	dur("AttemptTimeout", c.AttemptTimeout)
	add("HTTPClient", true, c.HTTPClient == nil)
	if r := c.Retry; r != nil {
		retry := retrySettings(r)
		out = append(out, setting{"Retry", retry})
	}
	add("RateLimit", c.RateLimit, c.RateLimit == 0)
	add("RateBurst", c.RateBurst, c.RateBurst == 0)
	add("Logger", true, c.Logger == nil)
	add("MaxResponseBytes", c.MaxResponseBytes, c.MaxResponseBytes == 0)
	str("UserAgent", c.UserAgent)
	typ("Hook", c.Hook)
	return out
}

// retrySettings renders a retry policy as a group of settings; every field
// is shown, zero or not.
func retrySettings(r *RetryPolicy) []setting {
	return []setting{
		{"MaxAttempts", r.MaxAttempts},
		{"BaseDelay", r.BaseDelay.String()},
		{"MaxDelay", r.MaxDelay.String()},
		{"MaxElapsed", r.MaxElapsed.String()},
		{"Retryable", r.Retryable != nil},
	}
}

// String describes c with its secrets redacted, e.g.
// "client.Config{RegionId:cn-hangzhou, AccessKeySecret:<redacted>}".
func (c Config) String() string {
	var b strings.Builder
	b.WriteString("client.Config")
	writeSettings(&b, c.settings())
	return b.String()
}

func writeSettings(b *strings.Builder, settings []setting) {
	b.WriteByte('{')
	for i, s := range settings {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s.name)
		b.WriteByte(':')
		if group, ok := s.value.([]setting); ok {
			writeSettings(b, group)
		} else {
			fmt.Fprint(b, s.value)
		}
	}
	b.WriteByte('}')
}

// Format makes every fmt verb (%v, %+v, %#v, %s, %q, %d...) print String.
func (c Config) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c.String()) }

// MarshalJSON encodes String's settings as a JSON object, secrets
// redacted.
func (c Config) MarshalJSON() ([]byte, error) { return marshalSettings(nil, c.settings()) }

func marshalSettings(buf []byte, settings []setting) ([]byte, error) {
	buf = append(buf, '{')
	for i, s := range settings {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendQuote(buf, s.name)
		buf = append(buf, ':')
		var err error
		if group, ok := s.value.([]setting); ok {
			buf, err = marshalSettings(buf, group)
		} else {
			var v []byte
			v, err = json.Marshal(s.value)
			buf = append(buf, v...)
		}
		if err != nil {
			return nil, err
		}
	}
	return append(buf, '}'), nil
}

// LogValue makes log/slog record String's settings as a group, secrets
// redacted.
func (c Config) LogValue() slog.Value { return logSettings(c.settings()) }

func logSettings(settings []setting) slog.Value {
	attrs := make([]slog.Attr, len(settings))
	for i, s := range settings {
		if group, ok := s.value.([]setting); ok {
			attrs[i] = slog.Attr{Key: s.name, Value: logSettings(group)}
		} else {
			attrs[i] = slog.Any(s.name, s.value)
		}
	}
	return slog.GroupValue(attrs...)
}

// redacted returns a copy of c whose AccessKeySecret and SecurityToken are
// "<redacted>" (or empty, when unset): what a Client keeps of its Config.
func (c *Config) redacted() Config {
	out := *c
	out.AccessKeySecret = redact(c.AccessKeySecret)
	out.SecurityToken = redact(c.SecurityToken)
	return out
}

func redact(secret string) string {
	if secret == "" {
		return ""
	}
	return "<redacted>"
}

// formatRedacted writes s for any verb, so no verb can reach the raw fields.
func formatRedacted(f fmt.State, verb rune, s string) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", s)
		return
	}
	fmt.Fprint(f, s)
}
