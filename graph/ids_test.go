package graph

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNormalizeASCIITitle holds NormalizeTitle's ASCII fast path to the
// full NFKC and case-fold path, on chosen titles and on every ASCII byte.
func TestNormalizeASCIITitle(t *testing.T) {
	var all strings.Builder
	for c := 0; c < utf8.RuneSelf; c++ {
		all.WriteByte(byte(c))
	}
	for _, c := range []struct {
		in, want string
		ascii    bool
	}{
		{"", "", true},
		{"Attention Is All You Need", "attentionisallyouneed", true},
		{"attentionisallyouneed", "attentionisallyouneed", true},
		{"BERT: Pre-training of Deep Bidirectional Transformers", "bertpretrainingofdeepbidirectionaltransformers", true},
		{"GPT-4 Technical Report (2023)", "gpt4technicalreport2023", true},
		{"  \t\n!?", "", true},
		{"K\x00\x7fz", "kz", true},
		{all.String(), "0123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", true},
		{"Straße", "strasse", false},
		{"ＧＰＴ－４", "gpt4", false},
		{"注意力 Attention", "注意力attention", false},
		{"Kelvin \u212a", "kelvink", false},
		{"bad \xff byte", "badbyte", false},
	} {
		if got := NormalizeTitle(c.in); got != c.want {
			t.Errorf("NormalizeTitle(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := normalizeTitle(c.in); got != c.want {
			t.Errorf("normalizeTitle(%q) = %q, want %q", c.in, got, c.want)
		}
		got, ok := normalizeASCIITitle(c.in)
		if ok != c.ascii {
			t.Errorf("normalizeASCIITitle(%q) ok = %v, want %v", c.in, ok, c.ascii)
		}
		if ok && got != c.want {
			t.Errorf("normalizeASCIITitle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzNormalizeTitle checks that the fast path, wherever it answers, gives
// exactly what the full path gives.
func FuzzNormalizeTitle(f *testing.F) {
	for _, s := range []string{"", "Attention Is All You Need", "a-b_c.d", "ABC123xyz", "Straße", "ＧＰＴ", "\xff", "《论文》 Title"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		full := normalizeTitle(s)
		if got := NormalizeTitle(s); got != full {
			t.Fatalf("NormalizeTitle(%q) = %q, full path %q", s, got, full)
		}
		if got, ok := normalizeASCIITitle(s); ok && got != full {
			t.Fatalf("normalizeASCIITitle(%q) = %q, full path %q", s, got, full)
		}
	})
}
