package rpcsig

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"

	"github.com/computenest-sdk/computenest-go/internal/acsauth"
)

// publishedParams are the parameters of Alibaba Cloud's worked example of a
// version 1.0 signature: ECS DescribeRegions, AccessKey testid/testsecret.
func publishedParams(timestampName string) url.Values {
	return url.Values{
		"AccessKeyId":      {"testid"},
		"Action":           {"DescribeRegions"},
		"Format":           {"XML"},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureNonce":   {"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
		"SignatureVersion": {"1.0"},
		timestampName:      {"2016-02-23T12:46:24Z"},
		"Version":          {"2014-05-26"},
	}
}

// TestPublishedVectors reproduces the published examples. The example
// exists in two editions: the current one names the parameter Timestamp;
// an older edition (developer.aliyun.com/ask/210168, which also prints the
// string to sign) spells it TimeStamp. Both must hold, and so must the
// vendor's own unit test of GetRPCSignature.
func TestPublishedVectors(t *testing.T) {
	tests := []struct {
		name         string
		method       string
		params       url.Values
		secret       string
		stringToSign string // "" when the source does not print it
		signature    string
	}{
		{"Timestamp edition", "GET", publishedParams("Timestamp"), "testsecret",
			"GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
				"%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" +
				"%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
			"OLeaidS1JvxuMvnyHOwuJ+uX5qY="},
		{"TimeStamp edition", "GET", publishedParams("TimeStamp"), "testsecret",
			"GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
				"%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" +
				"%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
			"CT9X0VtwR86fNWSnsc6v8YGOjuE="},
		{"darabonba's Test_GetRPCSignature", "", url.Values{"test": {"ok"}}, "accessKeySecret", "", "jHx/oHoHNrbVfhncHEvPdHXZwHU="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StringToSign(tt.method, tt.params); tt.stringToSign != "" && got != tt.stringToSign {
				t.Errorf("StringToSign =\n%s\nwant\n%s", got, tt.stringToSign)
			}
			if got := Sign(tt.method, tt.params, tt.secret); got != tt.signature {
				t.Errorf("Sign = %s, want %s", got, tt.signature)
			}
			// The signed request verifies, Signature being left out of
			// what is signed.
			p := cloneValues(tt.params)
			p.Set(SignatureParam, tt.signature)
			if tt.params.Has("AccessKeyId") {
				if _, err := Verify(tt.method, p, func(string) (string, bool) { return tt.secret, true }); err != nil {
					t.Errorf("Verify: %v", err)
				}
			}
		})
	}
}

func cloneValues(v url.Values) url.Values {
	c := make(url.Values, len(v))
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

func TestCanonicalizedQuery(t *testing.T) {
	tests := []struct {
		name string
		q    url.Values
		want string
	}{
		{"nil", nil, ""},
		{"Signature left out", url.Values{"Signature": {"x"}, "A": {"1"}}, "A=1"},
		{"empty value", url.Values{"A": {""}}, "A="},
		{"sorted by name, upper case first", url.Values{"b": {"1"}, "B": {"2"}, "a": {"3"}}, "B=2&a=3&b=1"},
		{"repeated name sorted by value", url.Values{"k": {"z", "a b", "a"}}, "k=a&k=a%20b&k=z"},
		{"encoded", url.Values{"a b": {"x/y*z~+"}}, "a%20b=x%2Fy%2Az~%2B"},
		// Names sort as decoded, as the SDKs' maps do: "a." before "a/",
		// though their encoded forms would sort the other way.
		{"sorted before encoding", url.Values{"a/": {"1"}, "a.": {"2"}}, "a.=2&a%2F=1"},
	}
	for _, tt := range tests {
		if got := CanonicalizedQuery(tt.q); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// randomText draws from the characters the encoders treat specially.
func randomText(r *rand.Rand, alphabet []string, maxLen int) string {
	var b strings.Builder
	for n := r.IntN(maxLen + 1); n > 0; n-- {
		b.WriteString(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

var (
	nameAlphabet  = strings.Split("A B Z a b z 0 9 . - _ ~ / * + = & % : ! ( ) é", " ")
	valueAlphabet = append(strings.Split("a Z 0 . - _ ~ / * + = & % ? # : ; , ' \" ! ( ) [ ] { } | \\ ^ ` @ $ < > 备 份 é 😀 \t \n", " "), " ", "  ")
)

// TestSignMatchesDarabonba compares Sign with darabonba-openapi's
// GetRPCSignature, the vendor's version 1.0 signer, over random parameter
// sets whose names and values hold spaces, reserved characters and
// non-ASCII text.
func TestSignMatchesDarabonba(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		params := url.Values{}
		dp := make(map[string]*string)
		for n := r.IntN(8); n >= 0; n-- {
			name := randomText(r, nameAlphabet, 6)
			if name == "" || name == SignatureParam {
				continue
			}
			v := randomText(r, valueAlphabet, 12)
			params.Set(name, v)
			dp[name] = dara.String(v)
		}
		method := []string{"GET", "POST"}[i%2]
		secret := randomText(r, valueAlphabet, 20)
		want := dara.StringValue(openapiutil.GetRPCSignature(dp, dara.String(method), dara.String(secret)))
		if got := Sign(method, params, secret); got != want {
			t.Fatalf("case %d: Sign = %s, darabonba = %s\nparams %q\nstring to sign %q", i, got, want, params, StringToSign(method, params))
		}
	}
}

const (
	testKeyID  = "LTAItestkey"
	testSecret = "test-secret-do-not-print"
	testToken  = "sts-token-do-not-print"
)

func testSecrets(id string) (string, bool) {
	if id == testKeyID {
		return testSecret, true
	}
	return "", false
}

// signedParams returns a well-signed parameter set with tricky values.
func signedParams(method string) url.Values {
	p := url.Values{
		"AccessKeyId":      {testKeyID},
		"Action":           {"ListBackups"},
		"Version":          {"2021-06-01"},
		"Format":           {"JSON"},
		"SignatureMethod":  {Method},
		"SignatureVersion": {Version},
		"SignatureNonce":   {"nonce-1"},
		"Timestamp":        {"2025-01-01T00:00:00Z"},
		"SecurityToken":    {testToken},
		"Filter.1.Name":    {"Status"},
		"Filter.1.Value.1": {"a b+c/d*e~f=g&h 备份"},
	}
	p.Set(SignatureParam, Sign(method, p, testSecret))
	return p
}

func TestVerifyAccepts(t *testing.T) {
	for _, method := range []string{"GET", "POST"} {
		id, err := Verify(method, signedParams(method), testSecrets)
		if err != nil || id != testKeyID {
			t.Errorf("%s: Verify = %q, %v", method, id, err)
		}
	}
}

func TestVerifyRejects(t *testing.T) {
	tests := []struct {
		name   string
		method string // default POST
		mutate func(p url.Values)
		want   string
	}{
		{"tampered value", "", func(p url.Values) { p.Set("Filter.1.Value.1", "Created") }, acsauth.CodeSignatureDoesNotMatch},
		{"added parameter", "", func(p url.Values) { p.Set("MaxResults", "100") }, acsauth.CodeSignatureDoesNotMatch},
		{"removed parameter", "", func(p url.Values) { p.Del("Filter.1.Name") }, acsauth.CodeSignatureDoesNotMatch},
		{"tampered token", "", func(p url.Values) { p.Set("SecurityToken", "stolen") }, acsauth.CodeSignatureDoesNotMatch},
		{"other method", "GET", func(url.Values) {}, acsauth.CodeSignatureDoesNotMatch},
		{"garbled signature", "", func(p url.Values) { p.Set(SignatureParam, "not base64") }, acsauth.CodeSignatureDoesNotMatch},
		{"wrong secret", "", func(p url.Values) { p.Set(SignatureParam, Sign("POST", p, "wrong")) }, acsauth.CodeSignatureDoesNotMatch},
		{"unknown key", "", func(p url.Values) {
			p.Set("AccessKeyId", "LTAIunknown")
			p.Set(SignatureParam, Sign("POST", p, testSecret))
		}, acsauth.CodeInvalidAccessKeyID},
		{"no Signature", "", func(p url.Values) { p.Del(SignatureParam) }, acsauth.CodeIncompleteSignature},
		{"empty Signature", "", func(p url.Values) { p.Set(SignatureParam, "") }, acsauth.CodeIncompleteSignature},
		{"two Signatures", "", func(p url.Values) { p.Add(SignatureParam, p.Get(SignatureParam)) }, acsauth.CodeIncompleteSignature},
		{"no AccessKeyId", "", func(p url.Values) { p.Del("AccessKeyId") }, acsauth.CodeIncompleteSignature},
		{"two AccessKeyIds", "", func(p url.Values) { p.Add("AccessKeyId", "LTAIother") }, acsauth.CodeIncompleteSignature},
		{"no SignatureMethod", "", func(p url.Values) { p.Del("SignatureMethod") }, acsauth.CodeIncompleteSignature},
		{"HMAC-MD5", "", func(p url.Values) { resign(p, "SignatureMethod", "HMAC-MD5") }, acsauth.CodeIncompleteSignature},
		{"HMAC-SHA256", "", func(p url.Values) { resign(p, "SignatureMethod", "HMAC-SHA256") }, acsauth.CodeIncompleteSignature},
		{"method in lower case", "", func(p url.Values) { resign(p, "SignatureMethod", "hmac-sha1") }, acsauth.CodeIncompleteSignature},
		{"no SignatureVersion", "", func(p url.Values) { p.Del("SignatureVersion") }, acsauth.CodeIncompleteSignature},
		{"SignatureVersion 2.0", "", func(p url.Values) { resign(p, "SignatureVersion", "2.0") }, acsauth.CodeIncompleteSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := signedParams("POST")
			good := p.Get(SignatureParam)
			tt.mutate(p)
			method := tt.method
			if method == "" {
				method = "POST"
			}
			_, err := Verify(method, p, testSecrets)
			var ve *acsauth.VerifyError
			if !errors.As(err, &ve) || ve.Code != tt.want {
				t.Fatalf("Verify error = %v, want code %s", err, tt.want)
			}
			expected := Sign(method, p, testSecret)
			for _, s := range []string{testSecret, testToken, good, expected, url.QueryEscape(expected)} {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error message leaks %q: %s", s, err)
				}
			}
		})
	}
}

// resign sets name to value and signs the parameters again, as a client
// that meant to send them would.
func resign(p url.Values, name, value string) {
	p.Set(name, value)
	p.Set(SignatureParam, Sign("POST", p, testSecret))
}

func TestVerifyMessageShowsWhatWasSigned(t *testing.T) {
	p := signedParams("POST")
	p.Set("MaxResults", "5")
	_, err := Verify("POST", p, testSecrets)
	if err == nil || !strings.Contains(err.Error(), "MaxResults%3D5") || !strings.Contains(err.Error(), "SecurityToken%3D%253Credacted%253E") {
		t.Errorf("message should show the string to sign with the token redacted: %v", err)
	}
	// The service's words, the string to sign raw after them: the form
	// alibaba-cloud-sdk-go cuts at the prefix and compares with its own.
	var ve *acsauth.VerifyError
	shown := url.Values{}
	for k, v := range p {
		shown[k] = v
	}
	shown.Set("SecurityToken", "<redacted>")
	if !errors.As(err, &ve) || ve.Message != "Specified signature is not matched with our calculation. server string to sign is:"+StringToSign("POST", shown) {
		t.Errorf("Message = %q", ve.Message)
	}
}

func TestVerifyUnknownKeyMessage(t *testing.T) {
	p := signedParams("POST")
	_, err := Verify("POST", p, func(string) (string, bool) { return "", false })
	var ve *acsauth.VerifyError
	if !errors.As(err, &ve) || ve.Code != "InvalidAccessKeyId.NotFound" || ve.Message != "Specified access key is not found." {
		t.Errorf("unknown key: %v", err)
	}
}

// TestVerifyDarabonbaOverHTTP sends requests signed by GetRPCSignature
// through darabonba's own HTTP layer, as DoRPCRequest does (parameters in
// the query, or part of them in a form body), so the verifier judges them
// exactly as the SDK encodes them on the wire.
func TestVerifyDarabonbaOverHTTP(t *testing.T) {
	errs := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		params, err := url.ParseQuery(r.URL.RawQuery)
		if err == nil && len(body) > 0 {
			var form url.Values
			form, err = url.ParseQuery(string(body))
			for k, vs := range form {
				params[k] = append(params[k], vs...)
			}
		}
		if err == nil {
			_, err = Verify(r.Method, params, testSecrets)
		}
		errs <- err
	}))
	defer srv.Close()

	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		query := map[string]*string{
			"AccessKeyId": dara.String(testKeyID), "SignatureMethod": dara.String(Method), "SignatureVersion": dara.String(Version),
			"Action": dara.String("ListBackups"), "Format": dara.String("json"), "SecurityToken": dara.String(testToken),
		}
		body := map[string]any{}
		for n := r.IntN(6); n >= 0; n-- {
			name, v := randomText(r, nameAlphabet, 6), randomText(r, valueAlphabet, 12)
			if name == "" || name == SignatureParam || query[name] != nil || body[name] != nil {
				continue
			}
			if i%2 == 1 && r.IntN(2) == 0 {
				body[name] = v
			} else {
				query[name] = dara.String(v)
			}
		}
		dr := dara.NewRequest()
		dr.Protocol = dara.String("http")
		dr.Method = dara.String([]string{"GET", "POST"}[i%2])
		dr.Pathname = dara.String("/")
		dr.Headers["host"] = dara.String(strings.TrimPrefix(srv.URL, "http://"))
		dr.Query = query
		signed := dara.Merge(query)
		if len(body) > 0 {
			dr.Body = bytes.NewReader([]byte(dara.ToFormString(body)))
			dr.Headers["content-type"] = dara.String("application/x-www-form-urlencoded")
			for k, v := range body {
				signed[k] = dara.String(v.(string))
			}
		}
		dr.Query[SignatureParam] = openapiutil.GetRPCSignature(signed, dr.Method, dara.String(testSecret))

		resp, err := dara.DoRequest(dr, &dara.RuntimeObject{})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if err := <-errs; err != nil {
			t.Fatalf("case %d: Verify rejected a darabonba request: %v\nbody %v", i, err, body)
		}
	}
}
