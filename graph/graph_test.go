package graph

import (
	"reflect"
	"testing"
)

func TestProps(t *testing.T) {
	for _, c := range []struct {
		node Node
		want []Prop
	}{
		{Node{ID: "url:https://Example.com/a"}, []Prop{{Key: "host", Str: "example.com"}}},
		{Node{ID: "date:2017"}, []Prop{{Key: "precision", Str: "year"}}},
		{Node{ID: "date:2017-06"}, []Prop{{Key: "precision", Str: "month"}}},
		{Node{ID: "date:2017-06-12"}, []Prop{{Key: "precision", Str: "day"}}},
		{Node{ID: "note:gone.md"}, []Prop{{Key: "missing", Type: PropBool, Bool: true}}},
		{Node{ID: "tag:go"}, nil},
		{Node{ID: "note:here.md", Data: &Note{Path: "here.md"}}, []Prop{{Key: "path", Str: "here.md"}}},
		// Front-matter keys never pass for notegraph's own: a header's
		// "missing" and "title" come out prefixed, after the note's own.
		{Node{ID: "note:here.md", Data: &Note{Title: "T", Date: "2020-01-02", Authors: []string{"A", "B"}, Path: "here.md",
			Extra: map[string]string{"missing": "true", "title": "fake", "abc": "x", "path": "p"}}},
			[]Prop{{Key: "author", Type: PropList, List: []string{"A", "B"}}, {Key: "date", Str: "2020-01-02"}, {Key: "path", Str: "here.md"},
				{Key: "title", Str: "T"}, {Key: "fm.abc", Str: "x"}, {Key: "fm.missing", Str: "true"}, {Key: "fm.path", Str: "p"}, {Key: "fm.title", Str: "fake"}}},
		{Node{ID: "event:a.md#1", Data: &Event{Text: "x", Date: "2017-06", Until: "2018", Qualifier: "early", Line: 3}},
			[]Prop{{Key: "date", Str: "2017-06"}, {Key: "line", Type: PropInt, Int: 3}, {Key: "precision", Str: "month"},
				{Key: "qualifier", Str: "early"}, {Key: "text", Str: "x"}, {Key: "until", Str: "2018"}}},
		{Node{ID: "event:a.md#2", Data: &Event{Text: "今年9月", Date: "2018-09", Line: 4, Relative: true}},
			[]Prop{{Key: "date", Str: "2018-09"}, {Key: "line", Type: PropInt, Int: 4}, {Key: "precision", Str: "month"},
				{Key: "relative", Type: PropBool, Bool: true}, {Key: "text", Str: "今年9月"}}},
		{Node{ID: "paper:arxiv:1", Data: &Paper{Title: "T", Date: "2017-06", Versions: []string{"v1", "v2"}}},
			[]Prop{{Key: "date", Str: "2017-06"}, {Key: "title", Str: "T"}, {Key: "versions", Type: PropList, List: []string{"v1", "v2"}}}},
		{Node{ID: "paper:arxiv:1", Data: &Paper{}}, nil},
	} {
		if got := c.node.Props(nil); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s %+v: Props = %+v, want %+v", c.node.ID, c.node.Data, got, c.want)
		}
	}
}

func TestLabel(t *testing.T) {
	for _, c := range []struct {
		node Node
		want string
	}{
		{Node{ID: "note:a/b.md", Data: &Note{Title: "B", Path: "a/b.md"}}, "B"},
		{Node{ID: "note:a/b.md", Data: &Note{Path: "a/b.md", Extra: map[string]string{"title": "no"}}}, "a/b.md"},
		{Node{ID: "note:a/b.md"}, "a/b.md"},
		{Node{ID: "event:a.md#1", Data: &Event{Text: "sentence", Date: "2017"}}, "sentence"},
		{Node{ID: "paper:arxiv:1706.03762", Data: &Paper{Title: "Attention"}}, "Attention"},
		{Node{ID: "paper:arxiv:1706.03762", Data: &Paper{}}, "arxiv:1706.03762"},
		{Node{ID: "tag:go"}, "go"},
	} {
		if got := c.node.Label(); got != c.want {
			t.Errorf("%s: Label = %q, want %q", c.node.ID, got, c.want)
		}
	}
}

func TestPropText(t *testing.T) {
	for _, c := range []struct {
		p    Prop
		want string
	}{
		{Prop{Str: "x"}, "x"},
		{Prop{Type: PropInt, Int: -12}, "-12"},
		{Prop{Type: PropBool, Bool: true}, "true"},
		{Prop{Type: PropBool}, "false"},
		{Prop{Type: PropList, List: []string{"a", "b c"}}, "a, b c"},
		{Prop{Type: PropList}, ""},
	} {
		if got := c.p.Text(); got != c.want {
			t.Errorf("%+v: Text = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestMergeData(t *testing.T) {
	a := &Paper{Title: "A", Versions: []string{"v2"}}
	b := &Paper{Title: "B", Date: "2017-06", Versions: []string{"v1", "v2"}}
	got := MergeData(a, b)
	want := &Paper{Title: "A", Date: "2017-06", Versions: []string{"v1", "v2"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MergeData = %+v, want %+v", got, want)
	}
	if len(a.Versions) != 1 || a.Date != "" {
		t.Errorf("MergeData changed its argument: %+v", a)
	}
	n := &Note{Title: "N"}
	if MergeData(nil, n) != Data(n) || MergeData(n, nil) != Data(n) || MergeData(nil, nil) != nil {
		t.Error("MergeData with nil")
	}
}

func TestPropValue(t *testing.T) {
	for _, c := range []struct {
		p    Prop
		want any
	}{
		{Prop{Key: "title", Str: "T"}, "T"},
		{Prop{Key: "line", Type: PropInt, Int: 7}, 7},
		{Prop{Key: "missing", Type: PropBool, Bool: true}, true},
		{Prop{Key: "versions", Type: PropList, List: []string{"v1", "v5"}}, []string{"v1", "v5"}},
	} {
		if got := c.p.Value(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Value() = %#v, want %#v", c.p.Key, got, c.want)
		}
	}
}
