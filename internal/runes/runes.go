// Package runes holds the UTF-8 shortcut that notegraph's text scanners
// share for Chinese text.
package runes

// Three decodes the rune at s[i] when it is one of U+1000–U+CFFF (lead
// byte E1–EC), which holds the CJK ideographs and punctuation of most
// Chinese text: any two continuation bytes after such a lead make a valid
// rune (no overlong form, no surrogate), so these checks are all it takes,
// and a call to utf8.DecodeRuneInString is spared. ok is false for any
// other sequence, which the caller decodes the usual way.
func Three(s string, i int) (r rune, ok bool) {
	if i < 0 || i+2 >= len(s) {
		return 0, false
	}
	c0, c1, c2 := s[i], s[i+1], s[i+2]
	if c0-0xE1 > 0xEC-0xE1 || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 {
		return 0, false
	}
	return rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), true
}
