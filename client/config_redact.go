package client

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"
)

// redacted returns a copy of c whose AccessKeySecret and SecurityToken are
// "<redacted>" (or empty, when unset): what a Client keeps of its Config.
func (c *Config) redacted() Config {
	out := *c
	out.AccessKeySecret = redact(c.AccessKeySecret)
	out.SecurityToken = redact(c.SecurityToken)
	return out
}

// configView is what MarshalJSON and LogValue show of a Config: every
// setting, with the secrets redacted and the values that are code (the
// credential provider, the HTTP client, the logger, the Retryable func,
// the hook)
// named by their type or presence.
type configView struct {
	RegionId         string     `json:",omitempty"`
	Network          string     `json:",omitempty"`
	Endpoint         string     `json:",omitempty"`
	Protocol         string     `json:",omitempty"`
	AccessKeyId      string     `json:",omitempty"`
	AccessKeySecret  string     `json:",omitempty"`
	SecurityToken    string     `json:",omitempty"`
	Credential       string     `json:",omitempty"`
	ConnectTimeout   string     `json:",omitempty"`
	ReadTimeout      string     `json:",omitempty"`
	AttemptTimeout   string     `json:",omitempty"`
	HTTPClient       bool       `json:",omitempty"`
	Retry            *retryView `json:",omitempty"`
	RateLimit        float64    `json:",omitempty"`
	RateBurst        int        `json:",omitempty"`
	Logger           bool       `json:",omitempty"`
	MaxResponseBytes int64      `json:",omitempty"`
	UserAgent        string     `json:",omitempty"`
	Hook             string     `json:",omitempty"`
}

type retryView struct {
	MaxAttempts int    `json:",omitempty"`
	BaseDelay   string `json:",omitempty"`
	MaxDelay    string `json:",omitempty"`
	MaxElapsed  string `json:",omitempty"`
	Retryable   bool   `json:",omitempty"`
}

func duration(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

func (c *Config) view() configView {
	v := configView{
		RegionId: c.RegionId, Network: c.Network, Endpoint: c.Endpoint, Protocol: c.Protocol,
		AccessKeyId: c.AccessKeyId, AccessKeySecret: redact(c.AccessKeySecret), SecurityToken: redact(c.SecurityToken),
		ConnectTimeout: duration(c.ConnectTimeout), ReadTimeout: duration(c.ReadTimeout), AttemptTimeout: duration(c.AttemptTimeout),
		HTTPClient: c.HTTPClient != nil, RateLimit: c.RateLimit, RateBurst: c.RateBurst, Logger: c.Logger != nil,
		MaxResponseBytes: c.MaxResponseBytes, UserAgent: c.UserAgent,
	}
	if c.Credential != nil {
		v.Credential = fmt.Sprintf("%T", c.Credential)
	}
	if c.Hook != nil {
		v.Hook = fmt.Sprintf("%T", c.Hook)
	}
	if r := c.Retry; r != nil {
		v.Retry = &retryView{MaxAttempts: r.MaxAttempts, BaseDelay: duration(r.BaseDelay), MaxDelay: duration(r.MaxDelay),
			MaxElapsed: duration(r.MaxElapsed), Retryable: r.Retryable != nil}
	}
	return v
}

// MarshalJSON encodes c with AccessKeySecret and SecurityToken redacted,
// durations as strings ("5s"), and the credential provider by its type.
func (c Config) MarshalJSON() ([]byte, error) { return json.Marshal(c.view()) }

// LogValue makes log/slog record c as a group of its settings, with
// AccessKeySecret and SecurityToken redacted.
func (c Config) LogValue() slog.Value {
	v := c.view()
	var attrs []slog.Attr
	add := func(key, value string) {
		if value != "" {
			attrs = append(attrs, slog.String(key, value))
		}
	}
	add("RegionId", v.RegionId)
	add("Network", v.Network)
	add("Endpoint", v.Endpoint)
	add("Protocol", v.Protocol)
	add("AccessKeyId", v.AccessKeyId)
	add("AccessKeySecret", v.AccessKeySecret)
	add("SecurityToken", v.SecurityToken)
	add("Credential", v.Credential)
	add("ConnectTimeout", v.ConnectTimeout)
	add("ReadTimeout", v.ReadTimeout)
	add("AttemptTimeout", v.AttemptTimeout)
	if v.HTTPClient {
		attrs = append(attrs, slog.Bool("HTTPClient", true))
	}
	if r := v.Retry; r != nil {
		attrs = append(attrs, slog.Group("Retry", "MaxAttempts", r.MaxAttempts, "BaseDelay", r.BaseDelay,
			"MaxDelay", r.MaxDelay, "MaxElapsed", r.MaxElapsed, "Retryable", r.Retryable))
	}
	if v.RateLimit != 0 {
		attrs = append(attrs, slog.Float64("RateLimit", v.RateLimit), slog.Int("RateBurst", v.RateBurst))
	}
	if v.Logger {
		attrs = append(attrs, slog.Bool("Logger", true))
	}
	if v.MaxResponseBytes != 0 {
		attrs = append(attrs, slog.Int64("MaxResponseBytes", v.MaxResponseBytes))
	}
	add("UserAgent", v.UserAgent)
	add("Hook", v.Hook)
	return slog.GroupValue(attrs...)
}

// LogValue makes log/slog record a Client as its endpoint and its Config,
// secrets redacted.
func (c *Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("Endpoint", c.endpoint), slog.String("Protocol", c.protocol),
		slog.Any("Config", c.cfg))
}
