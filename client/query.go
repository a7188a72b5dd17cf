package client

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/computenest-sdk/computenest-go/models"
)

// param is one query parameter of an RPC call.
type param struct{ name, value string }

// listQuery flattens a list request into RPC query parameters, with the
// 1-based indexes the API expects: Filter.1.Name, Filter.1.Value.1, ...
// sorted by name, the order both the URL and the signature use. It reads req
// and never changes it.
func listQuery(req models.ListRequest) []param {
	nf := req.NumFilters()
	n := 2
	for i := range nf {
		_, values := req.FilterAt(i)
		n += 1 + len(values)
	}
	q := make([]param, 0, n)
	if n := req.GetMaxResults(); n != 0 {
		q = append(q, param{"MaxResults", strconv.FormatInt(int64(n), 10)})
	}
	if t := req.GetNextToken(); t != "" {
		q = append(q, param{"NextToken", t})
	}
	for i := range nf {
		name, values := req.FilterAt(i)
		prefix := "Filter." + strconv.Itoa(i+1) + "."
		q = append(q, param{prefix + "Name", name})
		for j, v := range values {
			q = append(q, param{prefix + "Value." + strconv.Itoa(j+1), v})
		}
	}
	sortParams(q)
	return q
}

func sortParams(q []param) {
	slices.SortFunc(q, func(a, b param) int { return strings.Compare(a.name, b.name) })
}

// encodeQuery is the URL's query, as darabonba sends it (url.Values.Encode):
// names and values escaped with url.QueryEscape, in q's order.
func encodeQuery(q []param) string {
	var b strings.Builder
	for i, p := range q {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.name))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.value))
	}
	return b.String()
}
