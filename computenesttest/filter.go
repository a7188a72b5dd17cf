package computenesttest

import (
	"slices"
	"time"

	"github.com/computenest-sdk/computenest-go/models"
)

// matchKind says how a filter compares its values with an item's field.
type matchKind int

const (
	// matchExact: the field equals one of the values (case-sensitive).
	matchExact matchKind = iota
	// matchAtOrAfter: the field is a time at or after one of the values.
	matchAtOrAfter
	// matchAtOrBefore: the field is a time at or before one of the values.
	matchAtOrBefore
)

// filterSpec is one filter name an action accepts and the item field it
// reads.
type filterSpec[T any] struct {
	name  string
	kind  matchKind
	field func(*T) string
}

// condition is one Filter.N of a request: a spec and the values to accept.
type condition[T any] struct {
	spec   filterSpec[T]
	values []string
	times  []time.Time // the values parsed, for the time kinds
}

// match reports whether item satisfies c: its field matches any of c's
// values. A time field that is absent or not RFC 3339 matches nothing.
func (c *condition[T]) match(item *T) bool {
	v := c.spec.field(item)
	if c.spec.kind == matchExact {
		return slices.Contains(c.values, v)
	}
	if v == "" {
		return false
	}
	t, err := models.ParseTime(v)
	if err != nil {
		return false
	}
	for _, bound := range c.times {
		// Compare instants: items mix "Z" and "+08:00".
		if c.spec.kind == matchAtOrAfter && !t.Before(bound) ||
			c.spec.kind == matchAtOrBefore && !t.After(bound) {
			return true
		}
	}
	return false
}

// matchAll reports whether item satisfies every condition (AND across
// filters, OR across the values of one).
func matchAll[T any](conds []condition[T], item *T) bool {
	for i := range conds {
		if !conds[i].match(item) {
			return false
		}
	}
	return true
}
