package models_test

import (
	"errors"
	"testing"

	"github.com/computenest-sdk/computenest-go/models"
)

// TestUncheckedFilter: a filter added by AddUncheckedFilter passes Validate
// with a name the SDK does not know, its values are still checked, and the
// mark survives Clone; the same name in a plain filter is still rejected.
func TestUncheckedFilter(t *testing.T) {
	var verr *models.ValidationError
	name := "ServiceName"
	checked := new(models.ListBackupsRequest).AddFilter(&models.BackupFilter{Name: &name, Value: []string{"svc"}})
	if err := checked.Validate(); !errors.As(err, &verr) || verr.Field != "ListBackupsRequest.Filter[1].Name" {
		t.Errorf("a plain filter with an unknown name: err = %v, want a ValidationError on its name", err)
	}
	req := new(models.ListRestoreTasksRequest).AddUncheckedFilter("ServiceName", "svc")
	if err := req.Validate(); err != nil {
		t.Errorf("AddUncheckedFilter: %v", err)
	}
	if err := req.Clone().Validate(); err != nil || !req.Clone().Filter[0].IsUnchecked() {
		t.Errorf("the clone lost the mark: %v", err)
	}
	for _, c := range []struct {
		name, field string
		values      []string
	}{
		{"ServiceName", "ListBackupsRequest.Filter[1].Value", nil},
		{"ServiceName", "ListBackupsRequest.Filter[1].Value[2]", []string{"svc", ""}},
		{"", "ListBackupsRequest.Filter[1].Name", []string{"svc"}},
		{models.FilterStartTime, "ListBackupsRequest.Filter[1].Value[1]", []string{"0001-01-01T00:00:00Z"}},
	} {
		r := new(models.ListBackupsRequest).AddUncheckedFilter(c.name, c.values...)
		if err := r.Validate(); !errors.As(err, &verr) || verr.Field != c.field {
			t.Errorf("unchecked filter %s=%q: err = %v, want a ValidationError on %s", c.name, c.values, err, c.field)
		}
	}
	if new(models.ListBackupsRequest).FilterByStatus("x").Filter[0].IsUnchecked() {
		t.Error("IsUnchecked is true for a checked filter")
	}
}
