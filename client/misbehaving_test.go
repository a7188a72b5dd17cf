package client_test

// Promises that a hostile service, a broken hook or an odd message could
// break, attacked from outside over real TCP (docs/RELIABILITY.md).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
)

// cyclingService answers page 1 with its own items, then cycles through
// cycle pages of other items for ever, each time under a token it never
// used before. Every answer is a well-formed page.
func cyclingService(cycle, size int) http.HandlerFunc {
	var n atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		k := int(n.Add(1)) // the k-th request
		page := 0
		if k > 1 {
			page = 1 + (k-2)%cycle
		}
		var items []string
		for i := range size {
			items = append(items, fmt.Sprintf(`{"BackupId":"b-%d-%d","Status":"Created"}`, page, i))
		}
		fmt.Fprintf(w, `{"RequestId":"R%d","TotalCount":1000,"NextToken":"fresh-%d","Backups":[%s]}`, k, k, strings.Join(items, ","))
	}
}

// TestCyclingServiceEnds: a service that, after page 1, keeps returning the
// same few pages under fresh tokens ends the listing with a CycledPages
// *PaginationError, with and without Prefetch, having yielded each of the
// cycle's items at most a few times over.
func TestCyclingServiceEnds(t *testing.T) {
	const size = 3
	for _, cycle := range []int{1, 2, 3, 7, 50} {
		for _, prefetch := range []bool{false, true} {
			t.Run(fmt.Sprintf("cycle of %d, prefetch %v", cycle, prefetch), func(t *testing.T) {
				ts := newTestServer(t, cyclingService(cycle, size))
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				seen := map[string]int{}
				var err error
				for b, e := range client.NewListBackupsPaginator(newClient(t, ts.config()), nil, func(o *client.PaginatorOptions) {
					o.Prefetch = prefetch
				}).Items(ctx) {
					if e != nil {
						err = e
						break
					}
					seen[b.GetBackupId()]++
				}
				// A cycle of one page brings nothing new: the empty-page
				// guard ends it.
				want := client.CycledPages
				if cycle == 1 {
					want = client.EmptyPages
				}
				if pe := anomaly(err, want); pe == nil {
					t.Fatalf("the listing ended with %v, want a %s *PaginationError", err, want)
				}
				most := 0
				for _, k := range seen {
					most = max(most, k)
				}
				// Brent's algorithm meets the cycle within two rounds of it
				// once the tortoise is in it: each item at most three times.
				if most > 3 || len(seen) != size*(cycle+1) {
					t.Errorf("%d distinct items, one of them yielded %d times; want %d, at most 3 times", len(seen), most, size*(cycle+1))
				}
			})
		}
	}
}

// TestPrefetchSendsAtMostOneMore: a loop that works on page 1 and then
// stops sends at most one request more with Prefetch than without, even
// when the page fetched ahead meets 503s that the client's policy would
// retry.
func TestPrefetchSendsAtMostOneMore(t *testing.T) {
	for _, prefetch := range []bool{false, true} {
		srv := newFake(t, computenesttest.WithDemoData(1, 30, 0))
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: 20 * time.Millisecond})
		srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError, Times: 10})
		c := fakeClient(t, srv, withRetry(&client.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
		for range client.NewListBackupsPaginator(c, nil, func(o *client.PaginatorOptions) {
			o.PageSize, o.Prefetch = 10, prefetch
		}).Items(context.Background()) {
			// The caller works on page 1 while the page ahead meets 503s,
			// which the client's policy would retry four times meanwhile.
			time.Sleep(100 * time.Millisecond)
			break
		}
		want := 1
		if prefetch {
			want = 2
		}
		if n := len(srv.Requests()); n > want {
			t.Errorf("prefetch %v: a loop that broke on page 1 sent %d requests, want at most %d", prefetch, n, want)
		}
	}
}

// strayHook returns a context that is not derived from the one it is
// given: the call must still end with the caller's ctx.
type strayHook struct{}

func (strayHook) AttemptStart(context.Context, string, int) context.Context {
	return context.Background()
}
func (strayHook) AttemptEnd(context.Context, client.AttemptEvent) {}

func TestHookContextCannotOutliveCtx(t *testing.T) {
	srv := newFake(t)
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultDelay, Delay: 3 * time.Second})
	c := fakeClient(t, srv, func(cfg *client.Config) { cfg.Hook = strayHook{} })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ListBackups(ctx, nil)
	if took := time.Since(start); took > time.Second || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a hook's stray context: the call took %v past a 200ms ctx and ended with %v", took, err)
	}
}

// TestErrorIsOneLine: the service's SignatureDoesNotMatch message holds a
// newline (its string to sign); Error() stays on one line, and Message
// keeps the message whole.
func TestErrorIsOneLine(t *testing.T) {
	srv := newFake(t)
	cfg := srv.ClientConfig()
	cfg.AccessKeySecret = "not the secret"
	cfg.Retry = client.NoRetries()
	_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
	var e *client.APIError
	if !errors.As(err, &e) || e.Code != "SignatureDoesNotMatch" || !strings.Contains(e.Message, "\n") {
		t.Fatalf("err = %v, want SignatureDoesNotMatch whose Message holds a newline", err)
	}
	if msg := err.Error(); strings.ContainsAny(msg, "\r\n") || !strings.Contains(msg, `\n`) {
		t.Errorf("Error() is not one line with the newline shown as \\n: %q", msg)
	}
}

func TestErrNotFoundIsPrefixed(t *testing.T) {
	srv := newFake(t)
	_, err := client.WaitForBackup(context.Background(), fakeClient(t, srv), "backup-missing")
	if !errors.Is(err, client.ErrNotFound) || !strings.HasPrefix(client.ErrNotFound.Error(), "computenest: ") {
		t.Errorf("err = %v; ErrNotFound reads %q", err, client.ErrNotFound)
	}
}

// TestCyclingListingMemoryIsFlat: the guards that end a cycling listing
// keep the same memory after 25 pages as after 26,000 (a cycle of 10,000
// pages takes that many to find), within the noise of the HTTP client
// (256 KB; a hash of every token used was 580 KB more).
func TestCyclingListingMemoryIsFlat(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("measures the heap; CI runs it in the pass without -race")
	}
	heapAfter := func(cycle int) (pages int, kb int64) {
		// A bare server: newTestServer keeps every request it gets.
		srv := httptest.NewServer(cyclingService(cycle, 2))
		defer srv.Close()
		cfg := (&testServer{Server: srv}).config()
		p := client.NewListBackupsPaginator(newClient(t, cfg), nil)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for p.HasMorePages() {
			if _, err := p.NextPage(context.Background()); err != nil {
				if anomaly(err, client.CycledPages) == nil {
					t.Fatalf("cycle of %d: %v", cycle, err)
				}
				break
			}
			pages++
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(p)
		return pages, (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / 1024
	}
	shortPages, short := heapAfter(10)
	longPages, long := heapAfter(10000)
	t.Logf("%d pages: %+d KB; %d pages: %+d KB", shortPages, short, longPages, long)
	if long-short > 256 {
		t.Errorf("the listing of %d pages holds %d KB more than that of %d pages", longPages, long-short, shortPages)
	}
}

// TestSuccessHeadersEchoingTheToken: a 200 whose x-acs-request-id and
// Content-Type echo the security token, and whose body then stalls or does
// not decode, shows the token nowhere: not in the error's fields or any of
// its printed forms, the log or the hook's events.
func TestSuccessHeadersEchoingTheToken(t *testing.T) {
	const token = "CAISechoTokenInHeaders0123456789"
	for _, body := range []string{"stall", "<html>not json</html>"} {
		t.Run(body, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("x-acs-request-id", r.Header.Get("x-acs-security-token"))
				w.Header().Set("Content-Type", "text/html; note="+r.Header.Get("x-acs-security-token"))
				w.WriteHeader(http.StatusOK)
				if body == "stall" {
					w.(http.Flusher).Flush()
					<-r.Context().Done()
					return
				}
				io.WriteString(w, body)
			})
			sink := &logSink{}
			var events []client.AttemptEvent
			cfg := ts.config()
			cfg.SecurityToken = token
			cfg.AttemptTimeout = 100 * time.Millisecond
			cfg.Logger = debugLogger(sink)
			cfg.Hook = endHook(func(ev client.AttemptEvent) { events = append(events, ev) })
			_, err := newClient(t, cfg).ListBackups(context.Background(), nil)
			if err == nil {
				t.Fatal("the call succeeded")
			}
			shown := fmt.Sprintf("%v\n%+v\n%#v\n%s\n%+v", err, err, err, sink.String(), events)
			var te *client.TransportError
			var de *client.DecodeError
			switch {
			case errors.As(err, &te):
				shown += te.RequestId
			case errors.As(err, &de):
				shown += de.RequestId + de.ContentType
				if de.ContentType != "text/html" {
					t.Errorf("ContentType %q, want the media type alone", de.ContentType)
				}
			default:
				t.Fatalf("err = %T %v", err, err)
			}
			if strings.Contains(shown, token[:8]) {
				t.Errorf("the token shows:\n%s", shown)
			}
		})
	}
}
