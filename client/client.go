package client

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"
	"golang.org/x/time/rate"

	"github.com/computenest-sdk/computenest-go/models"
)

// Client calls Compute Nest's list actions. It is safe for concurrent use by
// many goroutines; create one per configuration and share it.
type Client struct {
	cfg       Config // a copy, for String; secrets stay redacted
	cred      credentials.Credential
	hc        *http.Client
	endpoint  string
	protocol  string
	baseURL   string // protocol://endpoint/
	userAgent string
	bufs      bufferPool // buffers for response bodies
	retry     RetryPolicy
	limiter   *rate.Limiter
	logger    *slog.Logger
	maxBody   int64
	throttle  throttleGate // the service's throttling hint, for every goroutine
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
	cred, err := newCredential(cfg)
	if err != nil {
		return nil, err
	}
	retry, err := cfg.retryPolicy()
	if err != nil {
		return nil, err
	}
	c := &Client{
		cfg:      *cfg,
		endpoint: endpoint,
		protocol: protocol,
		retry:    retry,
		logger:   cfg.Logger,
		maxBody:  cfg.MaxResponseBytes,
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
	c.hc = newHTTPClient(cfg)
	c.baseURL = protocol + "://" + endpoint + "/"
	// darabonba's User-Agent, with the caller's suffix.
	c.userAgent = dara.StringValue(openapiutil.GetUserAgent(dara.String(cfg.UserAgent)))
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

// newCredential picks static keys, then cfg.Credential, then the
// credentials-go default chain, and wraps it so failures are typed.
func newCredential(cfg *Config) (credentials.Credential, error) {
	var (
		cred credentials.Credential
		err  error
	)
	switch {
	case cfg.AccessKeyId != "" || cfg.AccessKeySecret != "":
		if cfg.AccessKeyId == "" || cfg.AccessKeySecret == "" {
			return nil, fmt.Errorf("computenest: Config.AccessKeyId and Config.AccessKeySecret must be set together")
		}
		cc := &credentials.Config{
			Type:            dara.String("access_key"),
			AccessKeyId:     dara.String(cfg.AccessKeyId),
			AccessKeySecret: dara.String(cfg.AccessKeySecret),
		}
		if cfg.SecurityToken != "" {
			cc.Type = dara.String("sts")
			cc.SecurityToken = dara.String(cfg.SecurityToken)
		}
		cred, err = credentials.NewCredential(cc)
	case cfg.SecurityToken != "":
		return nil, fmt.Errorf("computenest: Config.SecurityToken needs Config.AccessKeyId and Config.AccessKeySecret")
	case cfg.Credential != nil:
		cred = cfg.Credential
	default:
		cred, err = credentials.NewCredential(nil) // the default chain
	}
	if err != nil {
		return nil, &CredentialsError{Err: err}
	}
	return typedCredential{cred}, nil
}

// typedCredential turns a provider's failure into a *CredentialsError that
// says how to provide credentials.
type typedCredential struct{ credentials.Credential }

// GetCredential returns the provider's credentials, or a *CredentialsError.
func (t typedCredential) GetCredential() (*credentials.CredentialModel, error) {
	m, err := t.Credential.GetCredential()
	if err != nil {
		return nil, &CredentialsError{Err: err}
	}
	return m, nil
}
