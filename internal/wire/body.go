package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// ErrTooLarge is wrapped by the error of a success body above the Conn's
// limit.
var ErrTooLarge = errors.New("response body exceeds the client's MaxResponseBytes")

// maxErrorBody bounds what is read of an error answer's body: Compute
// Nest's JSON error documents are a few hundred bytes, and whatever a proxy
// sends instead is only summarised.
const maxErrorBody = 64 << 10

// bufferPool recycles the buffers that success bodies are read into, so a
// page costs no buffer allocations once a few pages have been read.
// json.Unmarshal copies every string it keeps, so nothing decoded refers to
// a buffer after it goes back. Each Conn has its own.
type bufferPool struct{ pool sync.Pool }

func (p *bufferPool) get() *bytes.Buffer {
	if b, _ := p.pool.Get().(*bytes.Buffer); b != nil {
		return b
	}
	return new(bytes.Buffer)
}

func (p *bufferPool) put(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		b.Reset()
		p.pool.Put(b)
	}
}

// maxPooledBuffer keeps a rare huge body's buffer out of the pool.
const maxPooledBuffer = 1 << 20

// decodeBody reads a success body of at most limit bytes (size is its
// Content-Length, or -1) into a pooled buffer and decodes it into a new T:
// one copy of the bytes, no buffer growth. An empty or cut-off body is
// told apart from a malformed one: only a cut-off body wraps
// io.ErrUnexpectedEOF.
func decodeBody[T any](bufs *bufferPool, body io.Reader, size, limit int64) (*T, error) {
	buf := bufs.get()
	defer bufs.put(buf)
	if size > 0 && size <= limit {
		buf.Grow(int(size) + bytes.MinRead) // room for the read that sees EOF
	}
	_, err := buf.ReadFrom(io.LimitReader(body, limit+1))
	switch {
	case int64(buf.Len()) > limit:
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, limit)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("body ends mid-document: %w", err)
	case err != nil:
		return nil, err
	}
	out := new(T)
	if err := json.Unmarshal(buf.Bytes(), out); err != nil {
		var syn *json.SyntaxError
		switch {
		case len(bytes.TrimSpace(buf.Bytes())) == 0:
			return nil, errors.New("empty body")
		case errors.As(err, &syn) && syn.Offset >= int64(buf.Len()):
			// Cut off: a dropped connection, which a retry may mend.
			return nil, fmt.Errorf("body ends mid-document: %w", io.ErrUnexpectedEOF)
		}
		return nil, err
	}
	if err := duplicateKey(buf.Bytes()); err != nil {
		return nil, err
	}
	return out, nil
}

// readErrorBody reads an error answer's body, at most limit bytes; tooLarge
// says there was more. A body that fails half-way still tells something:
// what arrived is kept.
func readErrorBody(body io.Reader, limit int64) (b []byte, tooLarge bool) {
	b, _ = io.ReadAll(io.LimitReader(body, limit+1))
	if int64(len(b)) > limit {
		return b[:limit], true
	}
	return b, false
}
