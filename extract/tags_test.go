package extract

import (
	"context"
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
		{"digits after a letter", "#q2024 #v2", []string{"q2024", "v2"}},
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
		{"CJK alone on a line", "#介绍\n正文", []string{"介绍"}},
		{"CJK alone on a line with spaces", "  #行程  \n去年", []string{"行程"}},
		{"CJK tag with more on the line", "#介绍 一下", []string{"介绍"}},
		{"ASCII alone on a line is a tag", "#go\nnext", []string{"go"}},
		{"mixed alone on a line", "#go语言", []string{"go语言"}},
		{"blanked URL leaves nothing", "see                     #frag", []string{"frag"}},
		{"case folded", "#GoLang", []string{"golang"}},
		{"full-width letters normalised", "#ＡＢＣ x", []string{"abc"}},
		{"combining mark continues a tag", "#cafe\u0301 x", []string{"café"}},
		{"Latin-1 letter alone", "#café", []string{"café"}},
		{"invalid UTF-8 ends", "#ab\xffcd", []string{"ab"}},

		// Issue #15, class 3: false tags.
		{"step numbers in Chinese", "执行脚本#3，插入数据。 #4再执行统计", nil},
		{"starts with a digit", "#2024q1 #3d #1st", nil},
		{"digit runs into CJK", "#v2版本 #第3章 #第三章", []string{"第三章"}},
		{"C directives", "#include <x> and #define N 3, #pragma once", nil},
		{"if DEBUG", "#if DEBUG\nlog()\n#endif", nil},
		{"else and region", "#else #region Setup #endregion #setup", []string{"setup"}},
		{"Swift selector", "btn.addTarget(self, action: #selector(tap))", nil},
		{"Swift available", "if #available(iOS 13, *) {", nil},
		{"the number of", "the #classes of a detector", nil},
		{"The number of, capital", "The #params of the model", nil},
		{"not counting without of", "the #classes tag", []string{"classes"}},
		{"not counting after other words", "bathe #kids of", []string{"kids"}},
		{"CJK alone like ASCII alone", "#读书笔记\n#reading", []string{"读书笔记", "reading"}},
		{"directive word inside a tag", "#ifttt #includes", []string{"ifttt", "includes"}},
		{"call-like is not a tag", "#tag(x) #tag (x)", []string{"tag"}},

		// Issue #15, class 2: attribute blocks.
		{"MkDocs heading anchor", "LLM / NLP { #llm_nlp }", nil},
		{"Pandoc attributes", "Intro {#intro .unnumbered}", nil},
		{"Pandoc span", "[text]{#span-id} then #real", []string{"real"}},
		{"unclosed brace", "a { b #tag", []string{"tag"}},
		{"after the block", "{ #a } #b", []string{"b"}},
		{"two blocks", "{ #a } mid { #b } #c", []string{"c"}},
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

// TestHeadingTags: a heading gives no inline tags, and its attribute block
// is neither a tag nor part of its text (issue #15, class 2).
func TestHeadingTags(t *testing.T) {
	for _, c := range []struct {
		name, src string
		tags      []string
		title     string
	}{
		{"MkDocs anchor", "## LLM / NLP { #llm_nlp }\n\ntext\n", nil, "n"},
		{"anchor on the title", "# Transformers {#transformers}\n\nbody #ml\n", []string{"tag:ml"}, "Transformers"},
		{"class and id", "# Notes {.unnumbered #notes}\n", nil, "Notes"},
		{"Obsidian tag in a heading", "## Setup #htag\n\nbody\n", nil, "n"},
		{"CJK tag in a heading", "# 旅行 #日本\n", nil, "旅行 #日本"},
		{"tag under the heading", "## Setup\n\n#htag\n", []string{"tag:htag"}, "n"},
		{"tag in a list under a heading", "## Plan\n\n- buy #food\n", []string{"tag:food"}, "n"},
		{"braces in a paragraph", "text { #not } and #yes\n", []string{"tag:yes"}, "n"},
		{"setext heading", "Setup #x\n=====\n\n#y\n", []string{"tag:y"}, "Setup #x"},
		{"heading-like line without the space", "#读书笔记\n\n正文\n", []string{"tag:读书笔记"}, "n"},
	} {
		f := New().Extract(context.Background(), "n.md", []byte(c.src))
		if got := nodesOfKind(f, graph.KindTag); !slices.Equal(got, c.tags) {
			t.Errorf("%s: tags %v, want %v", c.name, got, c.tags)
		}
		if got := f.Note.Label(); got != c.title {
			t.Errorf("%s: title %q, want %q", c.name, got, c.title)
		}
	}
}
