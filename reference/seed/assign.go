package seed

import (
	"net"
	"net/http"
	"time"
)

// The credential headers of the contract's security requirement.
const (
	tokenHeader  = "x-auth-token"
	clientHeader = "x-client-id"
)

// assign serves PUT /v1/groups/{groupId}/assignAsAdmin.
func (s *Server) assign(w http.ResponseWriter, r *http.Request) {
	userID, ref := s.assignAdmin(r)
	if ref != nil {
		noteWhy(r, ref.why)
		s.send(w, errorReply(ref.status))
		return
	}
	s.send(w, successReply(userID))
}

// assignAdmin runs the checks of the operation in the order the package
// documentation gives, and makes the user an admin when all pass. The
// order is the contract of this server with fixtures/seed.yaml: each
// fixture trigger passes every check before the one it means to fail.
func (s *Server) assignAdmin(r *http.Request) (int64, *refusal) {
	if !s.limiter.allow(clientKey(r), time.Now()) {
		return 0, refuse(http.StatusTooManyRequests, "rate limit exceeded")
	}
	if s.faults.maintenance.Load() {
		return 0, refuse(http.StatusServiceUnavailable, "maintenance")
	}
	caller, ref := s.authenticate(r)
	if ref != nil {
		return 0, ref
	}
	userID, ref := readAssignment(r)
	if ref != nil {
		return 0, ref
	}

	groupID := r.PathValue("groupId")
	if s.faults.internal.Load() {
		return 0, refuse(http.StatusInternalServerError,
			"group lookup failed: internal fault")
	}
	if !s.store.hasGroup(groupID) {
		return 0, refuse(http.StatusNotFound, "unknown group")
	}
	if !s.store.isAdmin(groupID, caller) {
		return 0, refuse(http.StatusForbidden, "caller not a group admin")
	}
	if ref := s.dir.checkMember(r.Context(), userID); ref != nil {
		return 0, ref
	}
	s.store.addAdmin(groupID, userID)
	return userID, nil
}

// authenticate returns the user the credentials of r stand for.
func (s *Server) authenticate(r *http.Request) (int64, *refusal) {
	value, client := r.Header.Get(tokenHeader), r.Header.Get(clientHeader)
	if value == "" || client == "" {
		return 0, refuse(http.StatusUnauthorized, "credentials missing")
	}
	if !s.store.knownClient(client) {
		return 0, refuse(http.StatusUnauthorized, "unknown client id")
	}
	tok, ok := s.store.token(value)
	if !ok {
		return 0, refuse(http.StatusUnauthorized, "unknown token")
	}
	if tok.expired(time.Now()) {
		return 0, refuse(http.StatusForbidden, "token expired")
	}
	return tok.user, nil
}

// clientKey is the rate-limit key of r: its client id, or its remote
// address when it gives none.
func clientKey(r *http.Request) string {
	if c := r.Header.Get(clientHeader); c != "" {
		return "client:" + c
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "addr:" + host
}
