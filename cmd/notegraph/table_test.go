package main

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

func TestTableAlignsWideCharacters(t *testing.T) {
	var tb table
	tb.add("tag:旅行/台湾", "x")
	tb.add("tag:go", "y")
	tb.add("ｆｕｌｌ", "z")
	var b strings.Builder
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	col := -1
	for _, l := range lines {
		// The second column starts at the same display column on every line.
		c := displayWidth(l[:strings.LastIndexByte(l, ' ')+1])
		if col >= 0 && c != col {
			t.Errorf("second column at %d, want %d:\n%s", c, col, b.String())
		}
		col = c
	}
	if w := displayWidth("旅行a"); w != 5 {
		t.Errorf("displayWidth(旅行a) = %d, want 5", w)
	}
}

// TestDisplayWidthEveryRune holds displayWidth, with its shortcut for CJK
// ideographs, to the East Asian Width table for every rune, alone and
// between others, and for broken UTF-8.
func TestDisplayWidthEveryRune(t *testing.T) {
	want := func(r rune) int {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			return 2
		}
		return 1
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if got := displayWidth(s); got != want(r) {
			t.Fatalf("displayWidth(%U) = %d, want %d", r, got, want(r))
		}
		if got := displayWidth("a" + s + "中"); got != 3+want(r) {
			t.Fatalf("displayWidth(a%U中) = %d, want %d", r, got, 3+want(r))
		}
	}
	for _, s := range []string{"\xe4\xb8", "\xe5\xa5", "\xe4\xb8\x41", "\xe9\xbf\xbf\xbf", "中\xff"} {
		wantN := 0
		for _, r := range s { // a broken byte is U+FFFD, one column
			wantN += want(r)
		}
		if got := displayWidth(s); got != wantN {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, wantN)
		}
	}
}

// TestIsOneLineEveryRune holds isOneLine, which decodes only the runes
// that may be spaces, to its definition: no space but single ' ' between
// words.
func TestIsOneLineEveryRune(t *testing.T) {
	want := func(s string) bool { return s == strings.Join(strings.Fields(s), " ") }
	for r := rune(0); r <= 0x10000; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "b", "a " + string(r), string(r) + " b"} {
			if got := isOneLine(s); got != want(s) {
				t.Fatalf("isOneLine(%q) = %v, want %v", s, got, want(s))
			}
		}
	}
	for _, s := range []string{"", " ", "a  b", "a b", "\xff b", "a \xc2", "中\u3000文", "中 文", " a", "a "} {
		if got := isOneLine(s); got != want(s) {
			t.Errorf("isOneLine(%q) = %v, want %v", s, got, want(s))
		}
	}
}
