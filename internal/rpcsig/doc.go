// Package rpcsig computes and verifies Alibaba Cloud's RPC request
// signatures of signature version 1.0 (HMAC-SHA1), the legacy scheme the
// aliyun CLI, alibaba-cloud-sdk-go and darabonba-openapi's DoRPCRequest use.
//
// A version 1.0 signature travels with the request's parameters (query or
// form body): AccessKeyId, SignatureMethod=HMAC-SHA1, SignatureVersion=1.0
// and Signature, next to Action, Version, Timestamp, SignatureNonce and the
// action's own parameters. It covers every parameter but Signature:
//
//	CanonicalizedQuery = the pairs sorted by name, each name and value
//	                     percent-encoded (RFC 3986), joined as name=value with &
//	StringToSign       = METHOD & PercentEncode("/") & PercentEncode(CanonicalizedQuery)
//	Signature          = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
//
// Sign is the client side; Verify is the server side and answers with the
// error codes Alibaba Cloud uses. The package is independent of internal/acs3
// so that the two schemes cannot share a bug, and uses the standard library
// only.
package rpcsig
