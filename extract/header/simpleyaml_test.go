package header

import (
	"reflect"
	"testing"
)

// simpleYAMLCases are front matter blocks, the first ones within the
// subset simpleYAML reads, the rest outside it.
var simpleYAMLCases = []struct {
	content string
	simple  bool // simpleYAML must accept it
}{
	{"title: T\n", true},
	{"title: \"attention 45\"\ndate: 2023-05-17 21:59:00\nauthor: 苏木\ncategories:\n- 随笔\nkeywords: [todo, think, 思考, 周记]\n", true},
	{"tags:\n  - a\n  - b c\nauthor: 'Ada Park'\n", true},
	{"tags: []\ncategories: [ ]\nx:\n", true},
	{"a: 1\nb: 2", true},
	{"a:\n\n- x\n\nb: https://example.com/a#b\n", true},
	{"title: it's a:b [c] {d}\n", true},
	{"title: \"\"\nx: ''\n", true},
	{"title: ~\ndate: null\nauthor: Null\nk: NULL\n", true},
	{"Title: Upper\nTAGS: [A, b]\n", true},
	{"tags: [\"a\", 'b c']\n", true},
	{"title: yes\nn: 0x1F\nf: .inf\n", true},
	{"description: 中文，标点：全角\n", true},
	{"k1: v\nk-2: v\nk_3: v\n", true},

	{"", false},
	{"# comment\ntitle: T\n", false},
	{"title: T # comment\n", false},
	{"title: \"a\\\"b\"\n", false},
	{"title: 'it''s'\n", false},
	{"title: &a x\nb: *a\n", false},
	{"title: !!str 1\n", false},
	{"desc: |\n  block\n", false},
	{"desc: >\n  folded\n", false},
	{"m:\n  k: v\n", false},
	{"title: long\n  continued\n", false},
	{"title:\tT\n", false},
	{"title: T\r\n", false},
	{"title: T\ntitle: U\n", false},
	{"title: T\nTitle: U\n", false},
	{"tags: [a, [b]]\n", false},
	{"tags: [a, b,]\n", false},
	{"tags: [a, null]\n", false},
	{"tags:\n- a\n  - b\n", false},
	{"tags:\n- null\n", false},
	{"tags:\n-\n", false},
	{"tags:\n- a: b\n", false},
	{"- a\n- b\n", false},
	{"just text\n", false},
	{"a: b: c\n", false},
	{"a: b:\n", false},
	{"a:b\n", false},
	{"---\na: b\n", false},
	{"a: b\n...\n", false},
	{"a: \"unclosed\n", false},
	{"a: [x, y\n", false},
	{"a: {x: y}\n", false},
	{"a: \u0085x\n", false},
	{"a: \ufeffx\n", false},
	{"a: x\u2028y\n", false},
	{"a: x\x01\n", false},
	{"? complex\n: key\n", false},
	{"1: one\n", false},
	{"a: @x\n", false},
	{"a: `x`\n", false},
	{"a: %x\n", false},
}

// checkSameAsFull fails t unless decodeYAML, with its fast path, leaves
// exactly the Header that yaml.v3 alone does.
func checkSameAsFull(t *testing.T, content string) {
	t.Helper()
	var fast, full parser
	fast.decodeYAML([]byte(content), 2)
	full.decodeYAMLFull([]byte(content), 2)
	if !reflect.DeepEqual(fast.h, full.h) {
		t.Errorf("%q:\n fast %+v\n full %+v", content, fast.h, full.h)
	}
}

func TestSimpleYAMLMatchesFull(t *testing.T) {
	for _, c := range simpleYAMLCases {
		if _, ok := simpleYAML([]byte(c.content)); ok != c.simple {
			t.Errorf("simpleYAML(%q) accepted %v, want %v", c.content, ok, c.simple)
		}
		checkSameAsFull(t, c.content)
	}
}

func FuzzSimpleYAML(f *testing.F) {
	for _, c := range simpleYAMLCases {
		f.Add(c.content)
	}
	f.Fuzz(func(t *testing.T, content string) {
		checkSameAsFull(t, content)
	})
}
