package check

import (
	"strings"

	"github.com/apiconformance/harness/runner"
)

// encoding checks that the body comes with no content coding. The harness
// sends no Accept-Encoding, which asks for none, so any coding but identity
// is one the client did not accept (RFC 9110, section 12.5.3). It records
// the finding in j.encoded, which keeps the body checks from judging bytes
// that are not the representation.
func (j *judgement) encoding() {
	values := j.in.Header.Values("Content-Encoding")
	for _, v := range values {
		for _, coding := range strings.Split(v, ",") {
			coding = strings.TrimSpace(coding)
			if coding != "" && !strings.EqualFold(coding, "identity") {
				j.encoded = true
			}
		}
	}
	if j.encoded {
		j.violate(runner.RuleContentEncoding, "", "no content coding",
			quote(strings.Join(values, ", ")),
			"the request sent no Accept-Encoding")
	}
}
