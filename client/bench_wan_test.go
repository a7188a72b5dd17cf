package client_test

// BenchmarkWANListing10000 lists 10,000 backups, 100 per page, through a
// loopback TCP proxy that delays each direction, so that every page costs a
// round trip as on a real network. Every path reuses one connection, opened
// before the clock starts. Each result is reported as a ratio to the network
// limit, (pages + 1) × RTT, with the RTT measured through the same proxy
// (x_limit); a listing whose consumer spends 5 ms per page is also reported
// as a ratio to the larger of that limit and the consumer's own time
// (x_bound). One iteration of the whole set takes about 30 s.
//
//	COMPUTENEST_WAN_DELAY=10ms go test -run '^$' -bench WAN ./client/
//
// COMPUTENEST_WAN_DELAY is the delay each way (default 10ms; 0 skips the
// benchmark). docs/PERFORMANCE.md has the figures.

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

const (
	wanItems     = 10_000
	wanPageSize  = 100
	wanPages     = wanItems / wanPageSize
	wanPageWork  = 5 * time.Millisecond
	defaultDelay = 10 * time.Millisecond
)

// wanDelay is the one-way delay the proxy adds: COMPUTENEST_WAN_DELAY, or
// 10ms.
func wanDelay(tb testing.TB) time.Duration {
	s := os.Getenv("COMPUTENEST_WAN_DELAY")
	if s == "" {
		return defaultDelay
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		tb.Fatalf("COMPUTENEST_WAN_DELAY=%q: want a duration such as 10ms", s)
	}
	return d
}

// delayProxy forwards TCP connections to a target, holding every chunk of
// bytes, in each direction, for delay before passing it on: latency without
// a bandwidth limit.
type delayProxy struct {
	ln     net.Listener
	target string
	delay  time.Duration

	mu    sync.Mutex
	conns []net.Conn
	wg    sync.WaitGroup
}

// startDelayProxy listens on loopback and returns the proxy; it stops, with
// every connection closed and every goroutine ended, when the test ends.
func startDelayProxy(tb testing.TB, target string, delay time.Duration) *delayProxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &delayProxy{ln: ln, target: target, delay: delay}
	p.wg.Add(1)
	go p.serve()
	tb.Cleanup(p.close)
	return p
}

func (p *delayProxy) addr() string { return p.ln.Addr().String() }

func (p *delayProxy) serve() {
	defer p.wg.Done()
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		out, err := net.Dial("tcp", p.target)
		if err != nil {
			in.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, in, out)
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pipe(out, in)
		go p.pipe(in, out)
	}
}

// pipe copies src to dst, each chunk delay after it was read. A reader and
// a writer goroutine, so that chunks in flight do not hold up later reads.
func (p *delayProxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	type chunk struct {
		due time.Time
		b   []byte
	}
	queue := make(chan chunk, 1024)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for c := range queue {
			time.Sleep(time.Until(c.due))
			if _, err := dst.Write(c.b); err != nil {
				break
			}
		}
		if tc, ok := dst.(*net.TCPConn); ok {
			tc.CloseWrite()
		}
		for range queue { // drain, so the reader never blocks
		}
	}()
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			queue <- chunk{time.Now().Add(p.delay), slices.Clone(buf[:n])}
		}
		if err != nil {
			break
		}
	}
	close(queue)
	<-done
}

func (p *delayProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	for _, c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}

// measureRTT returns the median of 7 one-byte round trips through a delay
// proxy to a TCP echo server: the network's own round trip.
func measureRTT(tb testing.TB, delay time.Duration) time.Duration {
	tb.Helper()
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer echo.Close()
	wg.Add(1)
	go func() {
		defer wg.Done()
		c, err := echo.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		io.Copy(c, c)
	}()
	proxy := startDelayProxy(tb, echo.Addr().String(), delay)
	c, err := net.Dial("tcp", proxy.addr())
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close()
	rtts := make([]time.Duration, 7)
	b := []byte{0}
	for i := range rtts {
		start := time.Now()
		if _, err := c.Write(b); err != nil {
			tb.Fatal(err)
		}
		if _, err := io.ReadFull(c, b); err != nil {
			tb.Fatal(err)
		}
		rtts[i] = time.Since(start)
	}
	slices.Sort(rtts)
	return rtts[len(rtts)/2]
}

// wanPaths are the clients of the WAN benchmark, each with its own
// connection through one delay proxy.
func wanPaths(tb testing.TB, proxy *delayProxy, tlsConfig *tls.Config) paths {
	tb.Helper()
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
	}
	newTransport := func() *http.Transport {
		t := &http.Transport{TLSClientConfig: tlsConfig.Clone(), MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second}
		tb.Cleanup(t.CloseIdleConnections)
		return t
	}
	sdk := newClient(tb, &client.Config{
		Endpoint:        proxy.addr(),
		Protocol:        scheme,
		AccessKeyId:     benchKeyID,
		AccessKeySecret: benchSecret,
		HTTPClient:      &http.Client{Transport: newTransport()},
	})
	vendor := new(vendorClient)
	cfg := &openapi.Config{
		AccessKeyId:     dara.String(benchKeyID),
		AccessKeySecret: dara.String(benchSecret),
		Endpoint:        dara.String(proxy.addr()),
		Protocol:        dara.String(scheme),
	}
	if tlsConfig != nil {
		// darabonba's own client cannot be given the test CA; its HttpClient
		// hook takes one that can, with its own connection.
		cfg.HttpClient = memDoer{&http.Client{Transport: newTransport()}}
	}
	if err := vendor.Init(cfg); err != nil {
		tb.Fatal(err)
	}
	floor := &floorClient{hc: &http.Client{Transport: newTransport()}, endpoint: scheme + "://" + proxy.addr() + "/"}
	return paths{sdk: sdk, vendor: vendor, floor: floor, floorAll: floor.readingAll()}
}

// wanListing is one way of listing in the WAN benchmark.
type wanListing struct {
	name     string
	path     string        // sdk, vendor or floor
	prefetch bool          // sdk only: PaginatorOptions.Prefetch
	work     time.Duration // the consumer's time per page
}

var wanListings = []wanListing{
	{name: "sdk", path: "sdk"},
	{name: "sdkPrefetch", path: "sdk", prefetch: true},
	{name: "vendor", path: "vendor"},
	{name: "floor", path: "floor"},
	{name: "sdkWork5ms", path: "sdk", work: wanPageWork},
	{name: "sdkPrefetchWork5ms", path: "sdk", prefetch: true, work: wanPageWork},
}

// list walks the whole listing as l says and returns the items seen and the
// time the consumer spent.
func (l wanListing) list(ctx context.Context, p paths) (n int, consumer time.Duration, err error) {
	work := func() {
		if l.work > 0 {
			start := time.Now()
			time.Sleep(l.work)
			consumer += time.Since(start)
		}
	}
	if l.path != "sdk" {
		seen := 0
		n, err = p.iterate(ctx, l.path, func(*models.Backup) {
			if seen++; seen%wanPageSize == 0 {
				work()
			}
		})
		return n, consumer, err
	}
	req := new(models.ListBackupsRequest).SetMaxResults(wanPageSize)
	for _, err := range client.NewListBackupsPaginator(p.sdk, req, func(o *client.PaginatorOptions) { o.Prefetch = l.prefetch }).Items(ctx) {
		if err != nil {
			return n, consumer, err
		}
		if n++; n%wanPageSize == 0 {
			work()
		}
	}
	return n, consumer, nil
}

func BenchmarkWANListing10000(b *testing.B) {
	delay := wanDelay(b)
	if delay == 0 {
		b.Skip("COMPUTENEST_WAN_DELAY=0")
	}
	rtt := measureRTT(b, delay)
	limit := time.Duration(wanPages+1) * rtt
	b.Logf("delay %v each way, measured RTT %v, network limit (%d pages + 1) × RTT = %v", delay, rtt, wanPages, limit)
	ctx := context.Background()
	for _, scheme := range []string{"http", "tls"} {
		b.Run(scheme, func(b *testing.B) {
			var srv *httptest.Server
			var tlsConfig *tls.Config
			if scheme == "tls" {
				srv = httptest.NewTLSServer(pagingHandler(b, wanItems))
				tlsConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig
			} else {
				srv = httptest.NewServer(pagingHandler(b, wanItems))
			}
			b.Cleanup(srv.Close)
			proxy := startDelayProxy(b, strings.TrimPrefix(strings.TrimPrefix(srv.URL, "http://"), "https://"), delay)
			p := wanPaths(b, proxy, tlsConfig)
			for _, path := range []string{"sdk", "vendor", "floor"} {
				// Open each path's connection before any clock starts.
				if _, err := p.listBackups(ctx, path, wanPageSize, ""); err != nil {
					b.Fatalf("%s: %v", path, err)
				}
			}
			for _, l := range wanListings {
				b.Run(l.name, func(b *testing.B) {
					var consumer time.Duration
					for b.Loop() {
						n, spent, err := l.list(ctx, p)
						if err != nil || n != wanItems {
							b.Fatalf("%d backups, %v", n, err)
						}
						consumer += spent
					}
					perListing := b.Elapsed() / time.Duration(b.N)
					b.ReportMetric(float64(perListing)/float64(limit), "x_limit")
					b.ReportMetric(float64(rtt)/float64(time.Millisecond), "rtt_ms")
					if l.work > 0 {
						bound := max(limit, consumer/time.Duration(b.N))
						b.ReportMetric(float64(perListing)/float64(bound), "x_bound")
					}
				})
			}
		})
	}
}

// TestDelayProxy checks the benchmark's instrument: bytes pass unchanged in
// both directions, each way late by the delay.
func TestDelayProxy(t *testing.T) {
	const delay = 5 * time.Millisecond
	rtt := measureRTT(t, delay)
	if rtt < 2*delay {
		t.Errorf("RTT %v through a proxy delaying %v each way; want at least %v", rtt, delay, 2*delay)
	}
	srv := httptest.NewServer(pagingHandler(t, 300))
	defer srv.Close()
	proxy := startDelayProxy(t, strings.TrimPrefix(srv.URL, "http://"), delay)
	p := wanPaths(t, proxy, nil)
	for _, l := range wanListings[:4] {
		if n, _, err := l.list(context.Background(), p); err != nil || n != 300 {
			t.Errorf("%s: %d backups, %v", l.name, n, err)
		}
	}
}
