package models

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ValidationError reports a request parameter the service would reject, so
// the mistake surfaces before anything is sent.
type ValidationError struct {
	// Field is the parameter's path, with 1-based indexes as on the wire,
	// such as "ListBackupsRequest.Filter[1].Value[2]".
	Field string
	// Value is the offending value, or "" when the problem is that it is
	// missing or empty.
	Value string
	// Reason says what is wrong.
	Reason string
	// Allowed lists the accepted values when they form a closed set, such as
	// an action's filter names.
	Allowed []string
}

// Error reads like
// `models: invalid ListBackupsRequest.MaxResults "0": must be between 1 and 100`.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("models: invalid ")
	b.WriteString(e.Field)
	if e.Value != "" {
		b.WriteString(" ")
		b.WriteString(strconv.Quote(e.Value))
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	if len(e.Allowed) > 0 {
		b.WriteString(" (allowed: ")
		b.WriteString(strings.Join(e.Allowed, ", "))
		b.WriteString(")")
	}
	return b.String()
}

// validateList is the one validation routine behind both requests' Validate
// methods. action is the API action name ("ListBackups"); allowed lists the
// filter names it documents. Status values are deliberately not checked: the
// service may add states before this package knows them.
func validateList[F filterType](action string, maxResults *int32, filters []*F, allowed []string) error {
	prefix := action + "Request"
	if maxResults != nil && (*maxResults < MinMaxResults || *maxResults > MaxMaxResults) {
		return &ValidationError{
			Field:  prefix + ".MaxResults",
			Value:  strconv.FormatInt(int64(*maxResults), 10),
			Reason: fmt.Sprintf("must be between %d and %d", MinMaxResults, MaxMaxResults),
		}
	}
	var window timeWindow
	for i, f := range filters {
		field := fmt.Sprintf("%s.Filter[%d]", prefix, i+1)
		if err := validateFilter(field, action, viewFilter(f), allowed, &window); err != nil {
			return err
		}
	}
	return window.check()
}

// validateFilter checks one filter; field is its path, such as
// "ListBackupsRequest.Filter[1]". It adds a time filter's bound to w.
func validateFilter(field, action string, f *filter, allowed []string, w *timeWindow) error {
	if f == nil {
		return &ValidationError{Field: field, Reason: "must not be nil"}
	}
	name := f.getName()
	switch {
	case name == "":
		return &ValidationError{Field: field + ".Name", Reason: "must not be empty", Allowed: slices.Clone(allowed)}
	case !f.unchecked && !slices.Contains(allowed, name):
		return &ValidationError{
			Field:   field + ".Name",
			Value:   name,
			Reason:  "not a filter of " + action + " (AddUncheckedFilter sends a name the SDK does not know)",
			Allowed: slices.Clone(allowed),
		}
	}
	if len(f.Value) == 0 {
		return &ValidationError{Field: field + ".Value", Reason: "must have at least one value"}
	}
	isTime := name == FilterStartTime || name == FilterEndTime
	var times []bound
	for j, v := range f.Value {
		vfield := fmt.Sprintf("%s.Value[%d]", field, j+1)
		if v == "" {
			return &ValidationError{Field: vfield, Reason: "must not be empty"}
		}
		if !isTime {
			continue
		}
		t, err := ParseTime(v)
		switch {
		case err != nil:
			return &ValidationError{Field: vfield, Value: v, Reason: "not an RFC 3339 time (want e.g. " + wireTimeLayout + ")"}
		case t.IsZero():
			return &ValidationError{Field: vfield, Value: v, Reason: "the zero time (an unset time.Time?): give a real time or leave the filter out"}
		}
		times = append(times, bound{vfield, v, t})
	}
	if isTime {
		w.add(name, times)
	}
	return nil
}

// bound is one value of a time filter: where it is, as written, and parsed.
type bound struct {
	field, value string
	t            time.Time
}

// timeWindow gathers the StartTime and EndTime filters of a request, to
// refuse a reversed range before it is sent. The values of one filter are
// ORed, so the earliest StartTime value and the latest EndTime value of each
// filter count; filters are ANDed, so of those the latest start and the
// earliest end bound the window.
type timeWindow struct {
	start, end *bound
}

// add takes in the values of one filter on name, StartTime or EndTime.
func (w *timeWindow) add(name string, values []bound) {
	if name == FilterStartTime {
		b := slices.MinFunc(values, func(a, b bound) int { return a.t.Compare(b.t) })
		if w.start == nil || b.t.After(w.start.t) {
			w.start = &b
		}
		return
	}
	b := slices.MaxFunc(values, func(a, b bound) int { return a.t.Compare(b.t) })
	if w.end == nil || b.t.Before(w.end.t) {
		w.end = &b
	}
}

// check refuses a window whose start is later than its end: the service
// keeps items that started at or after the start and ended at or before the
// end, so nothing could match. An equal start and end is accepted.
func (w *timeWindow) check() error {
	if w.start == nil || w.end == nil || !w.start.t.After(w.end.t) {
		return nil
	}
	return &ValidationError{
		Field:  w.start.field,
		Value:  w.start.value,
		Reason: fmt.Sprintf("StartTime is later than EndTime %q (%s), so nothing could match: swap them", w.end.value, w.end.field),
	}
}
