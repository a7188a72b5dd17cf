package wire

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Param is one query parameter of an RPC call.
type Param struct{ Name, Value string }

// Filter is what Query reads of a list request's filter.
type Filter interface {
	GetName() string
	GetValue() []string
}

// Query flattens a list request into RPC query parameters, with the 1-based
// indexes the API expects: Filter.1.Name, Filter.1.Value.1, ... sorted by
// name, the order both the URL and the signature use. It reads the request's
// fields and never changes them.
func Query[F Filter](maxResults int32, nextToken string, filters []F) []Param {
	n := 2
	for _, f := range filters {
		n += 1 + len(f.GetValue())
	}
	q := make([]Param, 0, n)
	if maxResults != 0 {
		q = append(q, Param{"MaxResults", strconv.FormatInt(int64(maxResults), 10)})
	}
	if nextToken != "" {
		q = append(q, Param{"NextToken", nextToken})
	}
	for i, f := range filters {
		prefix := "Filter." + strconv.Itoa(i+1) + "."
		q = append(q, Param{prefix + "Name", f.GetName()})
		for j, v := range f.GetValue() {
			q = append(q, Param{prefix + "Value." + strconv.Itoa(j+1), v})
		}
	}
	sortParams(q)
	return q
}

func sortParams(q []Param) {
	slices.SortFunc(q, func(a, b Param) int { return strings.Compare(a.Name, b.Name) })
}

// encodeQuery is the URL's query, as darabonba sends it (url.Values.Encode):
// names and values escaped with url.QueryEscape, in q's order.
func encodeQuery(q []Param) string {
	var b strings.Builder
	for i, p := range q {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.Name))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.Value))
	}
	return b.String()
}
