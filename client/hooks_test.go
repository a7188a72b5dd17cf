package client_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/computenesttest"
)

// spanKey is the context key of the test's stand-in for a tracing span.
type spanKey struct{}

// span is what a tracing adapter would keep per attempt.
type span struct {
	action  string
	attempt int
	http    int // HTTP round trips seen under this span
	ev      *client.AttemptEvent
}

// spanHook is a Hook that "starts a span" per attempt, as an OpenTelemetry
// adapter would.
type spanHook struct {
	mu    sync.Mutex
	spans []*span
}

func (h *spanHook) AttemptStart(ctx context.Context, action string, attempt int) context.Context {
	s := &span{action: action, attempt: attempt}
	h.mu.Lock()
	h.spans = append(h.spans, s)
	h.mu.Unlock()
	return context.WithValue(ctx, spanKey{}, s)
}

func (h *spanHook) AttemptEnd(ctx context.Context, ev client.AttemptEvent) {
	s, _ := ctx.Value(spanKey{}).(*span)
	if s == nil {
		panic("AttemptEnd without the context AttemptStart returned")
	}
	h.mu.Lock()
	s.ev = &ev
	h.mu.Unlock()
}

// tracingTransport stands in for otelhttp.NewTransport: it finds the
// attempt's span in the request's context, as otelhttp finds its parent.
type tracingTransport struct {
	h  *spanHook
	rt http.RoundTripper
}

func (t tracingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if s, _ := req.Context().Value(spanKey{}).(*span); s != nil {
		t.h.mu.Lock()
		s.http++
		t.h.mu.Unlock()
	}
	return t.rt.RoundTrip(req)
}

// TestHookSeesEveryAttempt: Config.Hook gets one start and one end per
// attempt, with the action, attempt, status, request ID, retry delay and
// error; the attempt's context reaches Config.HTTPClient's transport; a
// per-call Hook replaces the client's.
func TestHookSeesEveryAttempt(t *testing.T) {
	srv := newFake(t)
	hook := new(spanHook)
	c := fakeClient(t, srv, fastRetries, func(cfg *client.Config) {
		cfg.Hook = hook
		cfg.HTTPClient = &http.Client{Transport: tracingTransport{hook, http.DefaultTransport}}
	})
	srv.InjectFault(computenesttest.Fault{Kind: computenesttest.FaultServerError})
	if _, err := c.ListBackups(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	reqs := fakeRequests(srv, "ListBackups")
	if len(hook.spans) != 2 || len(reqs) != 2 {
		t.Fatalf("%d spans for %d requests, want 2 and 2", len(hook.spans), len(reqs))
	}
	for i, s := range hook.spans {
		ev := s.ev
		switch {
		case s.action != "ListBackups" || s.attempt != i+1 || ev == nil:
			t.Errorf("span %d: %+v", i, s)
		case s.http != 1:
			t.Errorf("span %d saw %d HTTP round trips, want 1 (the transport gets the attempt's context)", i, s.http)
		case ev.Action != "ListBackups" || ev.Attempt != i+1 || ev.StatusCode != reqs[i].Status || ev.RequestId != reqs[i].RequestId:
			t.Errorf("event %d = %+v, want status %d and request ID %q", i, ev, reqs[i].Status, reqs[i].RequestId)
		case i == 0 && (ev.Err == nil || ev.RetryDelay <= 0):
			t.Errorf("event 1 = %+v, want the 5xx error and a retry delay", ev)
		case i == 1 && (ev.Err != nil || ev.RetryDelay != 0):
			t.Errorf("event 2 = %+v, want success without a retry", ev)
		}
	}

	perCall := new(spanHook)
	if _, err := c.ListRestoreTasks(context.Background(), nil, func(o *client.Options) { o.Hook = perCall }); err != nil {
		t.Fatal(err)
	}
	if len(perCall.spans) != 1 || len(hook.spans) != 2 || perCall.spans[0].action != "ListRestoreTasks" {
		t.Errorf("per-call hook got %d spans, client hook %d; want 1 and still 2", len(perCall.spans), len(hook.spans))
	}
}
