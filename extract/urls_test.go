package extract

import (
	"slices"
	"strings"
	"testing"
)

func TestBareURLs(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "see https://go.dev/doc for more", []string{"https://go.dev/doc"}},
		{"glued to CJK before", "参见https://neovim.io/doc/user/。", []string{"https://neovim.io/doc/user/"}},
		{"full-width stop after", "地址：https://paperswithcode.com/method/gpt 。", []string{"https://paperswithcode.com/method/gpt"}},
		{"ideographic full stop glued", "见https://a.com/x。下一句", []string{"https://a.com/x"}},
		{"full-width parens", "地址（https://k6.io/docs/）比较全", []string{"https://k6.io/docs/"}},
		{"full-width comma and colon", "先看https://a.com/1，再看：https://b.org/2、完", []string{"https://a.com/1", "https://b.org/2"}},
		{"corner brackets", "「https://a.com/q」", []string{"https://a.com/q"}},
		{"trailing dot", "It is at https://git-scm.com/book/en/v2.", []string{"https://git-scm.com/book/en/v2"}},
		{"trailing punctuation run", "really?! https://a.com/x?!.,;:", []string{"https://a.com/x"}},
		{"query kept", "https://ci.example.com/p/42?tab=config.", []string{"https://ci.example.com/p/42?tab=config"}},
		{"fragment kept", "https://a.com/page#part-2, then", []string{"https://a.com/page#part-2"}},
		{"balanced parens kept", "https://en.wikipedia.org/wiki/Foo_(bar) is", []string{"https://en.wikipedia.org/wiki/Foo_(bar)"}},
		{"unbalanced paren dropped", "(see https://a.com/x)", []string{"https://a.com/x"}},
		{"balanced then unbalanced", "(https://example.com/a_(b))", []string{"https://example.com/a_(b)"}},
		{"unbalanced bracket dropped", "[https://a.com/x]", []string{"https://a.com/x"}},
		{"emphasis marks", "*https://a.com/x*", []string{"https://a.com/x"}},
		{"quotes", `"https://a.com/x" and 'https://b.com/y'`, []string{"https://a.com/x", "https://b.com/y"}},
		{"angle brackets stop", "<https://a.com/x>", []string{"https://a.com/x"}},
		{"upper-case scheme", "HTTPS://A.COM/X and Http://b.com", []string{"HTTPS://A.COM/X", "Http://b.com"}},
		{"glued to ASCII", "urlhttps://a.com", []string{"https://a.com"}},
		{"two glued", "https://a.com/1https://b.com/2", []string{"https://a.com/1https://b.com/2"}},
		{"scheme only", "http:// and https://.", nil},
		{"no scheme", "www.example.com and ftp://x.org", nil},
		{"nested in query is one URL", "https://a.com/?u=https://b.com", []string{"https://a.com/?u=https://b.com"}},
		{"non-ASCII ends", "https://a.com/路径", []string{"https://a.com/"}},
		{"backslash and pipe stop", `https://a.com/x\y https://b.com/p|q`, []string{"https://a.com/x", "https://b.com/p"}},
		{"replacement char ends", "https://example.com/iconv\uFFFD 。", []string{"https://example.com/iconv"}},
		{"long run of parens", "https://a.com/" + strings.Repeat(")", 50), []string{"https://a.com/"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range bareURLs(tt.in, nil) {
				got = append(got, tt.in[s.start:s.end])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("bareURLs(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBlankKeepsOffsets(t *testing.T) {
	in := "见https://a.com/x。#tag"
	out := blank(in, bareURLs(in, nil))
	if len(out) != len(in) {
		t.Fatalf("blank changed the length: %d → %d", len(in), len(out))
	}
	if want := "见" + strings.Repeat(" ", len("https://a.com/x")) + "。#tag"; out != want {
		t.Errorf("blank = %q, want %q", out, want)
	}
}

func FuzzBareURLs(f *testing.F) {
	for _, s := range []string{"参见https://a.com/x。", "(https://a.com/(b))", "https://", "hTtPs://x)))]]", "\xffhttp://a\x00b", "http://a.com/" + strings.Repeat("(", 10)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range bareURLs(s, nil) {
			if sp.start < prev || sp.end <= sp.start || sp.end > len(s) {
				t.Fatalf("bad span %v after %d in %q", sp, prev, s)
			}
			u := s[sp.start:sp.end]
			if !hasPrefixFold(u, "http://") && !hasPrefixFold(u, "https://") {
				t.Fatalf("span %q does not start with a scheme", u)
			}
			for i := 0; i < len(u); i++ {
				if !isURLByte(u[i]) {
					t.Fatalf("span %q holds byte %#x", u, u[i])
				}
			}
			if strings.ContainsRune(".,;:!?'\"*_", rune(u[len(u)-1])) {
				t.Fatalf("span %q ends in punctuation", u)
			}
			prev = sp.end
		}
	})
}

func TestNoteLinkTarget(t *testing.T) {
	tests := []struct {
		dir, dest, want string
	}{
		{"papers", "bert.md", "papers/bert.md"},
		{"papers", "./transformer.md#要点", "papers/transformer.md"},
		{"papers", "../reading/my%20notes.md", "reading/my notes.md"},
		{"a/b", "../x/y.md", "a/x/y.md"},
		{"a", "../../../up.md", "up.md"},
		{"", "tools/go.md", "tools/go.md"},
		{"work", "/tools/git.md", "tools/git.md"},
		{"work", "notes.MD?plain=1", "work/notes.MD"},
		{"work", "old.markdown", "work/old.markdown"},
		{"work", "bad%zz.md", "work/bad%zz.md"},
		{"work", "#section", ""},
		{"work", "", ""},
		{"work", "photo.png", ""},
		{"work", "paper.pdf", ""},
		{"work", "https://a.com/x.md", ""},
		{"work", "mailto:me@example.com", ""},
		{"work", "obsidian://open?file=x.md", ""},
		{"work", "file.md.bak", ""},
	}
	for _, tt := range tests {
		if got := noteLinkTarget(tt.dir, tt.dest); got != tt.want {
			t.Errorf("noteLinkTarget(%q, %q) = %q, want %q", tt.dir, tt.dest, got, tt.want)
		}
	}
}
