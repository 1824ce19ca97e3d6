package runner

import "fmt"

// Outcome is the verdict of one case. The set is closed: every case of a run
// ends with exactly one of these.
type Outcome int

const (
	// Passed means the response met every check of the profile.
	Passed Outcome = iota
	// Failed means the implementation broke the contract.
	Failed
	// Error means the harness or its setup could not run the case: a state
	// call failed, the target could not be reached, a fixture was unusable.
	Error
	// Untriggered means no trigger is known for the status; the case says why.
	Untriggered
	// Waived means the case ran but a waiver with a justification covers it.
	Waived
	// Skipped means the user filtered the case out.
	Skipped
)

var outcomeNames = [...]string{"passed", "failed", "error", "untriggered",
	"waived", "skipped"}

// String returns the lowercase name used in reports and on the console.
func (o Outcome) String() string {
	if o < 0 || int(o) >= len(outcomeNames) {
		return fmt.Sprintf("outcome(%d)", int(o))
	}
	return outcomeNames[o]
}

// ParseOutcome returns the outcome named s, as String writes it.
func ParseOutcome(s string) (Outcome, error) {
	for i, n := range outcomeNames {
		if n == s {
			return Outcome(i), nil
		}
	}
	return 0, fmt.Errorf("parsing outcome: unknown name %q", s)
}

// MarshalText writes the outcome by name, so JSON reports stay readable.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads an outcome written by MarshalText.
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := ParseOutcome(string(b))
	if err != nil {
		return err
	}
	*o = v
	return nil
}
