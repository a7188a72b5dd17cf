package client_test

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"

	"github.com/computenest-sdk/computenest-go/client"
)

// memDoer is darabonba's HttpClient over an in-memory http.Client.
type memDoer struct{ hc *http.Client }

func (d memDoer) Call(r *http.Request, _ *http.Transport) (*http.Response, error) { return d.hc.Do(r) }

// cpuPaths are the benchmark's paths with every HTTP client answering from
// memory: sdk, vendor and the floors as in the network benchmarks, and darabonba,
// darabonba-openapi's CallApiWithCtx alone (BodyType "binary", the body read
// and dropped): what the SDK handed darabonba per call before it built and
// signed requests itself.
func cpuPaths(tb testing.TB, body []byte) (paths, *openapi.Client) {
	tb.Helper()
	hc := &http.Client{Transport: cannedTransport{http.StatusOK, body}}
	sdk := newClient(tb, &client.Config{
		Endpoint: "computenest.cn-hangzhou.aliyuncs.com", AccessKeyId: benchKeyID, AccessKeySecret: benchSecret, HTTPClient: hc,
	})
	cfg := &openapi.Config{
		Endpoint:        dara.String("computenest.cn-hangzhou.aliyuncs.com"),
		AccessKeyId:     dara.String(benchKeyID),
		AccessKeySecret: dara.String(benchSecret),
		HttpClient:      memDoer{hc},
	}
	vendor := new(vendorClient)
	if err := vendor.Init(cfg); err != nil {
		tb.Fatal(err)
	}
	api, err := openapi.NewClient(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	floor := &floorClient{hc: hc, endpoint: "https://computenest.cn-hangzhou.aliyuncs.com/"}
	return paths{sdk: sdk, vendor: vendor, floor: floor, floorAll: floor.readingAll()}, api
}

func callAPIOnly(ctx context.Context, api *openapi.Client, action string, maxResults string) error {
	res, err := api.CallApiWithCtx(ctx, &openapi.Params{
		Action: dara.String(action), Version: dara.String(client.APIVersion), Protocol: dara.String("HTTPS"),
		Pathname: dara.String("/"), Method: dara.String("POST"), AuthType: dara.String("AK"), Style: dara.String("RPC"),
		ReqBodyType: dara.String("formData"), BodyType: dara.String("binary"),
	}, &openapi.OpenApiRequest{Query: map[string]*string{"MaxResults": dara.String(maxResults)}}, &dara.RuntimeOptions{})
	if err != nil {
		return err
	}
	body := res["body"].(io.ReadCloser)
	_, err = io.Copy(io.Discard, body)
	body.Close()
	return err
}

// BenchmarkClientCPU is the client's own work per call, the network taken
// out: RestoreTasks1 is the fixed cost of a call (building, signing, sending
// through net/http, decoding one item); Backups100 adds the decoding of a
// full page.
func BenchmarkClientCPU(b *testing.B) {
	ctx := context.Background()
	b.Run("RestoreTasks1", func(b *testing.B) {
		p, api := cpuPaths(b, mustJSON(b, benchRestoreTasks(1)))
		for _, name := range append(pathNames, "darabonba") {
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var err error
					if name == "darabonba" {
						err = callAPIOnly(ctx, api, "ListRestoreTasks", "1")
					} else {
						_, err = p.listRestoreTasks(ctx, name, 1)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
	b.Run("Backups100", func(b *testing.B) {
		p, _ := cpuPaths(b, mustJSON(b, benchBackups(100, "AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9Em")))
		for _, name := range pathNames {
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if resp, err := p.listBackups(ctx, name, 100, ""); err != nil || len(resp.Backups) != 100 {
						b.Fatalf("%v, %d backups", err, len(resp.GetBackups()))
					}
				}
			})
		}
	})
}

// TestClientCPUPathsDecodeAlike keeps the in-memory comparison fair too.
func TestClientCPUPathsDecodeAlike(t *testing.T) {
	want := benchBackups(100, "AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9Em")
	p, _ := cpuPaths(t, mustJSON(t, want))
	for _, name := range pathNames {
		got, err := p.listBackups(context.Background(), name, 100, "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s decoded a different page", name)
		}
	}
}
