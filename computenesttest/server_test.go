package computenesttest_test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
	"github.com/computenest-sdk/computenest-go/models"
)

func TestServerAddressAndConfig(t *testing.T) {
	srv := newFake(t, ownKeys)
	host, _, err := net.SplitHostPort(srv.Endpoint())
	if err != nil || host != "127.0.0.1" {
		t.Errorf("Endpoint = %q", srv.Endpoint())
	}
	if srv.URL() != "http://"+srv.Endpoint() || srv.Protocol() != "http" {
		t.Errorf("URL %q Protocol %q", srv.URL(), srv.Protocol())
	}
	cfg := srv.ClientConfig()
	if cfg.Endpoint != srv.Endpoint() || cfg.Protocol != "http" || cfg.AccessKeyId == "" || cfg.AccessKeySecret == "" ||
		cfg.SecurityToken != "" || cfg.HTTPClient != nil {
		t.Errorf("ClientConfig = %v", cfg)
	}
	cfg.AccessKeyId = "changed"
	if srv.ClientConfig().AccessKeyId == "changed" {
		t.Error("ClientConfig returned a shared value")
	}
	other := newFake(t, ownKeys)
	if other.ClientConfig().AccessKeySecret == srv.ClientConfig().AccessKeySecret {
		t.Error("two servers made up the same secret")
	}
	// Its own made-up key works; the other server's does not.
	if _, err := mustClient(t, srv.ClientConfig()).ListBackups(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	cross := other.ClientConfig()
	cross.Endpoint, cross.Retry = srv.Endpoint(), client.NoRetries()
	_, err = mustClient(t, cross).ListBackups(context.Background(), nil)
	apiError(t, err, 404, "InvalidAccessKeyId.NotFound")

	srv.Close()
	srv.Close() // idempotent
	if _, err := newClient(t, srv).ListBackups(context.Background(), nil); err == nil {
		t.Error("a closed server answered")
	}
}

func TestSTSClientConfig(t *testing.T) {
	srv := newFake(t, ownKeys, computenesttest.WithSTSToken(stsKeyID, stsSec, stsToken), computenesttest.WithAccessKey(keyID, secret))
	cfg := srv.ClientConfig()
	if cfg.AccessKeyId != stsKeyID || cfg.SecurityToken != stsToken {
		t.Fatalf("ClientConfig should use the first pair given: %v", cfg)
	}
	if _, err := mustClient(t, cfg).ListRestoreTasks(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(cfg) == "" || strings.Contains(fmt.Sprint(cfg), stsToken) {
		t.Error("the config prints its token")
	}
}

func TestTLSServer(t *testing.T) {
	srv := newFake(t, tlsFake, ownKeys, computenesttest.WithDemoData(4, 12, 3))
	if !strings.HasPrefix(srv.URL(), "https://") || srv.Protocol() != "https" {
		t.Fatalf("URL %q", srv.URL())
	}
	cfg := srv.ClientConfig()
	if cfg.Protocol != "https" || cfg.HTTPClient == nil {
		t.Fatalf("ClientConfig = %v", cfg)
	}
	c := mustClient(t, cfg)
	resp, err := c.ListBackups(context.Background(), new(models.ListBackupsRequest).SetMaxResults(5))
	if err != nil || resp.GetTotalCount() != 12 || len(resp.GetBackups()) != 5 {
		t.Fatalf("%v %v", resp, err)
	}
	resp2, err := c.ListBackups(context.Background(), new(models.ListBackupsRequest).SetMaxResults(5).SetNextToken(resp.GetNextToken()))
	if err != nil || len(resp2.GetBackups()) != 5 {
		t.Fatalf("second page: %v %v", resp2, err)
	}
	// Without the test certificate, TLS verification fails.
	plain := srv.ClientConfig()
	plain.HTTPClient, plain.Retry = nil, client.NoRetries()
	if _, err := mustClient(t, plain).ListBackups(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("untrusted certificate: %v", err)
	}
}

func TestWithListener(t *testing.T) {
	l, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newFake(t, computenesttest.WithListener(l))
	if !strings.HasPrefix(srv.Endpoint(), "127.0.0.1:") {
		t.Errorf("an unspecified address should be reached through loopback: %s", srv.Endpoint())
	}
	if _, err := mustClient(t, srv.ClientConfig()).ListBackups(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
}

func TestRequestLog(t *testing.T) {
	// The log stamps requests with the server's clock, here 5 minutes
	// ahead (within the accepted skew).
	clock := func() time.Time { return time.Now().Add(5 * time.Minute) }
	live := newFake(t, computenesttest.WithDemoData(6, 5, 2), computenesttest.WithClock(clock))
	c := newClient(t, live)
	ctx := context.Background()
	resp, err := c.ListBackups(ctx, new(models.ListBackupsRequest).SetMaxResults(2).
		FilterByServiceInstanceId(computenesttest.DemoServiceInstances(6)...).FilterByStatus("Created", "a b+c"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListRestoreTasks(ctx, new(models.ListRestoreTasksRequest).SetNextToken("forged"))
	apiError(t, err, 400, "InvalidParameter")

	log := live.Requests()
	if len(log) != 2 {
		t.Fatalf("%d entries", len(log))
	}
	first, second := log[0], log[1]
	wantParams := url.Values{"MaxResults": {"2"}, "Filter.1.Name": {"ServiceInstanceId"}, "Filter.2.Name": {"Status"},
		"Filter.2.Value.1": {"Created"}, "Filter.2.Value.2": {"a b+c"}}
	for i, si := range computenesttest.DemoServiceInstances(6) {
		wantParams.Set(fmt.Sprintf("Filter.1.Value.%d", i+1), si)
	}
	if first.Action != "ListBackups" || first.AccessKeyId != keyID || first.Status != 200 || first.Code != "" ||
		first.RequestId != resp.GetRequestId() || first.Items != len(resp.GetBackups()) || first.NextToken != resp.GetNextToken() ||
		first.Fault != "" || time.Until(first.Time) < 4*time.Minute {
		t.Errorf("first entry = %+v", first)
	}
	if first.Params.Encode() != wantParams.Encode() {
		t.Errorf("Params = %v\nwant     %v", first.Params, wantParams)
	}
	if second.Action != "ListRestoreTasks" || second.Status != 400 || second.Code != "InvalidParameter" || second.Params.Get("NextToken") != "forged" {
		t.Errorf("second entry = %+v", second)
	}
	log[0].Params.Set("MaxResults", "99")
	if live.Requests()[0].Params.Get("MaxResults") != "2" {
		t.Error("Requests returned the log's own maps")
	}
	if s := fmt.Sprintf("%+v", log); strings.Contains(s, secret) || strings.Contains(s, "Signature=") {
		t.Errorf("the log holds a secret or a signature: %s", s)
	}
	live.ResetRequests()
	if len(live.Requests()) != 0 {
		t.Error("ResetRequests left entries")
	}
}

func TestRequestIDsAreFresh(t *testing.T) {
	srv := newFake(t)
	c := newClient(t, srv)
	seen := map[string]bool{}
	for range 50 {
		resp, err := c.ListBackups(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		id := resp.GetRequestId()
		if seen[id] || len(id) != 36 || strings.ToUpper(id) != id {
			t.Fatalf("RequestId %q repeated or malformed", id)
		}
		seen[id] = true
	}
}
