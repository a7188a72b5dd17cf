package models

import (
	"fmt"
	"time"
)

// wireTimeLayout is the form the service itself uses for UTC timestamps.
const wireTimeLayout = "2006-01-02T15:04:05Z"

// TimeError reports a timestamp that is not RFC 3339.
type TimeError struct {
	// Field names where the value came from, such as "Backup.StartTime";
	// empty when the value was parsed on its own by ParseTime.
	Field string
	// Value is the text that failed to parse.
	Value string
	// Err is the underlying parse error.
	Err error
}

// Error names the field and the value and gives the parser's reason.
func (e *TimeError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("models: invalid time %q: want RFC 3339: %v", e.Value, e.Err)
	}
	return fmt.Sprintf("models: invalid %s %q: want RFC 3339: %v", e.Field, e.Value, e.Err)
}

// Unwrap returns the underlying parse error.
func (e *TimeError) Unwrap() error { return e.Err }

// ParseTime parses an RFC 3339 timestamp as the service sends it: with a "Z"
// or a numeric offset such as "+08:00" (both appear in the API's own
// samples), optionally with fractional seconds. The result keeps the offset
// it was written with; compare instants with time.Time.Equal. A malformed
// value gives a *TimeError.
func ParseTime(s string) (time.Time, error) {
	return parseRFC3339("", s)
}

// FormatTime formats t in UTC as the service does, "2006-01-02T15:04:05Z",
// dropping fractional seconds.
func FormatTime(t time.Time) string { return t.UTC().Format(wireTimeLayout) }

// parseField is the shared body of the models' time accessors. An absent or
// empty field gives the zero time and no error: an empty string carries no
// time, and a job still running may well have no EndTime yet.
func parseField(field string, v *string) (time.Time, error) {
	if v == nil || *v == "" {
		return time.Time{}, nil
	}
	return parseRFC3339(field, *v)
}

// parseRFC3339 parses s, naming field in the error.
func parseRFC3339(field, s string) (time.Time, error) {
	// time.RFC3339 also accepts fractional seconds when parsing.
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, &TimeError{Field: field, Value: s, Err: err}
	}
	return t, nil
}
