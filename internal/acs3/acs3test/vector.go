// Package acs3test holds Alibaba Cloud's published ACS3-HMAC-SHA256
// reference vector for the tests of internal/acs3 and computenesttest: one
// copy in the code, so the tests run outside the project's workspace, checked
// against the shared file whenever the workspace has it.
package acs3test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
)

// Vector mirrors shared/testdata/acs3-reference-vector.json.
type Vector struct {
	Description     string            `json:"description"`
	AccessKeyID     string            `json:"accessKeyId"`
	AccessKeySecret string            `json:"accessKeySecret"`
	Method          string            `json:"method"`
	Host            string            `json:"host"`
	Path            string            `json:"path"`
	Query           map[string]string `json:"query"`
	Body            string            `json:"body"`
	Headers         map[string]string `json:"headers"`
	Expect          struct {
		CanonicalQueryString   string `json:"canonicalQueryString"`
		SignedHeaders          string `json:"signedHeaders"`
		HashedCanonicalRequest string `json:"hashedCanonicalRequest"`
		Signature              string `json:"signature"`
		Authorization          string `json:"authorization"`
	} `json:"expect"`
}

// QueryValues returns the vector's query parameters.
func (v Vector) QueryValues() url.Values {
	q := url.Values{}
	for k, val := range v.Query {
		q.Set(k, val)
	}
	return q
}

// Header returns the vector's headers.
func (v Vector) Header() http.Header {
	h := http.Header{}
	for k, val := range v.Headers {
		h.Set(k, val)
	}
	return h
}

// embedded is the copy of the shared file.
func embedded() Vector {
	v := Vector{
		Description:     "Alibaba Cloud's published ACS3-HMAC-SHA256 example: RunInstances on ECS. Reproduce it exactly.",
		AccessKeyID:     "YourAccessKeyId",
		AccessKeySecret: "YourAccessKeySecret",
		Method:          "POST",
		Host:            "ecs.cn-shanghai.aliyuncs.com",
		Path:            "/",
		Query: map[string]string{
			"ImageId":  "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
			"RegionId": "cn-shanghai",
		},
		Body: "",
		Headers: map[string]string{
			"x-acs-action":          "RunInstances",
			"x-acs-version":         "2014-05-26",
			"x-acs-date":            "2023-10-26T10:22:32Z",
			"x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
			"x-acs-content-sha256":  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		},
	}
	v.Expect.CanonicalQueryString = "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
	v.Expect.SignedHeaders = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
	v.Expect.HashedCanonicalRequest = "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
	v.Expect.Signature = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
	v.Expect.Authorization = "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=" + v.Expect.SignedHeaders + ",Signature=" + v.Expect.Signature
	return v
}

// sharedFile is where the workspace keeps the vector: shared/ beside the
// module's checkout.
func sharedFile() string {
	_, file, _, _ := runtime.Caller(0) // .../internal/acs3/acs3test/vector.go
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "testdata", "acs3-reference-vector.json")
}

// Load returns the vector. When the shared file is there, it must equal the
// copy in the code, or the test fails; without it, the copy is used.
func Load(tb testing.TB) Vector {
	tb.Helper()
	v := embedded()
	path := sharedFile()
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		tb.Logf("%s not found; using the copy in internal/acs3/acs3test", path)
		return v
	case err != nil:
		tb.Fatal(err)
	}
	var fromFile Vector
	if err := json.Unmarshal(data, &fromFile); err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	if !reflect.DeepEqual(fromFile, v) {
		tb.Fatalf("%s differs from the copy in internal/acs3/acs3test:\nfile: %+v\ncopy: %+v", path, fromFile, v)
	}
	return fromFile
}
