// Package acs3 computes and verifies Alibaba Cloud ACS3-HMAC-SHA256 request
// signatures, the scheme the darabonba-openapi SDK uses for its V3 signing.
//
// A signature covers a canonical request: the method, the canonical URI, the
// canonical query string, the canonical headers (host, content-type and every
// x-acs-* header), the signed-header list and the hex SHA-256 of the body.
// Sign builds the Authorization header a client sends; Verify is the server
// side and answers with the error codes Alibaba Cloud uses.
//
// The package uses the standard library only.
package acs3
