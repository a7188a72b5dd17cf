package models

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
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
func validateList(action string, maxResults *int32, filters []*Filter, allowed []string) error {
	prefix := action + "Request"
	if maxResults != nil && (*maxResults < MinMaxResults || *maxResults > MaxMaxResults) {
		return &ValidationError{
			Field:  prefix + ".MaxResults",
			Value:  strconv.FormatInt(int64(*maxResults), 10),
			Reason: fmt.Sprintf("must be between %d and %d", MinMaxResults, MaxMaxResults),
		}
	}
	for i, f := range filters {
		field := fmt.Sprintf("%s.Filter[%d]", prefix, i+1)
		if err := validateFilter(field, action, f, allowed); err != nil {
			return err
		}
	}
	return nil
}

// validateFilter checks one filter; field is its path, such as
// "ListBackupsRequest.Filter[1]".
func validateFilter(field, action string, f *Filter, allowed []string) error {
	if f == nil {
		return &ValidationError{Field: field, Reason: "must not be nil"}
	}
	name := f.GetName()
	switch {
	case name == "":
		return &ValidationError{Field: field + ".Name", Reason: "must not be empty", Allowed: allowed}
	case !f.unchecked && !slices.Contains(allowed, name):
		return &ValidationError{
			Field:   field + ".Name",
			Value:   name,
			Reason:  "not a filter of " + action + " (models.NewUncheckedFilter sends a name the SDK does not know)",
			Allowed: allowed,
		}
	}
	if len(f.Value) == 0 {
		return &ValidationError{Field: field + ".Value", Reason: "must have at least one value"}
	}
	isTime := name == FilterStartTime || name == FilterEndTime
	for j, v := range f.Value {
		vfield := fmt.Sprintf("%s.Value[%d]", field, j+1)
		if v == "" {
			return &ValidationError{Field: vfield, Reason: "must not be empty"}
		}
		if isTime {
			if _, err := ParseTime(v); err != nil {
				return &ValidationError{
					Field:  vfield,
					Value:  v,
					Reason: "not an RFC 3339 time (want e.g. " + wireTimeLayout + ")",
				}
			}
		}
	}
	return nil
}
