package main

import (
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/notegraph/notegraph/graph"
	"github.com/notegraph/notegraph/query"
)

// jsonList writes an indented JSON array a row at a time, byte for byte as
// json.Encoder with SetIndent("", "  ") writes the whole array, an empty
// one as []. The encoder would build the array, and then its indented
// copy, in buffers as large as the output, which for the rows of a whole
// vault costs more than the query and grows with the vault.
type jsonList struct {
	w io.Writer
	n int // rows written
}

// add writes a row that jsonRow made.
func (l *jsonList) add(row []byte) error {
	sep := ",\n  "
	if l.n == 0 {
		sep = "[\n  "
	}
	l.n++
	if _, err := io.WriteString(l.w, sep); err != nil {
		return err
	}
	_, err := l.w.Write(row)
	return err
}

func (l *jsonList) close() error {
	end := "\n]\n"
	if l.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(l.w, end)
	return err
}

// jsonRow appends one row of a JSON list as json.MarshalIndent(row, "  ",
// "  ") writes it, field by field, without reflection: the listings run to
// a million rows. The tests hold each row type's use of it to the encoder.
type jsonRow struct {
	b    []byte
	more bool // a field has been written
}

// start begins a row in w's buffer, over the last row.
func (w *jsonRow) start() {
	w.b, w.more = append(w.b[:0], '{'), false
}

func (w *jsonRow) key(k string) {
	if w.more {
		w.b = append(w.b, ',')
	}
	w.more = true
	w.b = append(w.b, "\n    "...)
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ": "...)
}

func (w *jsonRow) str(k, v string) {
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

// strOmit is str for a field tagged omitempty.
func (w *jsonRow) strOmit(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

func (w *jsonRow) int(k string, v int) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

// strs writes a list of strings; nil is null, as the encoder writes it.
func (w *jsonRow) strs(k string, vs []string) {
	w.key(k)
	switch {
	case vs == nil:
		w.b = append(w.b, "null"...)
		return
	case len(vs) == 0:
		w.b = append(w.b, "[]"...)
		return
	}
	w.b = append(w.b, '[')
	for i, v := range vs {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = append(w.b, "\n      "...)
		w.b = appendJSONString(w.b, v)
	}
	w.b = append(w.b, "\n    ]"...)
}

// props writes a node's properties as an object, keys in graph.Node.Props
// order, values typed, or nothing when there are none (the fields that use
// it are tagged omitempty).
func (w *jsonRow) props(name string, ps propList) {
	if len(ps) == 0 {
		return
	}
	w.key(name)
	w.b = append(w.b, '{')
	for i, p := range ps {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = append(w.b, "\n      "...)
		w.b = appendJSONString(w.b, p.Key)
		w.b = append(w.b, ": "...)
		switch p.Type {
		case graph.PropInt:
			w.b = strconv.AppendInt(w.b, int64(p.Int), 10)
		case graph.PropBool:
			w.b = strconv.AppendBool(w.b, p.Bool)
		case graph.PropList:
			if len(p.List) == 0 {
				w.b = append(w.b, "[]"...)
				continue
			}
			w.b = append(w.b, '[')
			for j, v := range p.List {
				if j > 0 {
					w.b = append(w.b, ',')
				}
				w.b = append(w.b, "\n        "...)
				w.b = appendJSONString(w.b, v)
			}
			w.b = append(w.b, "\n      ]"...)
		default:
			w.b = appendJSONString(w.b, p.Str)
		}
	}
	w.b = append(w.b, "\n    }"...)
}

// propList is a node's properties in a JSON row. Its MarshalJSON is what
// jsonRow.props writes by hand, and what the tests hold it to.
type propList []graph.Prop

// MarshalJSON writes the properties as an object in their order.
func (l propList) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, p := range l {
		if i > 0 {
			b = append(b, ',')
		}
		for _, x := range []any{p.Key, p.Value()} {
			q, err := json.Marshal(x)
			if err != nil {
				return nil, err
			}
			b = append(append(b, q...), ':')
		}
		b = b[:len(b)-1]
	}
	return append(b, '}'), nil
}

// end closes the row and returns it; it is valid until the next start.
func (w *jsonRow) end() []byte {
	w.b = append(w.b, "\n  }"...)
	return w.b
}

func (w *jsonRow) neighbor(r *neighborJSON) []byte {
	w.start()
	w.str("id", r.ID)
	w.str("kind", string(r.Kind))
	w.str("label", r.Label)
	w.str("relation", string(r.Relation))
	w.str("direction", r.Direction)
	w.int("depth", r.Depth)
	w.str("via", r.Via)
	w.props("attributes", r.Attrs)
	return w.end()
}

func (w *jsonRow) event(e *query.Event) []byte {
	w.start()
	w.str("id", e.ID)
	w.str("date", e.Date)
	w.strOmit("precision", e.Precision)
	w.strOmit("qualifier", e.Qualifier)
	w.strOmit("event_date", e.EventDate)
	w.strOmit("until", e.Until)
	if len(e.Also) > 0 {
		w.strs("also", e.Also)
	}
	if e.Relative {
		w.key("relative")
		w.b = append(w.b, "true"...)
	}
	w.str("text", e.Text)
	w.str("note", e.Note)
	w.int("line", e.Line)
	w.strs("involves", e.Involves)
	return w.end()
}

func (w *jsonRow) paper(p *query.Paper) []byte {
	w.start()
	w.str("id", p.ID)
	w.strOmit("title", p.Title)
	w.strOmit("date", p.Date)
	if len(p.Versions) > 0 {
		w.strs("versions", p.Versions)
	}
	w.int("citations", p.Citations)
	w.strs("notes", p.Notes)
	return w.end()
}

// appendJSONString appends s as encoding/json writes a string. Text that
// it passes through unchanged (printable ASCII other than the quote, the
// backslash, <, > and &, and valid UTF-8 other than U+2028 and U+2029) is
// copied between quotes; any other string, rare in a store, goes through
// encoding/json itself, so the escaping is always the encoder's.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendMarshalled(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			return appendMarshalled(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendMarshalled(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}
