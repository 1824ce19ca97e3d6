package seed

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// maxDirectoryBody caps what the server reads of a directory answer.
const maxDirectoryBody = 64 << 10

// directory is the client of the upstream membership directory. It is
// safe for concurrent use.
type directory struct {
	base    *url.URL
	timeout time.Duration
	tr      *http.Transport
	client  *http.Client
}

// newDirectory returns a client of the directory at base, which must be
// an absolute URL.
func newDirectory(base string, timeout time.Duration) (*directory, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil // the directory is reached directly, whatever the env
	return &directory{
		base:    u,
		timeout: timeout,
		tr:      tr,
		client: &http.Client{
			Transport: tr,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
	}, nil
}

// close releases the idle connections to the directory.
func (d *directory) close() { d.tr.CloseIdleConnections() }

// checkMember asks the directory whether user is a member, within the
// timeout, and returns nil when it is. The directory must answer 200 with
// a JSON object whose "member" is a boolean, or 404 for a user it does not
// know; anything else is an invalid answer.
func (d *directory) checkMember(ctx context.Context, user int64) *refusal {
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()

	u := d.base.JoinPath("members", strconv.FormatInt(user, 10))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(),
		nil)
	if err != nil {
		return refuse(http.StatusBadGateway, "directory request unusable")
	}
	req.Header.Set("Accept", jsonType)
	resp, err := d.client.Do(req)
	if err != nil {
		return transportRefusal(err)
	}
	defer resp.Body.Close()

	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		return refuse(http.StatusUnprocessableEntity,
			"user unknown to the directory")
	default:
		return refuse(http.StatusBadGateway, "directory answered "+
			strconv.Itoa(resp.StatusCode))
	}
	mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || mt != jsonType {
		return refuse(http.StatusBadGateway, "directory answer not JSON")
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxDirectoryBody+1))
	if err != nil {
		return transportRefusal(err)
	}
	if len(b) > maxDirectoryBody {
		return refuse(http.StatusBadGateway, "directory answer too large")
	}
	return judgeMembership(b)
}

// judgeMembership reads the body of a 200 directory answer.
func judgeMembership(b []byte) *refusal {
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil || obj == nil {
		return refuse(http.StatusBadGateway, "directory answer not an object")
	}
	member, ok := obj["member"].(bool)
	if !ok {
		return refuse(http.StatusBadGateway,
			"directory answer has no boolean member")
	}
	if !member {
		return refuse(http.StatusUnprocessableEntity, "user not a member")
	}
	return nil
}

// transportRefusal classifies a failure to get a directory answer: no
// answer in time is 504, any other failure (refused, reset) is 502.
func transportRefusal(err error) *refusal {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) ||
		(errors.As(err, &ne) && ne.Timeout()) {
		return refuse(http.StatusGatewayTimeout, "directory timed out")
	}
	return refuse(http.StatusBadGateway, "directory unreachable")
}
