package graph

import "testing"

func TestWithDerived(t *testing.T) {
	for _, c := range []struct {
		id       string
		in       Attrs
		key, val string
	}{
		{"url:https://Example.com/a", nil, "host", "example.com"},
		{"date:2017", nil, "precision", "year"},
		{"date:2017-06", nil, "precision", "month"},
		{"date:2017-06-12", nil, "precision", "day"},
		{"note:gone.md", nil, "missing", "true"},
		{"note:here.md", Attrs{"path": "here.md"}, "missing", ""},
		{"tag:go", nil, "host", ""},
	} {
		got := WithDerived(c.id, c.in)[c.key]
		if got != c.val {
			t.Errorf("WithDerived(%q)[%q] = %q, want %q", c.id, c.key, got, c.val)
		}
	}
}
