package acsauth

import (
	"errors"
	"testing"
)

func TestPercentEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"AZaz09-_.~", "AZaz09-_.~"},
		{"a b", "a%20b"},
		{"/", "%2F"},
		{"*", "%2A"},
		{"~", "~"},
		{"+", "%2B"},
		{"=", "%3D"},
		{"&", "%26"},
		{"%", "%25"},
		{":", "%3A"},
		{"\t\n", "%09%0A"},
		{"备份", "%E5%A4%87%E4%BB%BD"},
	}
	for _, tt := range tests {
		if got := PercentEncode(tt.in); got != tt.want {
			t.Errorf("PercentEncode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestVerifyError(t *testing.T) {
	var err error = Errorf(CodeSignatureDoesNotMatch, "the %s does not match", "signature")
	var ve *VerifyError
	if !errors.As(err, &ve) || ve.Code != "SignatureDoesNotMatch" || err.Error() != "SignatureDoesNotMatch: the signature does not match" {
		t.Errorf("err = %v (%+v)", err, ve)
	}
}
