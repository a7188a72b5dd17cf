package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/computenest-sdk/computenest-go/client"
	"github.com/computenest-sdk/computenest-go/models"
)

// TestUncheckedFilterOnTheWire: a filter name the SDK does not know is
// rejected before anything is sent, unless it is made with
// AddUncheckedFilter; then it is sent as Filter.N.Name/Value.M and
// the service judges it (the fake, knowing no such filter, answers
// InvalidParameter).
func TestUncheckedFilterOnTheWire(t *testing.T) {
	srv := newFake(t)
	rec := new(wireRecorder)
	c := fakeClient(t, srv, withRecorder(rec))
	ctx := context.Background()

	var verr *models.ValidationError
	checked := new(models.ListBackupsRequest).AddFilter(backupFilter("ServiceName", "svc-1"))
	if _, err := c.ListBackups(ctx, checked); !errors.As(err, &verr) {
		t.Fatalf("unknown name in a plain filter: err = %v, want a *models.ValidationError", err)
	}
	if len(rec.queries) != 0 {
		t.Fatalf("sent %q, want nothing", rec.queries)
	}

	req := new(models.ListBackupsRequest).
		FilterByBackupId("b-1").AddUncheckedFilter("ServiceName", "svc 1", "svc-2")
	_, err := c.ListBackups(ctx, req)
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "InvalidParameter" {
		t.Errorf("err = %v, want the service's InvalidParameter", err)
	}
	const want = "Filter.1.Name=BackupId&Filter.1.Value.1=b-1&Filter.2.Name=ServiceName&Filter.2.Value.1=svc+1&Filter.2.Value.2=svc-2"
	if len(rec.queries) != 1 || !strings.Contains(rec.queries[0], want) {
		t.Errorf("queries sent = %q, want one holding %q", rec.queries, want)
	}
	if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Params.Get("Filter.2.Name") != "ServiceName" || reqs[0].Params.Get("Filter.2.Value.2") != "svc-2" {
		t.Errorf("fake's log: %+v", reqs)
	}
}
