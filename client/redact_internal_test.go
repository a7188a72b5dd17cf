package client

import (
	"fmt"
	"strings"
	"testing"
)

// TestClientKeepsNoRawSecret: the Client's copy of its Config holds the
// secret and the token only as "<redacted>"; the credential provider is
// the one place that holds them.
func TestClientKeepsNoRawSecret(t *testing.T) {
	const secret, token = "raw-secret-0123456789", "raw-token-0123456789"
	c, err := NewClient(&Config{AccessKeyId: "LTAIx", AccessKeySecret: secret, SecurityToken: token})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.AccessKeySecret != "<redacted>" || c.cfg.SecurityToken != "<redacted>" {
		t.Errorf("the Client's Config copy holds %q and %q", c.cfg.AccessKeySecret, c.cfg.SecurityToken)
	}
	if s := fmt.Sprintf("%+v", c.cfg); strings.Contains(s, secret) || strings.Contains(s, token) {
		t.Errorf("leak: %s", s)
	}
}
