package extract

import (
	"slices"
	"testing"

	"github.com/notegraph/notegraph/graph"
)

func TestInlineTags(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"start of text", "#go is fun", []string{"go"}},
		{"after space", "notes #Go and #rust", []string{"go", "rust"}},
		{"CJK", "今天 #旅行 很累", []string{"旅行"}},
		{"CJK ends at CJK punctuation", "去了京都 #旅行/日本，很开心", []string{"旅行/日本"}},
		{"ends at full stop", "done #work.", []string{"work"}},
		{"ends at comma", "#a, #b", []string{"a", "b"}},
		{"nested", "#ml/nlp/bert", []string{"ml/nlp/bert"}},
		{"trailing slash dropped", "#ml/ next", []string{"ml"}},
		{"underscore and dash", "#to_do #read-later", []string{"to_do", "read-later"}},
		{"digits with a letter", "#2024q1 #v2", []string{"2024q1", "v2"}},
		{"only digits", "issue #1 and #2023", nil},
		{"hex colour 6", "主色 #8c8273 好看", nil},
		{"hex colour 3 with digit", "#f0a", nil},
		{"hex colour 8", "#11223344", nil},
		{"hex without digit is a tag", "#fff #add #cafe", []string{"fff", "add", "cafe"}},
		{"hex-like length 4", "#ab12", []string{"ab12"}},
		{"not after letter", "C#sharp a#b", nil},
		{"not after CJK", "文字#标签", nil},
		{"after newline", "line\n#tag", []string{"tag"}},
		{"after full-width space", "文字\u3000#标签", []string{"标签"}},
		{"double hash", "##x", nil},
		{"lone hash", "# and #", nil},
		{"heading-like CJK line", "#介绍\n正文", nil},
		{"heading-like CJK line with spaces", "  #行程  \n去年", nil},
		{"CJK tag with more on the line", "#介绍 一下", []string{"介绍"}},
		{"ASCII alone on a line is a tag", "#go\nnext", []string{"go"}},
		{"mixed alone on a line", "#go语言", nil},
		{"blanked URL leaves nothing", "see                     #frag", []string{"frag"}},
		{"case folded", "#GoLang", []string{"golang"}},
		{"full-width letters normalised", "#ＡＢＣ x", []string{"abc"}},
		{"combining mark continues a tag", "#cafe\u0301 x", []string{"café"}},
		{"Latin-1 letter alone is heading-like", "#café", nil},
		{"invalid UTF-8 ends", "#ab\xffcd", []string{"ab"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := inlineTags(tt.in, nil)
			if !slices.Equal(got, tt.want) {
				t.Errorf("inlineTags(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzInlineTags(f *testing.F) {
	for _, s := range []string{"#a/b/c", "#介绍\n", "x #8c8273", "#\xff", "#/", "#-", " #_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tag := range inlineTags(s, nil) {
			if tag == "" || graph.NormalizeTag(tag) != tag {
				t.Fatalf("inlineTags(%q) gave %q, which is not a normalised tag", s, tag)
			}
		}
	})
}
