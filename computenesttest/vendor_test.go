package computenesttest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"

	"github.com/computenest-sdk/computenest-go/computenesttest"
)

// vendorFilter is the generated SDK's Filter (computenest-20210601).
type vendorFilter struct {
	Name  *string   `json:"Name,omitempty" xml:"Name,omitempty"`
	Value []*string `json:"Value,omitempty" xml:"Value,omitempty" type:"Repeated"`
}

// vendorList calls action as Alibaba Cloud's generated Go SDK does: the
// request flattened by openapiutil.Query, sent by darabonba's own HTTP
// client with BodyType "json", the body handed back as a map.
func vendorList(ctx context.Context, c *openapi.Client, action string, query map[string]any) (map[string]any, error) {
	res, err := c.CallApiWithCtx(ctx, &openapiutil.Params{
		Action: dara.String(action), Version: dara.String("2021-06-01"), Protocol: dara.String("HTTPS"),
		Pathname: dara.String("/"), Method: dara.String("POST"), AuthType: dara.String("AK"),
		Style: dara.String("RPC"), ReqBodyType: dara.String("formData"), BodyType: dara.String("json"),
	}, &openapiutil.OpenApiRequest{Query: openapiutil.Query(query)}, &dara.RuntimeOptions{})
	if err != nil {
		return nil, err
	}
	body, _ := res["body"].(map[string]any)
	return body, nil
}

// TestVendorStyleClient checks that a client built the way the vendor's
// generated SDK is, not this module's, pages through the fake unchanged:
// with darabonba's default ACS3-HMAC-SHA256 signature, and with
// SignatureAlgorithm "v2", which sends CallApi down DoRPCRequest and its
// signature version 1.0 (HMAC-SHA1) parameters, as older clients do.
func TestVendorStyleClient(t *testing.T) {
	for _, tt := range []struct {
		name      string
		algorithm *string
	}{
		{"ACS3-HMAC-SHA256", nil},
		{"signature version 1.0", dara.String("v2")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFake(t, computenesttest.WithDemoData(12, 45, 10), computenesttest.WithSTSToken(stsKeyID, stsSec, stsToken))
			cfg := srv.ClientConfig()
			c, err := openapi.NewClient(&openapi.Config{
				AccessKeyId: dara.String(cfg.AccessKeyId), AccessKeySecret: dara.String(cfg.AccessKeySecret),
				Endpoint: dara.String(cfg.Endpoint), Protocol: dara.String(cfg.Protocol),
				SignatureAlgorithm: tt.algorithm,
			})
			if err != nil {
				t.Fatal(err)
			}
			testVendorClient(t, srv, c)

			// The scheme the requests were signed with shows in their
			// parameters: version 1.0 sends its signature's parameters
			// (the log drops Signature itself), ACS3 sends headers.
			v1 := tt.algorithm != nil
			for _, r := range srv.Requests() {
				if got := r.Params.Get("SignatureMethod") == "HMAC-SHA1" && r.Params.Get("SignatureVersion") == "1.0"; got != v1 {
					t.Errorf("%s request with parameters %v", tt.name, r.Params)
				}
				if r.Params.Has("Signature") || r.AccessKeyId != cfg.AccessKeyId || r.Action == "" {
					t.Errorf("request log entry %+v", r)
				}
			}

			sts, err := openapi.NewClient(&openapi.Config{
				AccessKeyId: dara.String(stsKeyID), AccessKeySecret: dara.String(stsSec), SecurityToken: dara.String(stsToken),
				Endpoint: dara.String(cfg.Endpoint), Protocol: dara.String(cfg.Protocol),
				SignatureAlgorithm: tt.algorithm,
			})
			if err != nil {
				t.Fatal(err)
			}
			if body, err := vendorList(context.Background(), sts, "ListBackups", map[string]any{}); err != nil || body["TotalCount"] == nil {
				t.Errorf("STS credential: %v %v", body, err)
			}
			for _, r := range srv.Requests() {
				if strings.Contains(fmt.Sprint(r.Params), stsToken) {
					t.Errorf("the security token is in the request log: %v", r.Params)
				}
			}
		})
	}
}

// testVendorClient lists through c, a darabonba client for srv: every
// page of a two-valued filter, ListRestoreTasks, and a forged NextToken.
func testVendorClient(t *testing.T, srv *computenesttest.Server, c *openapi.Client) {
	t.Helper()
	ctx := context.Background()
	si := computenesttest.DemoServiceInstances(12)
	var want []string
	for _, b := range srv.Backups().All() {
		if b.GetServiceInstanceId() == si[0] || b.GetServiceInstanceId() == si[1] {
			want = append(want, b.GetBackupId())
		}
	}

	filter := []*vendorFilter{{Name: dara.String("ServiceInstanceId"), Value: []*string{dara.String(si[0]), dara.String(si[1])}}}
	var got []string
	query := map[string]any{"Filter": filter, "MaxResults": dara.Int32(4)}
	for page := 0; ; page++ {
		body, err := vendorList(ctx, c, "ListBackups", query)
		if err != nil {
			t.Fatalf("page %d: %v", page+1, err)
		}
		items, _ := body["Backups"].([]any)
		for _, it := range items {
			got = append(got, it.(map[string]any)["BackupId"].(string))
		}
		token, _ := body["NextToken"].(string)
		if token == "" {
			break
		}
		query["NextToken"] = dara.String(token)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") || len(want) <= 4 {
		t.Errorf("vendor-style listing: got %v, want %v (more than one page)", got, want)
	}
	if p := srv.Requests()[0].Params; p.Get("Filter.1.Name") != "ServiceInstanceId" || p.Get("Filter.1.Value.2") != si[1] {
		t.Errorf("flattened parameters: %v", p)
	}

	body, err := vendorList(ctx, c, "ListRestoreTasks", map[string]any{})
	if tasks, _ := body["RestoreTasks"].([]any); err != nil || len(tasks) != srv.RestoreTasks().Len() {
		t.Fatalf("ListRestoreTasks: %v %v", body, err)
	}

	// Errors reach darabonba's own error type with the service's code.
	_, err = vendorList(ctx, c, "ListBackups", map[string]any{"NextToken": dara.String("forged")})
	if err == nil || !strings.Contains(err.Error(), "InvalidParameter") {
		t.Errorf("forged token: %v", err)
	}
}
