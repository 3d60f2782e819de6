package graph

import (
	"io"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
)

// WriteGraphML writes src as GraphML, the XML graph format that Gephi,
// yEd, Cytoscape and NetworkX read:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<graphml xmlns="http://graphml.graphdrawing.org/xmlns" …>
//	<key id="d0" for="node" attr.name="notegraph_id" attr.type="string"/>
//	<key id="d1" for="node" attr.name="kind" attr.type="string"/>
//	<key id="d2" for="node" attr.name="label" attr.type="string"/>
//	<key id="d3" for="node" attr.name="date" attr.type="string"/>
//	…
//	<key id="e0" for="edge" attr.name="relation" attr.type="string"/>
//	<graph id="notegraph" edgedefault="directed">
//	<node id="note:papers_2Fbert.md"><data key="d0">note:papers/bert.md</data>…</node>
//	<edge source="…" target="…"><data key="e0">tagged</data></edge>
//	</graph>
//	</graphml>
//
// GraphML wants node ids that are XML name tokens, which note paths with
// their '/' and spaces are not, so a node's id attribute is its ID with
// every byte other than an ASCII letter, digit, '.', ':' or '-' or a CJK
// ideograph (U+4E00–U+9FA5) written as "_XX", its hex value ('_' itself
// becomes "_5F"): readable for most IDs, distinct for distinct IDs, and
// valid for every XML parser. The ID itself is the node's "notegraph_id"
// attribute (not "id": notes often have an id of their own in their
// header), and a node's own attribute of that name is left out. The other
// attributes are those WriteJSON gives a node: "kind", "label" and
// Node.Props, a header's own keys with their "fm." prefix. A key's
// attr.type is "int", "long", "double" or "boolean" when every value of it
// is one (see keyTypes: "line" is an int, "missing" a boolean, an
// "fm.draft" a boolean when every note says true or false), else
// "string"; a list is a string holding its JSON array, so that
// ["a, b", "c"] comes back whole. graphAttrs become data of the graph
// element.
//
// Keys must be declared before the graph, so WriteGraphML reads src's nodes
// twice: once for the attribute names and types, once to write them. It streams, and
// its output is deterministic. Text that XML cannot hold (control
// characters, invalid UTF-8) becomes U+FFFD.
func WriteGraphML(w io.Writer, src Source, graphAttrs map[string]string) error {
	types, err := gatherKeyTypes(src)
	if err != nil {
		return err
	}
	delete(types, graphMLIDKey)
	keys := slices.Sorted(maps.Keys(types))
	keys = append([]string{graphMLIDKey, "kind", "label"}, keys...)
	keyID := make(map[string]string, len(keys))

	bw := bufferedWriter(w)
	b := []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
		`xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for i, k := range keys {
		id := "d" + strconv.Itoa(i)
		keyID[k] = id
		b = appendGraphMLKey(b, id, "node", k, graphMLTypeNames[types[k]])
	}
	gkeys := slices.Sorted(maps.Keys(graphAttrs))
	for i, k := range gkeys {
		b = appendGraphMLKey(b, "g"+strconv.Itoa(i), "graph", k, "string")
	}
	b = appendGraphMLKey(b, "e0", "edge", "relation", "string")
	b = append(b, `<graph id="notegraph" edgedefault="directed">`+"\n"...)
	for i, k := range gkeys {
		b = appendGraphMLData(b, "g"+strconv.Itoa(i), graphAttrs[k])
	}
	if _, err := bw.Write(b); err != nil {
		return err
	}

	var props []Prop
	var text []byte
	if err := src.Nodes(func(n Node) error {
		b = append(b[:0], `<node id="`...)
		b = appendNameToken(b, n.ID)
		b = append(b, `">`...)
		b = appendGraphMLData(b, keyID[graphMLIDKey], n.ID)
		b = appendGraphMLData(b, keyID["kind"], string(KindOf(n.ID)))
		b = appendGraphMLData(b, keyID["label"], n.Label())
		props = n.Props(props[:0])
		for _, p := range props {
			if p.Key != graphMLIDKey {
				text = appendTyped(text[:0], p, types[p.Key], false)
				b = appendGraphMLData(b, keyID[p.Key], string(text))
			}
		}
		b = append(b, "</node>\n"...)
		_, err := bw.Write(b)
		return err
	}); err != nil {
		return err
	}
	if err := src.Edges(func(e Edge) error {
		b = append(b[:0], `<edge source="`...)
		b = appendNameToken(b, e.Src)
		b = append(b, `" target="`...)
		b = appendNameToken(b, e.Dst)
		b = append(b, `">`...)
		b = appendGraphMLData(b, "e0", string(e.Rel))
		b = append(b, "</edge>\n"...)
		_, err := bw.Write(b)
		return err
	}); err != nil {
		return err
	}
	if _, err := io.WriteString(bw, "</graph>\n</graphml>\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// graphMLIDKey names the attribute that holds a node's ID.
const graphMLIDKey = "notegraph_id"

func appendGraphMLKey(b []byte, id, domain, name, attrType string) []byte {
	b = append(b, `<key id="`...)
	b = append(b, id...)
	b = append(b, `" for="`...)
	b = append(b, domain...)
	b = append(b, `" attr.name="`...)
	b = appendXMLText(b, name)
	b = append(b, `" attr.type="`...)
	b = append(b, attrType...)
	return append(b, `"/>`+"\n"...)
}

func appendGraphMLData(b []byte, key, value string) []byte {
	b = append(b, `<data key="`...)
	b = append(b, key...)
	b = append(b, `">`...)
	b = appendXMLText(b, value)
	return append(b, "</data>"...)
}

// appendNameToken appends id as an XML name token (see WriteGraphML).
func appendNameToken(b []byte, id string) []byte {
	if id == "" {
		return append(b, '_') // "_" is never the token of a non-empty ID
	}
	for i := 0; i < len(id); {
		c := id[i]
		if isLetter(c) || c-'0' < 10 || c == '.' || c == ':' || c == '-' {
			b = append(b, c)
			i++
			continue
		}
		if r, size := utf8.DecodeRuneInString(id[i:]); r >= 0x4E00 && r <= 0x9FA5 {
			// CJK ideographs are name characters in every edition of
			// XML 1.0: Chinese tags and titles stay readable.
			b = append(b, id[i:i+size]...)
			i += size
			continue
		}
		b = append(b, '_', upperHex[c>>4], upperHex[c&0xf])
		i++
	}
	return b
}

const upperHex = "0123456789ABCDEF"

func isLetter(c byte) bool { return (c|0x20)-'a' < 26 }

// appendXMLText appends s escaped for XML text and for attribute values in
// double quotes. Tabs, newlines and carriage returns are written as
// character references, so that attribute normalisation and line-end
// handling give them back unchanged. Runes that XML 1.0 cannot hold at
// all, and invalid UTF-8, become U+FFFD.
func appendXMLText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"':
				b = append(b, "&quot;"...)
			case c == '\t':
				b = append(b, "&#9;"...)
			case c == '\n':
				b = append(b, "&#10;"...)
			case c == '\r':
				b = append(b, "&#13;"...)
			case c < 0x20 || c == 0x7f:
				// 0x7f is allowed by XML 1.0 but discouraged; like the
				// C0 controls it has no business in a label.
				b = append(b, "\uFFFD"...)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}
