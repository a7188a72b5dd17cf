package client_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// TestEndpointResolution: the region comes from Config.RegionId, then
// ALIBABA_CLOUD_REGION_ID, then the default; Network "vpc" picks the VPC
// endpoint; a region the SDK does not document gets the endpoint
// darabonba's rule builds; Config.Endpoint overrides all of it.
func TestEndpointResolution(t *testing.T) {
	tests := []struct {
		name, env string
		cfg       client.Config
		want      string
	}{
		{"default", "", client.Config{}, "computenest.cn-hangzhou.aliyuncs.com"},
		{"env", "ap-southeast-1", client.Config{}, "computenest.ap-southeast-1.aliyuncs.com"},
		{"env with spaces", " ap-southeast-1\n", client.Config{}, "computenest.ap-southeast-1.aliyuncs.com"},
		{"RegionId beats env", "ap-southeast-1", client.Config{RegionId: "cn-hangzhou"}, "computenest.cn-hangzhou.aliyuncs.com"},
		{"vpc", "", client.Config{RegionId: "ap-southeast-1", Network: "vpc"}, "computenest-vpc.ap-southeast-1.aliyuncs.com"},
		{"VPC from env region", "cn-hangzhou", client.Config{Network: "VPC"}, "computenest-vpc.cn-hangzhou.aliyuncs.com"},
		{"public", "", client.Config{RegionId: "cn-hangzhou", Network: "public"}, "computenest.cn-hangzhou.aliyuncs.com"},
		{"undocumented region", "", client.Config{RegionId: "cn-shanghai"}, "computenest.cn-shanghai.aliyuncs.com"},
		{"undocumented region from env, vpc", "eu-central-1", client.Config{Network: "vpc"}, "computenest-vpc.eu-central-1.aliyuncs.com"},
		{"Endpoint beats all", "cn-shanghai", client.Config{RegionId: "x", Network: "vpc", Endpoint: "127.0.0.1:8080"}, "127.0.0.1:8080"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ALIBABA_CLOUD_REGION_ID", tt.env)
			cfg := tt.cfg
			cfg.AccessKeyId, cfg.AccessKeySecret = "a", "b"
			c, err := client.NewClient(&cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(c); !strings.Contains(got, "Endpoint:https://"+tt.want+",") {
				t.Errorf("client %s, want endpoint %q", got, tt.want)
			}
		})
	}
}

// TestEndpointRejectsMalformedRegion: a region ID that could not be part of
// a host name is an error naming where it came from, never a request to a
// host the caller did not mean.
func TestEndpointRejectsMalformedRegion(t *testing.T) {
	for _, env := range []string{"cn-hangzhou.evil.example", "CN-HANGZHOU", "cn hangzhou", "-cn", "cn--x"} {
		t.Setenv("ALIBABA_CLOUD_REGION_ID", env)
		_, err := client.NewClient(&client.Config{AccessKeyId: "a", AccessKeySecret: "b"})
		if err == nil || !strings.Contains(err.Error(), "ALIBABA_CLOUD_REGION_ID") || !strings.Contains(err.Error(), "not a region ID") {
			t.Errorf("%s=%q: err = %v, want one naming the variable", "ALIBABA_CLOUD_REGION_ID", env, err)
		}
	}
}

// TestEndpointTakesAURL: Config.Endpoint takes a test server's URL as it
// is, its scheme setting the protocol, and the client lists through it.
func TestEndpointTakesAURL(t *testing.T) {
	srv := newFake(t)
	srv.Backups().Add(new(models.Backup).SetBackupId("backup-1"))
	cfg := srv.ClientConfig()
	cfg.Endpoint, cfg.Protocol = srv.URL(), ""
	c := newClient(t, cfg)
	if got := fmt.Sprint(c); !strings.Contains(got, "Endpoint:"+srv.URL()+",") {
		t.Errorf("client %s, want the endpoint %s", got, srv.URL())
	}
	resp, err := c.ListBackups(context.Background(), nil)
	if err != nil || len(resp.GetBackups()) != 1 {
		t.Fatalf("listing through %s: %v", srv.URL(), err)
	}
	cfg.Endpoint = srv.URL() + "/"
	if _, err := newClient(t, cfg).ListBackups(context.Background(), nil); err != nil {
		t.Errorf("with a trailing slash: %v", err)
	}
}
