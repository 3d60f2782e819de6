package runes

import (
	"testing"
	"unicode/utf8"
)

// TestThreeMatchesUTF8 checks Three on every sequence it claims, and that
// it claims no sequence whose lead byte is outside E1–EC.
func TestThreeMatchesUTF8(t *testing.T) {
	for c0 := 0xC0; c0 <= 0xFF; c0++ {
		for c1 := 0x00; c1 <= 0xFF; c1++ {
			for _, c2 := range []int{0x00, 0x41, 0x80, 0x9F, 0xA5, 0xBF, 0xC0, 0xFF} {
				s := string([]byte{'x', byte(c0), byte(c1), byte(c2)})
				r, ok := Three(s, 1)
				want, size := utf8.DecodeRuneInString(s[1:])
				if ok && (r != want || size != 3) {
					t.Fatalf("Three(% x) = %U, want %U (size %d)", s[1:], r, want, size)
				}
				if ok != (c0 >= 0xE1 && c0 <= 0xEC && size == 3) {
					t.Fatalf("Three(% x): ok = %v", s[1:], ok)
				}
			}
		}
	}
	if _, ok := Three("\xe4\xb8", 0); ok {
		t.Error("Three read past the end")
	}
}
