package seed

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// jsonType is the media type of every answer the contract documents.
const jsonType = "application/json"

// assigned is the only message the contract allows in a 200 body.
const assigned = "User has been assigned as an admin successfully."

// member is one name/value pair of an object, kept in the order written.
type member struct {
	key   string
	value any // string, bool, int64, nil or object
}

// object is a JSON object that keeps its members in order and may repeat
// a key, so that a mutant can write exactly the bytes it means to.
type object []member

// with returns o with the first member named key set to v, or v appended
// when there is none. o itself is not changed.
func (o object) with(key string, v any) object {
	out := append(object(nil), o...)
	for i := range out {
		if out[i].key == key {
			out[i].value = v
			return out
		}
	}
	return append(out, member{key, v})
}

// without returns o less every member named key.
func (o object) without(key string) object {
	var out object
	for _, m := range o {
		if m.key != key {
			out = append(out, m)
		}
	}
	return out
}

// appendJSON appends the JSON text of v to b. Any other type than those
// of member.value is a bug of this package, so it panics.
func appendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, v)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case string:
		// Marshalling a string cannot fail.
		s, _ := json.Marshal(v)
		return append(b, s...)
	case object:
		b = append(b, '{')
		for i, m := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, m.key)
			b = append(b, ':')
			b = appendJSON(b, m.value)
		}
		return append(b, '}')
	}
	panic(fmt.Sprintf("seed: no JSON encoding for %T", v))
}

// reply is an answer before it is written. Body is encoded from doc
// unless raw is non-nil, in which case raw is sent as is.
type reply struct {
	status      int
	contentType string
	doc         object
	raw         []byte
	userID      int64 // the user assigned, on a 200
}

// bytes returns the body the reply sends.
func (r reply) bytes() []byte {
	if r.raw != nil {
		return r.raw
	}
	return appendJSON(nil, r.doc)
}

// write sends the reply on w.
func (r reply) write(w http.ResponseWriter) {
	b := r.bytes()
	h := w.Header()
	h.Set("Content-Type", r.contentType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(r.status)
	w.Write(b)
}

// successReply is the 200 answer for a user made admin.
func successReply(userID int64) reply {
	return reply{
		status:      http.StatusOK,
		contentType: jsonType,
		doc: object{
			{"success", true},
			{"data", object{{"message", assigned}}},
		},
		userID: userID,
	}
}

// errorReply is the error answer of status: the message and type of the
// contract's example for it, and success false.
func errorReply(status int) reply {
	msg, kind := errorText(status)
	return reply{
		status:      status,
		contentType: jsonType,
		doc: object{
			{"message", msg},
			{"type", kind},
			{"success", false},
		},
	}
}

// errorText returns the message and type of the error body of status,
// exactly the examples of specs/seed.yaml. 405, which the contract does
// not document, gets wording in the same style; any other status gets the
// wording of 500.
func errorText(status int) (msg, kind string) {
	switch status {
	case http.StatusBadRequest:
		msg = "The request is missing required headers or is invalid"
		kind = "invalid_request"
	case http.StatusUnauthorized:
		msg = "The request requires user authentication"
		kind = "unauthorized"
	case http.StatusForbidden:
		msg = "The server understood the request, but refuses to " +
			"authorize it"
		kind = "forbidden"
	case http.StatusNotFound:
		msg = "The requested resource could not be found"
		kind = "not_found"
	case http.StatusMethodNotAllowed:
		msg = "The method is not allowed for the requested resource"
		kind = "method_not_allowed"
	case http.StatusUnprocessableEntity:
		msg = "The request was well-formed but was unable to be followed " +
			"due to semantic errors"
		kind = "unprocessable_entity"
	case http.StatusTooManyRequests:
		msg = "Too many requests, please try again later"
		kind = "rate_limit_exceeded"
	case http.StatusBadGateway:
		msg = "The server was acting as a gateway or proxy and received " +
			"an invalid response from the upstream server"
		kind = "bad_gateway"
	case http.StatusServiceUnavailable:
		msg = "The server is currently unable to handle the request due " +
			"to a temporary overload or scheduled maintenance"
		kind = "service_unavailable"
	case http.StatusGatewayTimeout:
		msg = "The server was acting as a gateway or proxy and did not " +
			"receive a timely response from the upstream server"
		kind = "gateway_timeout"
	default:
		msg = "The server encountered an internal error and was unable " +
			"to complete your request"
		kind = "internal_server_error"
	}
	return msg, kind
}
