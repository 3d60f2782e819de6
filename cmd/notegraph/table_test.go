package main

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/notegraph/notegraph/extract"
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

// TestDisplayWidthEveryRune holds displayWidth to the East Asian Width table for every rune, alone and
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

// TestCell checks what text listings print of a string: one line, with
// nothing a terminal would act on.
func TestCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"  two\n lines\t", "two lines"},
		{"中\u3000文", "中 文"},
		{"evil\x1b[31mred", `evil\x1b[31mred`},
		{"tag\x07bell", `tag\x07bell`},
		{"del\x7f", `del\x7f`},
		{"c1\u009b2J", `c1\u009b2J`},
		{"rtl\u202etxt.md", `rtl\u202etxt.md`},
		{"bad\xffutf8", `bad\xffutf8`},
	} {
		if got := cell(c.in); got != c.want {
			t.Errorf("cell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// For every rune, alone and between others: the result is one line
	// with no control character, cell changes nothing it already made, and
	// isCell says whether a string is left as it is.
	for r := rune(0); r <= 0x10000; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "b", "a " + string(r), string(r) + " b"} {
			got := cell(s)
			for _, g := range got {
				if unicode.IsControl(g) || unicode.Is(unicode.Bidi_Control, g) || (unicode.IsSpace(g) && g != ' ') {
					t.Fatalf("cell(%q) = %q keeps %U", s, got, g)
				}
			}
			if cell(got) != got {
				t.Fatalf("cell(%q) = %q, but cell of that = %q", s, got, cell(got))
			}
			if isCell(s) != (got == s) {
				t.Fatalf("isCell(%q) = %v, but cell gives %q", s, isCell(s), got)
			}
		}
	}
}

// TestWarningsHaveLines: every warning is printed "path:line: message",
// escaped.
func TestWarningsHaveLines(t *testing.T) {
	for _, c := range []struct {
		w    extract.Warning
		want string
	}{
		{extract.Warning{Path: "a.md", Line: 7, Msg: "bad header"}, "warning: a.md:7: bad header"},
		{extract.Warning{Path: "b.md", Msg: "binary file"}, "warning: b.md:1: binary file"},
		{extract.Warning{Path: "x\x1b]0;owned\x07.md", Msg: "cannot read"}, `warning: x\x1b]0;owned\x07.md:1: cannot read`},
	} {
		if got := warningLine(c.w); got != c.want {
			t.Errorf("warningLine(%+v) = %q, want %q", c.w, got, c.want)
		}
	}
}
