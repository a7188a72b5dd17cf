package client

import (
	"fmt"
	"log/slog"
	"net/http"
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
// Config never prints AccessKeySecret or SecurityToken: String, GoString,
// every fmt verb, MarshalJSON (encoding/json) and LogValue (log/slog) show
// them redacted.
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
	// Endpoint overrides the endpoint with host[:port], e.g. "127.0.0.1:8080";
	// RegionId and Network are then ignored.
	Endpoint string
	// Protocol is "https" (the default) or "http" (for local test servers only).
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

// String describes c with its secrets redacted.
func (c Config) String() string {
	var b strings.Builder
	b.WriteString("client.Config{")
	field := func(name, value string) {
		if value == "" {
			return
		}
		if b.Len() > len("client.Config{") {
			b.WriteString(", ")
		}
		b.WriteString(name)
		b.WriteString(":")
		b.WriteString(value)
	}
	field("RegionId", c.RegionId)
	field("Network", c.Network)
	field("Endpoint", c.Endpoint)
	field("Protocol", c.Protocol)
	field("AccessKeyId", c.AccessKeyId)
	field("AccessKeySecret", redact(c.AccessKeySecret))
	field("SecurityToken", redact(c.SecurityToken))
	if c.Credential != nil {
		field("Credential", fmt.Sprintf("%T", c.Credential))
	}
	if c.ConnectTimeout != 0 {
		field("ConnectTimeout", c.ConnectTimeout.String())
	}
	if c.ReadTimeout != 0 {
		field("ReadTimeout", c.ReadTimeout.String())
	}
	if c.AttemptTimeout != 0 {
		field("AttemptTimeout", c.AttemptTimeout.String())
	}
	if c.RateLimit != 0 {
		field("RateLimit", fmt.Sprint(c.RateLimit))
	}
	b.WriteString("}")
	return b.String()
}

// GoString is String, so %#v redacts secrets too.
func (c Config) GoString() string { return c.String() }

// Format makes every fmt verb (%v, %+v, %#v, %s, %q) print the redacted form.
func (c Config) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c.String()) }

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
