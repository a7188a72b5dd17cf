package client_test

// Benchmarks of the SDK's own cost per page, against two references fetched
// from the same canned local server in the same run:
//
//   - sdk:    this SDK (Client.ListBackups / ListRestoreTasks / Backups);
//   - vendor: Alibaba Cloud's generated-SDK path (bench_vendor_test.go);
//   - floor:  an unsigned net/http POST decoded with encoding/json
//     (json.NewDecoder on the body) into the same models structs: the bare,
//     idiomatic client, with no signature, validation or error mapping;
//   - floorReadAll: the same, but the body read whole (io.ReadAll) and
//     decoded with json.Unmarshal, as the SDK reads it.
//
// The server answers every request with the same prebuilt bytes and checks
// nothing, so its cost is the same for all paths; what differs is the
// client's work. docs/PERFORMANCE.md has the command and the figures.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

const (
	benchKeyID  = "LTAIbenchkeyid"
	benchSecret = "bench-secret-0xC0FFEE"
)

// benchBackups returns a page of n backups shaped like the service's: every
// field present except RetentionDays on every third item, both time offsets
// the service uses, and a StatusDetail with a trailing tab.
func benchBackups(n int, nextToken string) *models.ListBackupsResponse {
	statuses := models.BackupStatuses()
	page := &models.ListBackupsResponse{
		TotalCount: dara.Int32(int32(n)),
		RequestId:  dara.String("BB58FE53-ED8F-5D12-9746-CD3A5F463D95"),
		MaxResults: dara.Int32(int32(100)),
		Backups:    make([]*models.Backup, n),
	}
	if nextToken != "" {
		page.NextToken = &nextToken
	}
	for i := range n {
		b := new(models.Backup).
			SetBackupId(fmt.Sprintf("backup-4e13aa8ca6a34150%04x", i)).
			SetServiceInstanceId(fmt.Sprintf("si-7b6138dfce1e4c41%04x", i%7)).
			SetStartTime(fmt.Sprintf("2025-06-30T16:%02d:00Z", i%60)).
			SetEndTime(fmt.Sprintf("2025-06-30T17:%02d:00Z", i%60)).
			SetStatus(statuses[i%len(statuses)]).
			SetDescription("nightly backup of the production database").
			SetBackupMode(models.BackupMode([]string{"Manual", "Automatic"}[i%2])).
			SetStatusDetail("Disk i-xxxx backup failed, error message: error\t").
			SetModifiedTime(fmt.Sprintf("2024-09-03T19:%02d:38+08:00", i%60)).
			SetCreateTime(fmt.Sprintf("2024-09-03T19:%02d:38+08:00", i%60))
		if i%3 != 0 {
			b.SetRetentionDays(int32(1 + i%30))
		}
		page.Backups[i] = b
	}
	return page
}

// benchRestoreTasks returns a page of n restore jobs shaped like the service's.
func benchRestoreTasks(n int) *models.ListRestoreTasksResponse {
	statuses := models.RestoreTaskStatuses()
	page := &models.ListRestoreTasksResponse{
		TotalCount:   dara.Int32(int32(n)),
		RequestId:    dara.String("464C8CB6-A548-5206-B83C-D32A8E43EC21"),
		NextToken:    dara.String("BBBAAfu+XtuBE55iRLHEYYuojI4="),
		MaxResults:   dara.Int32(int32(100)),
		RestoreTasks: make([]*models.RestoreTask, n),
	}
	for i := range n {
		page.RestoreTasks[i] = new(models.RestoreTask).
			SetRestoreTaskId(fmt.Sprintf("restore-8c367c27c84e%04x", i)).
			SetServiceInstanceId(fmt.Sprintf("si-8c367c27c84e44a7%04x", i%5)).
			SetBackupId(fmt.Sprintf("backup-728f128bf92c4e3d%04x", i)).
			SetStartTime(fmt.Sprintf("2025-01-27T16:%02d:00Z", i%60)).
			SetEndTime(fmt.Sprintf("2025-01-27T18:%02d:00Z", i%60)).
			SetStatus(statuses[i%len(statuses)]).
			SetStatusDetail("i-xxxx failed, error message: error").
			SetCreateTime(fmt.Sprintf("2023-09-07T11:%02d:37Z", i%60)).
			SetModifiedTime(fmt.Sprintf("2025-05-07T12:%02d:16+08:00", i%60))
	}
	return page
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// cannedServer answers every request with body, as the service would: 200,
// JSON content type, a request ID header and an exact Content-Length.
func cannedServer(tb testing.TB, body []byte) *httptest.Server {
	tb.Helper()
	length := strconv.Itoa(len(body))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"] = []string{"application/json;charset=utf-8"}
		h["Content-Length"] = []string{length}
		h["X-Acs-Request-Id"] = []string{"BB58FE53-ED8F-5D12-9746-CD3A5F463D95"}
		w.Write(body)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// paths holds the clients under comparison, all pointed at one server.
type paths struct {
	sdk      *client.Client
	vendor   *vendorClient
	floor    *floorClient // json.NewDecoder on the body
	floorAll *floorClient // io.ReadAll, then json.Unmarshal
}

func newPaths(tb testing.TB, srv *httptest.Server) paths {
	tb.Helper()
	host := strings.TrimPrefix(srv.URL, "http://")
	sdk := newClient(tb, &client.Config{
		Endpoint:        host,
		Protocol:        "http",
		AccessKeyId:     benchKeyID,
		AccessKeySecret: benchSecret,
	})
	vendor, err := newVendorClient(host, benchKeyID, benchSecret)
	if err != nil {
		tb.Fatal(err)
	}
	floor := &floorClient{
		hc:       &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second}},
		endpoint: srv.URL + "/",
	}
	tb.Cleanup(floor.hc.CloseIdleConnections)
	return paths{sdk: sdk, vendor: vendor, floor: floor, floorAll: floor.readingAll()}
}

// floorClient is a bare client: build a URL, POST it, decode the body with
// encoding/json. No signature, no validation, no error mapping.
type floorClient struct {
	hc       *http.Client
	endpoint string
	readAll  bool // read the body whole and json.Unmarshal it, instead of json.NewDecoder
}

// readingAll returns a copy of f, sharing its http.Client, that reads the
// body whole before decoding it.
func (f *floorClient) readingAll() *floorClient {
	g := *f
	g.readAll = true
	return &g
}

func (f *floorClient) call(ctx context.Context, action string, query url.Values, out any) error {
	u := f.endpoint
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("x-acs-action", action)
	req.Header.Set("x-acs-version", client.APIVersion)
	resp, err := f.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	if f.readAll {
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		return json.Unmarshal(body, out)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body) // let the connection be reused
	return err
}

func floorQuery(maxResults int32, nextToken string) url.Values {
	q := url.Values{"MaxResults": {strconv.Itoa(int(maxResults))}}
	if nextToken != "" {
		q.Set("NextToken", nextToken)
	}
	return q
}

func (p paths) listBackups(ctx context.Context, name string, maxResults int32, nextToken string) (*models.ListBackupsResponse, error) {
	switch name {
	case "sdk":
		req := new(models.ListBackupsRequest).SetMaxResults(maxResults)
		if nextToken != "" {
			req.SetNextToken(nextToken)
		}
		return p.sdk.ListBackups(ctx, req)
	case "vendor":
		req := &vendorListBackupsRequest{MaxResults: dara.Int32(maxResults)}
		if nextToken != "" {
			req.NextToken = dara.String(nextToken)
		}
		resp, err := p.vendor.ListBackups(ctx, req)
		if err != nil {
			return nil, err
		}
		return resp.Body.toModels(), nil
	default:
		out := new(models.ListBackupsResponse)
		return out, p.floorNamed(name).call(ctx, "ListBackups", floorQuery(maxResults, nextToken), out)
	}
}

func (p paths) listRestoreTasks(ctx context.Context, name string, maxResults int32) (*models.ListRestoreTasksResponse, error) {
	switch name {
	case "sdk":
		return p.sdk.ListRestoreTasks(ctx, new(models.ListRestoreTasksRequest).SetMaxResults(maxResults))
	case "vendor":
		resp, err := p.vendor.ListRestoreTasks(ctx, &vendorListRestoreTasksRequest{MaxResults: dara.Int32(maxResults)})
		if err != nil {
			return nil, err
		}
		return resp.Body.toModels(), nil
	default:
		out := new(models.ListRestoreTasksResponse)
		return out, p.floorNamed(name).call(ctx, "ListRestoreTasks", floorQuery(maxResults, ""), out)
	}
}

// floorNamed is the floor client the path name selects.
func (p paths) floorNamed(name string) *floorClient {
	if name == "floorReadAll" {
		return p.floorAll
	}
	return p.floor
}

var pathNames = []string{"sdk", "vendor", "floor", "floorReadAll"}

// TestBenchPathsDecodeAlike makes the comparison fair: for every page the
// benchmarks fetch, the three paths decode exactly the same values, equal to
// the page the server was built from.
func TestBenchPathsDecodeAlike(t *testing.T) {
	ctx := context.Background()
	backups := benchBackups(100, "AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9Em")
	bp := newPaths(t, cannedServer(t, mustJSON(t, backups)))
	for _, name := range pathNames {
		got, err := bp.listBackups(ctx, name, 100, "")
		if err != nil {
			t.Fatalf("%s ListBackups: %v", name, err)
		}
		if !reflect.DeepEqual(got, backups) {
			t.Errorf("%s ListBackups decoded\n%s\nwant\n%s", name, mustJSON(t, got), mustJSON(t, backups))
		}
	}
	for _, n := range []int{1, 100} {
		tasks := benchRestoreTasks(n)
		rp := newPaths(t, cannedServer(t, mustJSON(t, tasks)))
		for _, name := range pathNames {
			got, err := rp.listRestoreTasks(ctx, name, int32(n))
			if err != nil {
				t.Fatalf("%s ListRestoreTasks(%d): %v", name, n, err)
			}
			if !reflect.DeepEqual(got, tasks) {
				t.Errorf("%s ListRestoreTasks(%d) decoded\n%s\nwant\n%s", name, n, mustJSON(t, got), mustJSON(t, tasks))
			}
		}
	}
}

// BenchmarkListBackups100 fetches one page of 100 backups per iteration.
func BenchmarkListBackups100(b *testing.B) {
	p := newPaths(b, cannedServer(b, mustJSON(b, benchBackups(100, "AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9Em"))))
	ctx := context.Background()
	for _, name := range pathNames {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				resp, err := p.listBackups(ctx, name, 100, "")
				if err != nil || len(resp.Backups) != 100 {
					b.Fatalf("%v, %d backups", err, len(resp.GetBackups()))
				}
			}
		})
	}
}

func benchRestoreTasksPage(b *testing.B, n int) {
	p := newPaths(b, cannedServer(b, mustJSON(b, benchRestoreTasks(n))))
	ctx := context.Background()
	for _, name := range pathNames {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				resp, err := p.listRestoreTasks(ctx, name, int32(n))
				if err != nil || len(resp.RestoreTasks) != n {
					b.Fatalf("%v, %d restore tasks", err, len(resp.GetRestoreTasks()))
				}
			}
		})
	}
}

// BenchmarkListRestoreTasks1 fetches one page of 1 restore job per iteration:
// almost no decoding, so this is the fixed cost of a call.
func BenchmarkListRestoreTasks1(b *testing.B) { benchRestoreTasksPage(b, 1) }

// BenchmarkListRestoreTasks100 fetches one page of 100 restore jobs per iteration.
func BenchmarkListRestoreTasks100(b *testing.B) { benchRestoreTasksPage(b, 100) }

// pageToken is the NextToken of page p (0-based): as long as the service's
// (96 characters), so what a listing keeps per page is measured honestly.
func pageToken(p int) string {
	return fmt.Sprintf("AAAAAc3HCuYhJi/wvpk4xOr0VLYoaeZA6xVdkCrmG9EmGshtmECUGpq9Qm7x5vQkpz9NXH0XzUc9t4Kxaf3U%010d", p)
}

// pagingServer serves a listing of total backups (a multiple of 100) in
// pages of 100. Every page holds the same 100 prebuilt items but for the
// page number written into their IDs (paginators drop an item they have
// returned already), and its NextToken, so serving a page costs the server
// the same every time and allocates nothing.
func pagingServer(tb testing.TB, total int) *httptest.Server {
	tb.Helper()
	srv := httptest.NewServer(pagingHandler(tb, total))
	tb.Cleanup(srv.Close)
	return srv
}

// pagingHandler is pagingServer's handler.
func pagingHandler(tb testing.TB, total int) http.Handler {
	tb.Helper()
	pages := total / 100
	// The items' JSON, cut where each BackupId's 16 hex digits go.
	const idMarker = "4e13aa8ca6a34150"
	items := bytes.Split(mustJSON(tb, benchBackups(100, "").Backups), []byte(idMarker))
	itemsLen := (len(items) - 1) * len(idMarker)
	for _, part := range items {
		itemsLen += len(part)
	}
	head := fmt.Appendf(nil, `{"TotalCount":%d,"RequestId":"BB58FE53-ED8F-5D12-9746-CD3A5F463D95","MaxResults":100,`, total)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		p := 0
		if t := r.URL.Query().Get("NextToken"); t != "" {
			n, err := strconv.Atoi(strings.TrimPrefix(t, pageToken(0)[:len(pageToken(0))-10]))
			if err != nil || n <= 0 || n >= pages {
				http.Error(w, `{"Code":"InvalidParameter","Message":"bad NextToken"}`, http.StatusBadRequest)
				return
			}
			p = n
		}
		var next []byte
		if p+1 < pages {
			next = fmt.Appendf(nil, `"NextToken":%q,`, pageToken(p+1))
		}
		h := w.Header()
		h["Content-Type"] = []string{"application/json;charset=utf-8"}
		h["Content-Length"] = []string{strconv.Itoa(len(head) + len(next) + len(`"Backups":`) + itemsLen + 1)}
		w.Write(head)
		w.Write(next)
		w.Write([]byte(`"Backups":`))
		var id [len(idMarker)]byte
		for i := range id {
			id[i] = "0123456789abcdef"[(p>>(4*(len(id)-1-i)))&15]
		}
		for i, part := range items {
			if i > 0 {
				w.Write(id[:])
			}
			w.Write(part)
		}
		w.Write([]byte(`}`))
	})
}

// iterate walks the whole listing through the named path, calling each for
// every backup, and returns how many it saw.
func (p paths) iterate(ctx context.Context, name string, each func(*models.Backup)) (int, error) {
	n := 0
	if name == "sdk" {
		for b, err := range client.NewListBackupsPaginator(p.sdk, new(models.ListBackupsRequest).SetMaxResults(100)).Items(ctx) {
			if err != nil {
				return n, err
			}
			each(b)
			n++
		}
		return n, nil
	}
	token := ""
	for {
		page, err := p.listBackups(ctx, name, 100, token)
		if err != nil {
			return n, err
		}
		for _, b := range page.Backups {
			each(b)
			n++
		}
		if token = page.GetNextToken(); token == "" {
			return n, nil
		}
	}
}

// BenchmarkIterateBackups10000 pages through 10,000 backups, 100 per page:
// the SDK with its item iterator (Client.Backups), the others with a loop
// over NextToken.
func BenchmarkIterateBackups10000(b *testing.B) {
	p := newPaths(b, pagingServer(b, 10_000))
	ctx := context.Background()
	for _, name := range pathNames {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				n, err := p.iterate(ctx, name, func(*models.Backup) {})
				if err != nil || n != 10_000 {
					b.Fatalf("%d backups, %v", n, err)
				}
			}
		})
	}
}

// heapPeaks walks listings of total backups, runs times over, through the
// named path and returns the most heap in use at any item (the runtime's
// HeapAlloc: live objects and garbage not yet swept) and the largest live
// heap any garbage collection found, sampled at every item.
func heapPeaks(tb testing.TB, p paths, name string, total, runs int) (inUse, live uint64) {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	runtime.GC()
	for range runs {
		n, err := p.iterate(context.Background(), name, func(*models.Backup) {
			metrics.Read(samples)
			inUse = max(inUse, samples[0].Value.Uint64())
			live = max(live, samples[1].Value.Uint64())
		})
		if err != nil || n != total {
			tb.Fatalf("%s: %d backups, %v", name, n, err)
		}
	}
	return inUse, live
}

// TestIterationHeapIsFlat checks that one listing of 1,000,000 backups
// (10,000 pages) needs no more heap than listings of 10,000 (100 pages):
// within 1.2 times. Both sides iterate 1,000,000 items, the small side as
// 100 listings of 10,000, so both see as many garbage collections and only
// what a long listing keeps can make a difference. Each path is a subtest;
// only the SDK's is held to the ratio, the others are logged beside it. It
// takes a while (half a minute a path), so it is skipped with -short and
// under the race detector, whose bookkeeping skews the heap (sync.Pool drops
// what it is given); CI runs the SDK's path in a pass without -race:
//
//	go test -run 'TestIterationHeapIsFlat/^sdk$' -v ./client/
func TestIterationHeapIsFlat(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("skipped with -race or -short; run: go test -run TestIterationHeapIsFlat -v ./client/")
	}
	mib := func(b uint64) float64 { return float64(b) / (1 << 20) }
	for _, name := range pathNames {
		t.Run(name, func(t *testing.T) {
			smallInUse, smallLive := heapPeaks(t, newPaths(t, pagingServer(t, 10_000)), name, 10_000, 100)
			largeInUse, largeLive := heapPeaks(t, newPaths(t, pagingServer(t, 1_000_000)), name, 1_000_000, 1)
			ratio := float64(largeInUse) / float64(smallInUse)
			t.Logf("%-6s peak heap in use: 10,000-item listings %.2f MiB, a 1,000,000-item listing %.2f MiB, ratio %.2f;"+
				" peak live heap %.2f MiB and %.2f MiB, ratio %.2f",
				name, mib(smallInUse), mib(largeInUse), ratio, mib(smallLive), mib(largeLive), float64(largeLive)/float64(smallLive))
			if name == "sdk" && ratio > 1.2 {
				t.Errorf("the SDK's peak heap grew %.2f times from 10,000 to 1,000,000 items; want at most 1.2", ratio)
			}
		})
	}
}
