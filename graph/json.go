package graph

import (
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WriteJSON writes src in graphology's serialization format, which web
// viewers (sigma.js and others) load with graph.import:
//
//	{"attributes":{…graphAttrs},
//	"options":{"type":"directed","multi":true,"allowSelfLoops":true},
//	"nodes":[
//	{"key":ID,"attributes":{"kind":…,"label":…,…}},
//	…
//	],
//	"edges":[
//	{"key":…,"source":ID,"target":ID,"attributes":{"relation":…}},
//	…
//	]}
//
// Each node's attributes are "kind" (from its ID, "" when unknown), "label"
// (Node.Label) and then Node.Props in their order, typed: "missing" is a
// JSON boolean, "line" a number, "author" and "versions" arrays of strings.
//
// An edge's key is its source, relation and target joined by "->", each part
// with "\" and ">" escaped by a backslash: "note:a.md->tagged->tag:go". The
// escaping keeps keys unique even for IDs that contain "->".
//
// The output is deterministic for a given src: keys in a fixed order, one
// element per line, a final newline. Strings are valid UTF-8: each invalid
// byte becomes U+FFFD. WriteJSON streams: its memory does not grow with the
// size of src.
func WriteJSON(w io.Writer, src Source, graphAttrs map[string]string) error {
	head := append([]byte(`{"attributes":{`), appendStringMap(nil, graphAttrs)...)
	head = append(head, "},\n"+`"options":{"type":"directed","multi":true,"allowSelfLoops":true},`+"\n"+`"nodes":[`...)
	return writeJSONDoc(w, src, head, (*jsonWriter).appendNode, "],\n"+`"edges":[`, (*jsonWriter).appendEdge, "]}\n")
}

// writeJSONDoc writes head, then the nodes of src one to a line as node
// writes them, mid, the edges likewise, and tail: the shape of every JSON
// export. It streams.
func writeJSONDoc(w io.Writer, src Source, head []byte, node func(*jsonWriter, Node), mid string, edge func(*jsonWriter, Edge), tail string) error {
	bw := bufferedWriter(w)
	jw := &jsonWriter{buf: make([]byte, 0, 1024)}
	if _, err := bw.Write(head); err != nil {
		return err
	}
	if err := writeElements(bw, jw, src.Nodes, func(n Node) { node(jw, n) }, mid); err != nil {
		return err
	}
	if err := writeElements(bw, jw, src.Edges, func(e Edge) { edge(jw, e) }, tail); err != nil {
		return err
	}
	return bw.Flush()
}

// appendStringMap appends the members of a JSON object holding m, by
// ascending key, without the braces.
func appendStringMap(b []byte, m map[string]string) []byte {
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, m[k])
	}
	return b
}

// jsonWriter holds the buffers the JSON exports reuse from one element to
// the next, so that writing a node or an edge allocates nothing in the
// common case.
type jsonWriter struct {
	buf   []byte
	props []Prop
}

// writeElements streams the elements of one JSON array, one to a line,
// then the text that closes the array.
func writeElements[T any](bw io.Writer, jw *jsonWriter, each func(func(T) error) error, appendOne func(T), closing string) error {
	first := true
	err := each(func(x T) error {
		jw.buf = jw.buf[:0]
		if first {
			jw.buf = append(jw.buf, '\n')
			first = false
		} else {
			jw.buf = append(jw.buf, ",\n"...)
		}
		appendOne(x)
		_, err := bw.Write(jw.buf)
		return err
	})
	if err != nil {
		return err
	}
	if !first {
		closing = "\n" + closing
	}
	_, err = io.WriteString(bw, closing)
	return err
}

func (jw *jsonWriter) appendNode(n Node) {
	b := append(jw.buf, `{"key":`...)
	b = appendJSONString(b, n.ID)
	b = append(b, `,"attributes":{"kind":`...)
	b = appendJSONString(b, string(KindOf(n.ID)))
	b = append(b, `,"label":`...)
	b = appendJSONString(b, n.Label())

	jw.buf = jw.appendProps(b, n)
	jw.buf = append(jw.buf, "}}"...)
}

// appendProps appends the members of n.Props, each after a comma, typed:
// strings, numbers, booleans and arrays of strings.
func (jw *jsonWriter) appendProps(b []byte, n Node) []byte {
	jw.props = n.Props(jw.props[:0])
	for _, p := range jw.props {
		b = append(b, ',')
		b = appendJSONString(b, p.Key)
		b = append(b, ':')
		b = appendPropValue(b, p)
	}
	return b
}

func (jw *jsonWriter) appendEdge(e Edge) {
	b := append(jw.buf, `{"key":`...)
	b = appendEdgeKeyJSON(b, e)
	b = append(b, `,"source":`...)
	b = appendJSONString(b, e.Src)
	b = append(b, `,"target":`...)
	b = appendJSONString(b, e.Dst)
	b = append(b, `,"attributes":{"relation":`...)
	b = appendJSONString(b, string(e.Rel))
	jw.buf = append(b, "}}"...)
}

// appendPropValue appends p's value as the JSON type its Type gives.
func appendPropValue(b []byte, p Prop) []byte {
	switch p.Type {
	case PropInt:
		return strconv.AppendInt(b, int64(p.Int), 10)
	case PropBool:
		return strconv.AppendBool(b, p.Bool)
	case PropList:
		b = append(b, '[')
		for i, s := range p.List {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		return append(b, ']')
	}
	return appendJSONString(b, p.Str)
}

// EdgeKey is the key WriteJSON gives an edge: source, relation and target
// joined by "->", with "\" and ">" in each part escaped by a backslash, so
// that different edges always get different keys.
func EdgeKey(e Edge) string {
	n := len(e.Src) + len(e.Rel) + len(e.Dst) + 4
	if !needsKeyEscape(e) {
		var sb strings.Builder
		sb.Grow(n)
		sb.WriteString(e.Src)
		sb.WriteString("->")
		sb.WriteString(string(e.Rel))
		sb.WriteString("->")
		sb.WriteString(e.Dst)
		return sb.String()
	}
	b := make([]byte, 0, n+8)
	b = appendKeyPart(b, e.Src)
	b = append(b, "->"...)
	b = appendKeyPart(b, string(e.Rel))
	b = append(b, "->"...)
	b = appendKeyPart(b, e.Dst)
	return string(b)
}

// appendEdgeKeyJSON appends EdgeKey(e) as a JSON string without building
// the key first, in the usual case where no part needs key escaping.
func appendEdgeKeyJSON(b []byte, e Edge) []byte {
	if needsKeyEscape(e) {
		return appendJSONString(b, EdgeKey(e))
	}
	b = append(b, '"')
	b = appendJSONBody(b, e.Src)
	b = append(b, "->"...)
	b = appendJSONBody(b, string(e.Rel))
	b = append(b, "->"...)
	b = appendJSONBody(b, e.Dst)
	return append(b, '"')
}

// needsKeyEscape reports whether a part of e holds "\" or ">", which its
// key escapes. Two vectorised byte searches a part are quicker than
// strings.ContainsAny, which builds a set at every call.
func needsKeyEscape(e Edge) bool {
	for _, s := range [...]string{e.Src, string(e.Rel), e.Dst} {
		if strings.IndexByte(s, '\\') >= 0 || strings.IndexByte(s, '>') >= 0 {
			return true
		}
	}
	return false
}

func appendKeyPart(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '>' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. It is written by hand rather
// than with encoding/json because that escapes "<", ">" and "&" for HTML
// (turning every edge key's "->" into "-\u003e") and allocates per call.
// Invalid UTF-8 bytes become U+FFFD, as encoding/json does; U+2028 and U+2029
// are escaped so the output is also valid JavaScript.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONBody(b, s)
	return append(b, '"')
}

// appendJSONBody appends s escaped as the inside of a JSON string.
func appendJSONBody(b []byte, s string) []byte {
	start := 0 // s[start:i] is pending and needs no escaping
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, s[start:]...)
}
