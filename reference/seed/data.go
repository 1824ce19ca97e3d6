package seed

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"
)

// defaultData is loaded when Config.DataFile is empty. Its tokens and ids
// are the variables of fixtures/seed.yaml.
//
//go:embed data.json
var defaultData []byte

// dataFile is the layout of a data file. A token without expires never
// expires.
type dataFile struct {
	Clients []string `json:"clients"`
	Users   []struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	} `json:"users"`
	Tokens []struct {
		Value   string     `json:"value"`
		User    int64      `json:"user"`
		Expires *time.Time `json:"expires"`
	} `json:"tokens"`
	Groups []struct {
		ID      string  `json:"id"`
		Admins  []int64 `json:"admins"`
		Members []int64 `json:"members"`
	} `json:"groups"`
}

// token is what an access token stands for. A zero expires never expires.
type token struct {
	user    int64
	expires time.Time
}

// group holds the ids of a group's members and admins.
type group struct {
	admins  map[int64]bool
	members map[int64]bool
}

// store is the server's data in memory. It is safe for concurrent use.
// Only the admins of groups change after loading.
type store struct {
	clients map[string]bool
	tokens  map[string]token

	mu     sync.RWMutex
	groups map[string]*group
}

// loadStore reads the data file at path, or the embedded default when
// path is empty.
func loadStore(path string) (*store, error) {
	b, name := defaultData, "data.json (embedded)"
	if path != "" {
		var err error
		if b, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("loading data: %w", err)
		}
		name = path
	}
	s, err := parseStore(b)
	if err != nil {
		return nil, fmt.Errorf("loading data %s: %w", name, err)
	}
	return s, nil
}

// parseStore builds a store from the bytes of a data file. Its errors
// name tokens by position, never by value: token values are secrets.
func parseStore(b []byte) (*store, error) {
	var f dataFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	s := &store{
		clients: make(map[string]bool),
		tokens:  make(map[string]token),
		groups:  make(map[string]*group),
	}
	for _, c := range f.Clients {
		if c == "" {
			return nil, fmt.Errorf("empty client id")
		}
		s.clients[c] = true
	}
	users := make(map[int64]bool)
	for _, u := range f.Users {
		if u.ID <= 0 || users[u.ID] {
			return nil, fmt.Errorf("user id %d: not positive or repeated",
				u.ID)
		}
		users[u.ID] = true
	}
	for i, t := range f.Tokens {
		if t.Value == "" || !users[t.User] {
			return nil, fmt.Errorf("token %d: empty or of unknown user", i)
		}
		if _, dup := s.tokens[t.Value]; dup {
			return nil, fmt.Errorf("token %d: repeated", i)
		}
		tok := token{user: t.User}
		if t.Expires != nil {
			tok.expires = *t.Expires
		}
		s.tokens[t.Value] = tok
	}
	for _, g := range f.Groups {
		if g.ID == "" || s.groups[g.ID] != nil {
			return nil, fmt.Errorf("group %q: empty or repeated id", g.ID)
		}
		ng := &group{admins: make(map[int64]bool),
			members: make(map[int64]bool)}
		for _, ids := range [][]int64{g.Admins, g.Members} {
			for _, id := range ids {
				if !users[id] {
					return nil, fmt.Errorf("group %q: unknown user %d",
						g.ID, id)
				}
			}
		}
		for _, id := range g.Admins {
			ng.admins[id], ng.members[id] = true, true
		}
		for _, id := range g.Members {
			ng.members[id] = true
		}
		s.groups[g.ID] = ng
	}
	return s, nil
}

// knownClient reports whether id is a registered client id.
func (s *store) knownClient(id string) bool { return s.clients[id] }

// token returns what the access token value stands for.
func (s *store) token(value string) (token, bool) {
	t, ok := s.tokens[value]
	return t, ok
}

// expired reports whether the token has expired at now.
func (t token) expired(now time.Time) bool {
	return !t.expires.IsZero() && !now.Before(t.expires)
}

// hasGroup reports whether a group with the id exists.
func (s *store) hasGroup(id string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.groups[id] != nil
}

// isAdmin reports whether user is an admin of the group id.
func (s *store) isAdmin(id string, user int64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g := s.groups[id]
	return g != nil && g.admins[user]
}

// isMember reports whether user is a member of the group id.
func (s *store) isMember(id string, user int64) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g := s.groups[id]
	return g != nil && g.members[user]
}

// addAdmin makes user a member and an admin of the group id, which must
// exist. Adding an admin again changes nothing.
func (s *store) addAdmin(id string, user int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := s.groups[id]; g != nil {
		g.admins[user], g.members[user] = true, true
	}
}
