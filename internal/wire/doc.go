// Package wire is one attempt of a Compute Nest call, and nothing more:
// build the query, sign the request with darabonba's hash and HMAC, send it,
// read the answer within limits, decode it with the repeated-name check,
// redact what the answer echoes of the request's secrets, and learn the
// service's clock from an answer that refused a request's date.
//
// It knows nothing of retries, pagination, waiters or the public error
// types: package client builds those on top, from what an Exchange returns.
package wire
