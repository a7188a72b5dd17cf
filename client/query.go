package client

import (
	"strconv"

	"github.com/computenest-sdk/computenest-go/models"
)

// listQuery flattens a list request into RPC query parameters, with the
// 1-based indexes the API expects: Filter.1.Name, Filter.1.Value.1, ...
// It reads req and never changes it.
func listQuery(req models.ListRequest) map[string]*string {
	q := make(map[string]*string, 2+3*len(req.GetFilter()))
	if n := req.GetMaxResults(); n != 0 {
		q["MaxResults"] = strPtr(strconv.FormatInt(int64(n), 10))
	}
	if t := req.GetNextToken(); t != "" {
		q["NextToken"] = strPtr(t)
	}
	for i, f := range req.GetFilter() {
		prefix := "Filter." + strconv.Itoa(i+1) + "."
		q[prefix+"Name"] = strPtr(f.GetName())
		for j, v := range f.GetValue() {
			q[prefix+"Value."+strconv.Itoa(j+1)] = strPtr(v)
		}
	}
	return q
}

func strPtr(s string) *string { return &s }
