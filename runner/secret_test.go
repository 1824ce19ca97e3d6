package runner

import "testing"

func TestMaskerMasksEscapedSpellings(t *testing.T) {
	const secret = `ab"c<d&e/f g`
	m := NewMasker(secret, "")
	tests := []struct {
		name, text string
	}{
		{name: "as is", text: secret},
		{name: "JSON as Go writes it", text: `ab\"c\u003cd\u0026e/f g`},
		{name: "JSON without HTML escapes", text: `ab\"c<d&e/f g`},
		{name: "a solidus escaped alone", text: `ab"c<d&e\/f g`},
		{name: "JSON as PHP writes it", text: `ab\"c<d&e\/f g`},
		{name: "HTML as Python escapes it", text: "ab&quot;c&lt;d&amp;e/f g"},
		{name: "URL query", text: "ab%22c%3Cd%26e%2Ff+g"},
		{name: "URL path", text: "ab%22c%3Cd&e%2Ff%20g"},
		{name: "HTML", text: "ab&#34;c&lt;d&amp;e/f g"},
		{name: "every character escaped", text: `\u0061\u0062\u0022\u0063` +
			`\u003c\u0064\u0026\u0065\u002f\u0066\u0020\u0067`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.String("x " + tt.text + " y")
			if got != "x "+Mask+" y" {
				t.Errorf("masked %q to %q", tt.text, got)
			}
		})
	}
	accented := NewMasker("pässwörd-Zq9")
	if got := accented.String(`"p\u00e4ssw\u00f6rd-Zq9"`); got != `"`+Mask+`"` {
		t.Errorf("JSON with non-ASCII escaped (Python's default): %q", got)
	}
	if got := m.String("ab c"); got != "ab c" {
		t.Errorf("a text without the secret became %q", got)
	}
	if got := (Masker{}).String(secret); got != secret {
		t.Errorf("the zero Masker changed %q to %q", secret, got)
	}
}
