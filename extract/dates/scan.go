package dates

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Year ranges. Explicit forms (2017年, 2017-06, June 2017) are trusted more
// than a bare year licensed only by an English preposition or qualifier,
// where counts such as "by 2048" are common.
const (
	minYear, maxYear         = 1000, 2199
	minBareYear, maxBareYear = 1900, 2100
)

func isDigit(c byte) bool  { return c-'0' <= 9 }
func isLetter(c byte) bool { return (c|0x20)-'a' < 26 }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

func lower(c byte) byte {
	if c-'A' < 26 {
		return c + 0x20
	}
	return c
}

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func prevRune(s string, i int) rune {
	if i <= 0 {
		return utf8.RuneError
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// runeAt reports whether s holds r at byte i.
func runeAt(s string, i int, r rune) bool {
	got, _ := decode(s, i)
	return got == r
}

// digitVal reads an ASCII or full-width digit.
func digitVal(s string, i int) (v, width int) {
	if i >= len(s) {
		return -1, 0
	}
	if c := s[i]; isDigit(c) {
		return int(c - '0'), 1
	}
	// Full-width ０–９ are U+FF10–U+FF19: EF BC 90–99.
	if s[i] == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2]-0x90 <= 9 {
		return int(s[i+2] - 0x90), 3
	}
	return -1, 0
}

// readNum reads a run of ASCII and full-width digits at i. n counts digits;
// v is only meaningful for n <= 9. ascii is false if any digit is full-width.
func readNum(s string, i int) (v, n, end int, ascii bool) {
	ascii = true
	for {
		d, w := digitVal(s, i)
		if d < 0 {
			return v, n, i, ascii
		}
		if n < 9 {
			v = v*10 + d
		}
		n++
		i += w
		ascii = ascii && w == 1
	}
}

// isSpace is the set of spaces allowed between the parts of a date.
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' }

func skipSpaces(s string, i int) int {
	for i < len(s) {
		r, w := decode(s, i)
		if !isSpace(r) {
			break
		}
		i += w
	}
	return i
}

func skipASCIISpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// isURLScheme reports whether the letters s[i:j] end in http or https and
// "://" follows, so the URL can be skipped even when glued to a word.
func isURLScheme(s string, i, j int) bool {
	if !strings.HasPrefix(s[j:], "://") {
		return false
	}
	w := s[i:j]
	return hasSuffixFold(w, "http") || hasSuffixFold(w, "https")
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// nonSpaceEnd finds the end of the run of non-space characters at i.
func nonSpaceEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c-'\t' <= '\r'-'\t' {
				return i
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += w
	}
	return i
}

// lowerWord copies a short ASCII word into buf in lower case; ok is false
// when it is too long to be any keyword.
func lowerWord(buf *[12]byte, w string) ([]byte, bool) {
	if len(w) > len(buf) {
		return nil, false
	}
	for k := 0; k < len(w); k++ {
		buf[k] = lower(w[k])
	}
	return buf[:len(w)], true
}

func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }
