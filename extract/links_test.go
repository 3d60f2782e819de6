package extract

import (
	"context"
	"slices"
	"testing"
)

// TestWikilinkTargets holds the rules of wikiTarget and the math check to
// the snippets of issue #15 (classes 6, 7 and 8) and more.
func TestWikilinkTargets(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string // link targets, in order
	}{
		// Class 6: nested heading links and block references.
		{"[[Target#Part#Sub]]", []string{"Target"}},
		{"[[Target#Part]]", []string{"Target"}},
		{"[[Note#^block]]", []string{"Note"}},
		{"[[Note^block]]", []string{"Note"}},
		{"[[#Local heading]]", nil},
		{"[[Note#Part|shown]]", []string{"Note"}},
		// Class 7: attachments make no node.
		{"[[diagram.png]]", nil},
		{"![[paper.pdf]]", nil},
		{"[[clip.mp4]] and [[Song.MP3]]", nil},
		{"![[board.canvas]]", nil},
		{"[[v1.2 release]] [[node.js]] [[Chapter 3.1]]", []string{"v1.2 release", "node.js", "Chapter 3.1"}},
		{"![[Other note]]", []string{"Other note"}},
		{"[[notes.md]]", []string{"notes.md"}},
		// Class 8: arrays, types, LaTeX, links in brackets, math.
		{"x = [[1, 2], [3]]", nil},
		{"[[1]] [[ 2 ]]", nil},
		{"let d: [[String: Int]]", nil},
		{"$[[X\\pi]]$", nil},
		{"[[[Notes](x.md)]]", nil},
		{"$a [[b]] c$ and [[Real]]", []string{"Real"}},
		{"$$[[m]]$$", nil},
		{"$$\n[[m]]\n$$\n", nil},
		{"costs $5 and [[Note]]", []string{"Note"}},
		{"\\$ [[Note]] $", []string{"Note"}},
		{"[[What now?]] [[a*b]] [[x|y]]", []string{"x"}},
		{"[[2024 plan]] [[1984]]", []string{"2024 plan"}},
		{"[[{{title}}]] [[{{date}} log]]", nil},
	} {
		f := New().Extract(context.Background(), "n.md", []byte(c.src+"\n"))
		var got []string
		for _, l := range f.Links {
			got = append(got, l.Target)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: links %q, want %q", c.src, got, c.want)
		}
	}
}

// TestBackslashIsNoSeparator: a Markdown link with a backslash names a file
// with a backslash in its name, never a folder (issue #15 class 8).
func TestBackslashIsNoSeparator(t *testing.T) {
	f := New().Extract(context.Background(), "n.md", []byte("[a](x\\y.md) [b](dir/z.md)\n"))
	var got []string
	for _, l := range f.Links {
		got = append(got, l.Target)
	}
	if want := []string{"x\\y.md", "dir/z.md"}; !slices.Equal(got, want) {
		t.Errorf("links %q, want %q", got, want)
	}
}
