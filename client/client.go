package client

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"golang.org/x/time/rate"

	"github.com/computenest-sdk/computenest-go/internal/wire"
	"github.com/computenest-sdk/computenest-go/models"
)

// Client calls Compute Nest's list actions. It is safe for concurrent use by
// many goroutines; create one per configuration and share it.
type Client struct {
	cfg      Config // a copy, for printing, with the secrets replaced by "<redacted>"
	endpoint string // host[:port]
	protocol string
	cred     *credentialSource
	conn     *wire.Conn
	defaults callOptions // a call's settings without option functions, resolved once
	limiter  *rate.Limiter
	throttle throttleGate // the service's throttling hint, for every goroutine
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
	shared := Options{Retry: cfg.Retry, Logger: cfg.Logger, Hook: cfg.Hook, AttemptTimeout: cfg.AttemptTimeout, UserAgent: cfg.UserAgent}
	defaults, err := shared.resolve("Config", callOptions{
		retry:          *DefaultRetryPolicy(),
		attemptTimeout: defaultAttemptTimeout,
		userAgent:      dara.StringValue(openapiutil.GetUserAgent(nil)), // darabonba's
	})
	if err != nil {
		return nil, fmt.Errorf("computenest: %w", err)
	}
	if cfg.RateLimit < 0 || cfg.RateBurst < 0 {
		return nil, fmt.Errorf("computenest: Config.RateLimit and RateBurst must not be negative")
	}
	cred, err := newCredentialSource(cfg)
	if err != nil {
		return nil, err
	}
	hc := wire.NewHTTPClient(cfg.HTTPClient, cmp.Or(max(cfg.ConnectTimeout, 0), defaultConnectTimeout),
		cmp.Or(max(cfg.ReadTimeout, 0), defaultReadTimeout))
	maxBody := cfg.MaxResponseBytes
	if maxBody <= 0 {
		maxBody = defaultMaxResponseBytes
	}
	conn, err := wire.NewConn(protocol, endpoint, hc, maxBody)
	if err != nil {
		return nil, fmt.Errorf("computenest: %w", err)
	}
	c := &Client{cfg: cfg.redacted(), endpoint: endpoint, protocol: protocol, cred: cred, conn: conn, defaults: defaults}
	if cfg.RateLimit > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(cfg.RateLimit), max(cfg.RateBurst, 1))
	}
	return c, nil
}

// ListBackups lists one page of the backups of Compute Nest service instances
// (RAM action computenest:ListBackups). A nil req lists the first page with
// the service's defaults. req is validated first and never modified.
// optFns change the Options of this call only.
//
// API reference: https://api.aliyun.com/api/ComputeNest/2021-06-01/ListBackups
func (c *Client) ListBackups(ctx context.Context, req *models.ListBackupsRequest, optFns ...func(*Options)) (*models.ListBackupsResponse, error) {
	return invoke(ctx, c, listBackups, req, optFns)
}

// ListRestoreTasks lists one page of restore jobs (RAM action
// computenest:ListRestoreTasks). A nil req lists the first page with the
// service's defaults. req is validated first and never modified. optFns
// change the Options of this call only.
//
// API reference: https://api.aliyun.com/api/ComputeNest/2021-06-01/ListRestoreTasks
func (c *Client) ListRestoreTasks(ctx context.Context, req *models.ListRestoreTasksRequest, optFns ...func(*Options)) (*models.ListRestoreTasksResponse, error) {
	return invoke(ctx, c, listRestoreTasks, req, optFns)
}

// Format makes every fmt verb print the client as its endpoint and its
// Config, secrets redacted.
func (c *Client) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, fmt.Sprintf("client.Client{Endpoint:%s://%s, Config:%s}", c.protocol, c.endpoint, c.cfg.String()))
}

// LogValue makes log/slog record a Client as its endpoint and its Config,
// secrets redacted.
func (c *Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("Endpoint", c.protocol+"://"+c.endpoint), slog.Any("Config", c.cfg))
}
