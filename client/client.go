package client

import (
	"cmp"
	"context"
	"fmt"
	"net/url"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"golang.org/x/time/rate"

	"github.com/computenest-sdk/computenest-go/models"
)

// Client calls Compute Nest's list actions. It is safe for concurrent use by
// many goroutines; create one per configuration and share it.
type Client struct {
	cfg      Config // a copy, for String, with the secrets replaced by "<redacted>"
	cred     *credentialSource
	sender   sender // sends every attempt through the client newHTTPClient made
	endpoint string
	protocol string
	baseURL  *url.URL    // protocol://endpoint/, parsed once
	bufs     bufferPool  // buffers for response bodies
	defaults callOptions // a call's settings without option functions, resolved once
	limiter  *rate.Limiter
	maxBody  int64
	throttle throttleGate // the service's throttling hint, for every goroutine
	skew     clockSkew    // the service's clock minus ours, learnt from InvalidTimeStamp.Expired
}

// NewClient checks cfg and returns a Client. A nil cfg is the zero Config.
// It does not contact the network; missing credentials are reported by the
// first call as a *CredentialsError.
func NewClient(cfg *Config) (*Client, error) {
	if cfg == nil {
		cfg = &Config{}
	}
	endpoint, protocol, err := cfg.endpoint()
	if err != nil {
		return nil, err
	}
	cred, err := newCredentialSource(cfg)
	if err != nil {
		return nil, err
	}
	retry, err := resolveRetry(cfg.Retry, "Config.Retry")
	if err != nil {
		return nil, fmt.Errorf("computenest: %w", err)
	}
	if cfg.AttemptTimeout < 0 {
		return nil, fmt.Errorf("computenest: Config.AttemptTimeout must not be negative")
	}
	c := &Client{
		cfg:      cfg.redacted(),
		endpoint: endpoint,
		protocol: protocol,
		maxBody:  cfg.MaxResponseBytes,
		defaults: callOptions{
			retry:          retry,
			logger:         cfg.Logger,
			hook:           cfg.Hook,
			attemptTimeout: cmp.Or(cfg.AttemptTimeout, defaultAttemptTimeout),
			maxElapsedErr:  errMaxElapsed{retry.MaxElapsed},
			// darabonba's User-Agent, with the caller's suffix.
			userAgent: dara.StringValue(openapiutil.GetUserAgent(dara.String(cfg.UserAgent))),
		},
	}
	if c.maxBody <= 0 {
		c.maxBody = defaultMaxResponseBytes
	}
	if cfg.RateLimit < 0 || cfg.RateBurst < 0 {
		return nil, fmt.Errorf("computenest: Config.RateLimit and RateBurst must not be negative")
	}
	if cfg.RateLimit > 0 {
		burst := max(cfg.RateBurst, 1)
		c.limiter = rate.NewLimiter(rate.Limit(cfg.RateLimit), burst)
	}
	c.cred = cred
	c.sender = newSender(newHTTPClient(cfg))
	if c.baseURL, err = url.Parse(protocol + "://" + endpoint + "/"); err != nil {
		return nil, fmt.Errorf("computenest: endpoint %q: %w", endpoint, err)
	}
	return c, nil
}

// Endpoint returns the host[:port] the client calls.
func (c *Client) Endpoint() string { return c.endpoint }

// String describes the client without its secrets.
func (c *Client) String() string {
	return fmt.Sprintf("client.Client{Endpoint:%s, Protocol:%s, Config:%s}", c.endpoint, c.protocol, c.cfg.String())
}

// GoString is String, so %#v redacts secrets too.
func (c *Client) GoString() string { return c.String() }

// Format makes every fmt verb print the redacted form.
func (c *Client) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c.String()) }

// ListBackups lists one page of the backups of Compute Nest service instances
// (RAM action computenest:ListBackups). A nil req lists the first page with
// the service's defaults. req is validated first and never modified.
// optFns change the Options of this call only.
//
// API reference: https://api.aliyun.com/api/ComputeNest/2021-06-01/ListBackups
func (c *Client) ListBackups(ctx context.Context, req *models.ListBackupsRequest, optFns ...func(*Options)) (*models.ListBackupsResponse, error) {
	return invoke[models.ListBackupsResponse](ctx, c, "ListBackups", req, optFns)
}

// ListRestoreTasks lists one page of restore jobs (RAM action
// computenest:ListRestoreTasks). A nil req lists the first page with the
// service's defaults. req is validated first and never modified. optFns
// change the Options of this call only.
//
// API reference: https://api.aliyun.com/api/ComputeNest/2021-06-01/ListRestoreTasks
func (c *Client) ListRestoreTasks(ctx context.Context, req *models.ListRestoreTasksRequest, optFns ...func(*Options)) (*models.ListRestoreTasksResponse, error) {
	return invoke[models.ListRestoreTasksResponse](ctx, c, "ListRestoreTasks", req, optFns)
}
