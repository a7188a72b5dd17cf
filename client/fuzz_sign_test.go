package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/computenest-sdk/computenest-go/internal/acs3"
	"github.com/computenest-sdk/computenest-go/models"
)

// unvalidatedRequest is a list request that skips validation, so filter
// names the models refuse still reach the query flattening and the signer.
type unvalidatedRequest struct {
	maxResults int32
	nextToken  string
	filters    []*models.BackupFilter
}

func (r *unvalidatedRequest) GetMaxResults() int32 { return r.maxResults }
func (r *unvalidatedRequest) GetNextToken() string { return r.nextToken }
func (r *unvalidatedRequest) Validate() error      { return nil }
func (r *unvalidatedRequest) NumFilters() int      { return len(r.filters) }
func (r *unvalidatedRequest) FilterAt(i int) (string, []string) {
	return (&models.ListBackupsRequest{Filter: r.filters}).FilterAt(i)
}

// signChecker is an httptest server that only judges signatures, with the
// acs3 verifier the fake uses, and that the parameters arrived as sent.
type signChecker struct {
	*httptest.Server
	client *Client // one for every input: a client per input would open a connection per input
	mu     sync.Mutex
	want   url.Values
}

const signCheckSecret = "sign check secret +/="

var signCheckServer = sync.OnceValue(func() *signChecker {
	s := &signChecker{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		if _, err := acs3.Verify(r, body, func(id string) (string, bool) { return signCheckSecret, id == "LTAIsign" }); err != nil {
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"RequestId":"R","Code":"SignatureDoesNotMatch","Message":%q}`, err.Error())
			return
		}
		got, err := url.ParseQuery(r.URL.RawQuery)
		s.mu.Lock()
		want := s.want
		s.mu.Unlock()
		if err != nil || !reflect.DeepEqual(got, want) {
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"RequestId":"R","Code":"ParametersDiffer","Message":%q}`, fmt.Sprintf("got %q (%v), want %q", got, err, want))
			return
		}
		io.WriteString(w, `{"RequestId":"R","TotalCount":0,"Backups":[]}`)
	}))
	c, err := NewClient(&Config{
		Endpoint: strings.TrimPrefix(s.URL, "http://"), Protocol: "http",
		AccessKeyId: "LTAIsign", AccessKeySecret: signCheckSecret, Retry: NoRetries(),
	})
	if err != nil {
		panic(err)
	}
	s.client = c
	return s
})

// WantListQuery is the query a list request with maxResults, token and
// filters must arrive as, written out from the API's rules rather than
// from the client's flattening. It is exported for the fuzz targets of
// package client_test.
func WantListQuery(maxResults int32, token string, filters []*models.BackupFilter) url.Values {
	want := url.Values{}
	if maxResults != 0 {
		want.Set("MaxResults", strconv.Itoa(int(maxResults)))
	}
	if token != "" {
		want.Set("NextToken", token)
	}
	for i, f := range filters {
		want.Set(fmt.Sprintf("Filter.%d.Name", i+1), f.GetName())
		for j, v := range f.GetValue() {
			want.Set(fmt.Sprintf("Filter.%d.Value.%d", i+1, j+1), v)
		}
	}
	return want
}

// FuzzSignedQueryArbitraryNames flattens filters with any names and any
// values (what the models' validation would refuse included), any
// NextToken and any MaxResults, and sends them signed through the one call
// path to a server that verifies the signature: it must always match, and
// the server must see exactly the parameters the request held.
func FuzzSignedQueryArbitraryNames(f *testing.F) {
	f.Add("ServiceInstanceId", "si-1", "si-2", "", "", "", int32(0))
	f.Add("a b&c=d", "x/y*z~", "100%", "名前", "値 +", "tok+/=", int32(-7))
	f.Add("", "", "", "\x00\xff", "\t\n", "\xc3\x28", int32(2147483647))
	f.Fuzz(func(t *testing.T, name1, v1, v2, name2, v3, token string, maxResults int32) {
		srv := signCheckServer()
		c := srv.client
		req := &unvalidatedRequest{maxResults: maxResults, nextToken: token,
			filters: []*models.BackupFilter{{Name: &name1, Value: []string{v1, v2}}}}
		if name2 != "" || v3 != "" {
			req.filters = append(req.filters, &models.BackupFilter{Name: &name2, Value: []string{v3}})
		}
		want := WantListQuery(maxResults, token, req.filters)
		srv.mu.Lock()
		srv.want = want
		srv.mu.Unlock()
		if _, err := invoke[models.ListBackupsResponse](context.Background(), c, "ListBackups", req, nil); err != nil {
			t.Fatalf("%v\nrequest: %+v", err, req)
		}
	})
}
