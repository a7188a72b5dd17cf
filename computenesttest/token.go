package computenesttest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"sync/atomic"
)

// A NextToken is a cursor (the seq of the last item returned and the
// listing's snapshot), the hash of the filters it was issued for and a
// serial number that makes every token issued distinct, sealed
// with an HMAC under a key that is random per server: a client can neither
// forge one nor move one to other filters or another server.
//
// It is written in standard base64 with padding, as the real service's
// tokens are, so that '+', '/' and '=' in it exercise clients' query
// escaping.

const (
	tokenVersion = 1
	tokenBody    = 1 + 8 + 8 + 16 + 4 // version, after, snapshot, filter hash, serial
	tokenMAC     = 16
)

type tokenCodec struct {
	key    []byte
	serial atomic.Uint32
}

// encode issues a token for cur. Two tokens for the same position differ,
// as the service's do, so a client can tell "the same token again" from "a
// new token".
func (c *tokenCodec) encode(cur cursor, filterHash [16]byte) string {
	b := make([]byte, tokenBody, tokenBody+tokenMAC)
	b[0] = tokenVersion
	binary.BigEndian.PutUint64(b[1:], cur.after)
	binary.BigEndian.PutUint64(b[9:], cur.snapshot)
	copy(b[17:], filterHash[:])
	binary.BigEndian.PutUint32(b[33:], c.serial.Add(1))
	return base64.StdEncoding.EncodeToString(append(b, c.mac(b)...))
}

// decode returns the token's cursor, or an InvalidParameter error for a
// token that is garbled, forged, or issued for other filters.
func (c *tokenCodec) decode(token string, filterHash [16]byte) (cursor, *apiError) {
	b, err := base64.StdEncoding.Strict().DecodeString(token)
	if err != nil || len(b) != tokenBody+tokenMAC || b[0] != tokenVersion ||
		!hmac.Equal(b[tokenBody:], c.mac(b[:tokenBody])) {
		return cursor{}, badRequest(codeInvalidParameter, "The specified NextToken is invalid.")
	}
	if !hmac.Equal(b[17:33], filterHash[:]) {
		return cursor{}, badRequest(codeInvalidParameter,
			"The specified NextToken is invalid: it belongs to a listing with other filters or of another action.")
	}
	cur := cursor{after: binary.BigEndian.Uint64(b[1:]), snapshot: binary.BigEndian.Uint64(b[9:])}
	if cur.after > cur.snapshot { // cannot come from encode; refuse rather than trust
		return cursor{}, badRequest(codeInvalidParameter, "The specified NextToken is invalid.")
	}
	return cur, nil
}

func (c *tokenCodec) mac(body []byte) []byte {
	m := hmac.New(sha256.New, c.key)
	m.Write(body)
	return m.Sum(nil)[:tokenMAC]
}
