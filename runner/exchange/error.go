package exchange

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"syscall"
)

// TransportKind names the way an exchange failed to produce an answer.
type TransportKind string

// The kinds of transport failure. Refused means the harness could not reach
// the target at all; the others mean it reached it and got no usable answer.
const (
	// Refused: no connection was made, because nothing listens on the port,
	// the host is unknown or the network is unreachable.
	Refused TransportKind = "refused"
	// Timeout: no complete answer within Options.Timeout, whether the
	// connection, the headers or the body were late.
	Timeout TransportKind = "timeout"
	// Reset: the target closed or reset the connection mid-exchange.
	Reset TransportKind = "reset"
	// Canceled: the caller's context ended before the answer came.
	Canceled TransportKind = "canceled"
	// Other: any other failure to send or read.
	Other TransportKind = "other"
)

// TransportError is a failure to get an answer from the target. Its message
// holds no URL, so a secret carried in a query never shows in it.
type TransportError struct {
	Kind TransportKind
	Err  error
}

// Error returns "sending request: KIND: cause".
func (e *TransportError) Error() string {
	return "sending request: " + string(e.Kind) + ": " + e.Err.Error()
}

// Unwrap returns the underlying network error.
func (e *TransportError) Unwrap() error { return e.Err }

// KindOf returns the kind of the *TransportError in err's chain, or "" when
// err holds none.
func KindOf(err error) TransportKind {
	var te *TransportError
	if errors.As(err, &te) {
		return te.Kind
	}
	return ""
}

// classify wraps err, returned while sending or reading, in a
// *TransportError. parent is the caller's context and own the one that
// carries the client's timeout, so that the two ends are told apart.
func classify(parent, own context.Context, err error) *TransportError {
	var ue *url.Error
	if errors.As(err, &ue) {
		// The url.Error names the URL, which may carry a secret.
		err = ue.Err
	}
	return &TransportError{Kind: kindOf(parent, own, err), Err: err}
}

func kindOf(parent, own context.Context, err error) TransportKind {
	if errors.Is(parent.Err(), context.Canceled) {
		return Canceled
	}

	// Once the deadline passed, whatever the read returned is its effect.
	if own.Err() != nil {
		return Timeout
	}
	var ne net.Error
	var dns *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, syscall.ETIMEDOUT),
		errors.As(err, &ne) && ne.Timeout():
		return Timeout
	case errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, syscall.ENETUNREACH),
		errors.As(err, &dns):
		return Refused
	case errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF):
		return Reset
	}
	return Other
}
