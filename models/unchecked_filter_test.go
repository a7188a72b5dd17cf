package models_test

import (
	"errors"
	"testing"

	"github.com/computenest-sdk/computenest-go/models"
)

// TestUncheckedFilter: a filter made by NewUncheckedFilter passes Validate
// with a name the SDK does not know, its values are still checked, and the
// mark survives Clone; the same name through NewFilter is still rejected.
func TestUncheckedFilter(t *testing.T) {
	var verr *models.ValidationError
	checked := new(models.ListBackupsRequest).AddFilter(models.NewFilter("ServiceName", "svc"))
	if err := checked.Validate(); !errors.As(err, &verr) || verr.Field != "ListBackupsRequest.Filter[1].Name" {
		t.Errorf("NewFilter with an unknown name: err = %v, want a ValidationError on its name", err)
	}
	req := new(models.ListRestoreTasksRequest).AddFilter(models.NewUncheckedFilter("ServiceName", "svc"))
	if err := req.Validate(); err != nil {
		t.Errorf("NewUncheckedFilter: %v", err)
	}
	if err := req.Clone().Validate(); err != nil || !req.Clone().Filter[0].IsUnchecked() {
		t.Errorf("the clone lost the mark: %v", err)
	}
	for _, f := range []*models.Filter{models.NewUncheckedFilter("ServiceName"), models.NewUncheckedFilter("ServiceName", ""), models.NewUncheckedFilter("")} {
		if err := new(models.ListBackupsRequest).AddFilter(f).Validate(); !errors.As(err, &verr) {
			t.Errorf("unchecked filter %+v: err = %v, want a ValidationError", f, err)
		}
	}
	if models.NewFilter("Status", "x").IsUnchecked() || (*models.Filter)(nil).IsUnchecked() {
		t.Error("IsUnchecked is true for a checked filter")
	}
}
