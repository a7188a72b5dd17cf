package wire

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"
)

// APIVersion is the Compute Nest API version every request names.
const APIVersion = "2021-06-01"

// Conn is what one client's attempts share: the endpoint, the HTTP client,
// the buffers bodies are read into, the body limit and the service's clock.
// It is safe for concurrent use.
type Conn struct {
	host    string
	base    *url.URL // protocol://host/, parsed once
	sender  sender
	bufs    bufferPool
	maxBody int64
	clock   Clock
}

// NewConn returns the Conn of a client that calls host (host[:port]) over
// protocol ("https" or "http") with hc, reading success bodies of at most
// maxBody bytes.
func NewConn(protocol, host string, hc *http.Client, maxBody int64) (*Conn, error) {
	base, err := url.Parse(protocol + "://" + host + "/")
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: %w", host, err)
	}
	return &Conn{host: host, base: base, sender: newSender(hc), maxBody: maxBody}, nil
}

// NewHTTPClient returns the client every attempt is sent with (through its
// Transport alone when Do would add nothing: see sender): a shallow copy of
// hc, or, when hc is nil, one whose dial and TLS handshake take at most
// connect and whose response headers at most read, with connections kept
// alive across calls. Either way redirects are not followed: Go would follow one
// to another host with every header but Authorization, the security token
// among them, and an RPC endpoint never redirects.
func NewHTTPClient(hc *http.Client, connect, read time.Duration) *http.Client {
	var out http.Client
	if hc != nil {
		out = *hc
	} else {
		out.Transport = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   connect,
			ResponseHeaderTimeout: read,
			MaxIdleConnsPerHost:   64,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	out.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &out
}

const (
	signatureAlgorithm = "ACS3-HMAC-SHA256"
	// emptyBodySHA256 is the hex SHA-256 of the empty body every RPC call sends.
	emptyBodySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// header is one request header: a lower-case name and its value.
type header struct{ name, value string }

// newRequest builds the signed HTTP request of one attempt: what
// darabonba-openapi's CallApi sends for an RPC action, headers, query and
// Authorization byte for byte (signing_test.go checks it), without what
// CallApi builds per call and throws away (docs/PERFORMANCE.md).
//
// query is sorted by name (Query); it is read, never changed. userAgent is
// the whole User-Agent header.
func (c *Conn) newRequest(ctx context.Context, action string, query []Param, cred *credentials.CredentialModel, userAgent string) (*http.Request, error) {
	credType := dara.StringValue(cred.Type)
	if credType == "bearer" {
		query = append(query[:len(query):len(query)], Param{"SignatureType", "BEARERTOKEN"})
		sortParams(query)
	}
	// The URL is the base parsed once in NewConn and the query: no
	// parsing per call. The "" URL parses to an empty one, filled in place.
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "", nil)
	if err != nil {
		return nil, err
	}
	*req.URL = *c.base
	if len(query) > 0 {
		req.URL.RawQuery = encodeQuery(query)
	}
	req.Host = c.host

	// host and the x-acs-* headers: the ones ACS3 signs, sorted as it wants.
	var buf [10]header
	acs := append(buf[:0],
		header{"host", c.host},
		header{"x-acs-action", action},
		header{"x-acs-content-sha256", emptyBodySHA256},
		header{"x-acs-date", c.clock.timestamp()},
		header{"x-acs-signature-nonce", nonce()},
		header{"x-acs-version", APIVersion},
	)
	if cred.ProviderName != nil {
		acs = append(acs, header{"x-acs-credentials-provider", *cred.ProviderName})
	}
	switch credType {
	case "bearer":
		acs = append(acs, header{"x-acs-bearer-token", dara.StringValue(cred.BearerToken)})
	case "id_token":
		acs = append(acs, header{"x-acs-zero-trust-idtoken", dara.StringValue(cred.SecurityToken)})
	default:
		if token := dara.StringValue(cred.SecurityToken); token != "" {
			acs = append(acs,
				header{"x-acs-accesskey-id", dara.StringValue(cred.AccessKeyId)},
				header{"x-acs-security-token", token})
		}
	}
	slices.SortFunc(acs, func(a, b header) int { return strings.Compare(a.name, b.name) })

	// One map of the right size, and one backing array for every header's
	// one value (each a full slice expression, so an append by a transport
	// cannot overwrite its neighbour). Names are sent as darabonba sends them.
	hdr := make(http.Header, len(acs)+3)
	values := make([]string, 0, len(acs)+3)
	set := func(name, value string) {
		values = append(values, value)
		n := len(values)
		hdr[name] = values[n-1 : n : n]
	}
	for _, h := range acs {
		if h.name != "host" { // req.Host carries it
			set(h.name, h.value)
		}
	}
	set("accept", "application/json")
	set("User-Agent", userAgent)
	if credType != "bearer" && credType != "id_token" {
		set("Authorization", sign(query, acs, dara.StringValue(cred.AccessKeyId), dara.StringValue(cred.AccessKeySecret)))
	}
	req.Header = hdr
	return req, nil
}

// nonce is a fresh x-acs-signature-nonce: 128 random bits in hex, the shape
// of darabonba's (an MD5 in hex) but from crypto/rand.
func nonce() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
	return hex.EncodeToString(b[:])
}
