package header

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Most front matter is a handful of "key: value", "key: [a, b]" and
// "key:" + "- item" lines. yaml.v3 builds a whole node tree for them, which
// costs more than the rest of the header; simpleYAML reads just that subset
// and declines, so that yaml.v3 decides, at anything outside it: comments,
// quotes with escapes, anchors, tags, block scalars, nested maps, continued
// lines, tabs, CR, control characters, duplicate keys. Whatever it accepts
// it reads exactly as decodeYAMLFull would (TestSimpleYAMLMatchesFull and
// FuzzSimpleYAML hold it to that).

// yamlEntry is one key of a mapping with its value and its line in the
// YAML block (0-based).
type yamlEntry struct {
	key  string
	val  value
	line int
}

// simpleYAML parses content as a flat mapping of the simple forms, or
// reports false.
func simpleYAML(content []byte) ([]yamlEntry, bool) {
	if !simpleBytes(content) {
		return nil, false
	}
	var entries []yamlEntry
	list := -1       // index of the entry whose block list is being read
	listIndent := -1 // the indent of its "-" lines, once one is seen
	for lineNo, rest := 0, content; len(rest) > 0; lineNo++ {
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, nil
		}
		trimmed := bytes.TrimLeft(line, " ")
		if len(bytes.TrimRight(trimmed, " ")) == 0 {
			continue // blank lines mean nothing in a block mapping
		}
		indent := len(line) - len(trimmed)
		if trimmed[0] == '-' {
			// An item of the block list of the last key, which has no
			// value of its own.
			if list < 0 || (listIndent >= 0 && indent != listIndent) {
				return nil, false
			}
			listIndent = indent
			var item []byte
			switch {
			case len(trimmed) == 1:
				return nil, false // an empty item is null; leave it to yaml.v3
			case trimmed[1] == ' ':
				item = trimSpaces(trimmed[2:])
			default:
				return nil, false // "-x" is a plain scalar, not an item
			}
			s, ok := simpleScalar(item, false)
			if !ok || isYAMLNull(string(item)) {
				return nil, false // yaml.v3 drops a null item; let it
			}
			v := &entries[list].val
			v.kind = listValue
			v.items = append(v.items, s)
			continue
		}
		if indent != 0 {
			return nil, false // a continued scalar or a nested mapping
		}
		list, listIndent = -1, -1
		key, val, ok := simpleKeyLine(trimmed)
		if !ok {
			return nil, false
		}
		for _, e := range entries {
			// yaml.v3 rejects a repeated key; some spellings of one
			// (True/true) are the same key to it, so compare folded.
			if strings.EqualFold(e.key, key) {
				return nil, false
			}
		}
		e := yamlEntry{key: key, line: lineNo}
		switch {
		case len(val) == 0:
			// Null, unless a block list follows: its first item turns
			// the value into a list.
			e.val = value{kind: nullValue}
			list = len(entries)
		case val[0] == '[':
			items, ok := simpleFlowList(val)
			if !ok {
				return nil, false
			}
			e.val = value{kind: listValue, items: items}
		default:
			s, ok := simpleScalar(val, false)
			if !ok {
				return nil, false
			}
			if isYAMLNull(s) && val[0] != '"' && val[0] != '\'' {
				e.val = value{kind: nullValue}
			} else {
				e.val = value{s: s}
			}
		}
		entries = append(entries, e)
	}
	if len(entries) == 0 {
		return nil, false
	}
	return entries, true
}

// simpleBytes reports whether content holds only printable text, newlines
// and spaces: no tab, CR, control character, BOM or non-character, each of
// which yaml.v3 treats in its own way.
func simpleBytes(content []byte) bool {
	for i := 0; i < len(content); {
		c := content[i]
		if c < utf8.RuneSelf {
			if (c < ' ' && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(content[i:])
		if r == utf8.RuneError || r <= 0x9f || r == 0xfeff || r >= 0xfffe && r <= 0xffff || r == 0x2028 || r == 0x2029 || r == 0x85 {
			return false
		}
		i += size
	}
	return true
}

// simpleKeyLine splits "key: value" with a key of ASCII letters, digits,
// "_" and "-" starting with a letter.
func simpleKeyLine(line []byte) (key string, val []byte, ok bool) {
	i := 0
	for i < len(line) && (isASCIILetter(line[i]) || i > 0 && (line[i] >= '0' && line[i] <= '9' || line[i] == '_' || line[i] == '-')) {
		i++
	}
	if i == 0 || i >= len(line) || line[i] != ':' {
		return "", nil, false
	}
	if i+1 < len(line) && line[i+1] != ' ' {
		return "", nil, false
	}
	return string(line[:i]), trimSpaces(line[i+1:]), true
}

// simpleFlowList reads "[a, b, c]" whose items are simple scalars.
func simpleFlowList(val []byte) ([]string, bool) {
	if len(val) < 2 || val[len(val)-1] != ']' {
		return nil, false
	}
	inner := trimSpaces(val[1 : len(val)-1])
	if len(inner) == 0 {
		return nil, true // as yamlValue leaves an empty list
	}
	n := bytes.Count(inner, []byte{','}) + 1
	items := make([]string, 0, n)
	for len(inner) > 0 || n > 0 {
		var item []byte
		if i := bytes.IndexByte(inner, ','); i >= 0 {
			item, inner = inner[:i], inner[i+1:]
		} else {
			item, inner = inner, nil
		}
		n--
		s, ok := simpleScalar(trimSpaces(item), true)
		if !ok {
			return nil, false
		}
		items = append(items, s)
		if n == 0 {
			break
		}
	}
	return items, true
}

// simpleScalar reads a plain scalar, or a quoted one without escapes, that
// stands alone (nothing after a closing quote). It declines anything that
// could be an indicator, a comment, a nested mapping or a null list item,
// and inside a flow list anything with a flow character.
func simpleScalar(b []byte, flow bool) (string, bool) {
	if len(b) == 0 {
		return "", false
	}
	switch b[0] {
	case '"', '\'':
		q := b[0]
		if len(b) < 2 || b[len(b)-1] != q || bytes.IndexByte(b[1:len(b)-1], q) >= 0 ||
			q == '"' && bytes.IndexByte(b, '\\') >= 0 || bytes.IndexByte(b, '\n') >= 0 {
			return "", false
		}
		if flow && bytes.ContainsAny(b, "[]{},") {
			return "", false
		}
		return string(b[1 : len(b)-1]), true
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return "", false
	}
	if bytes.Contains(b, []byte(": ")) || bytes.Contains(b, []byte(" #")) || b[len(b)-1] == ':' {
		return "", false
	}
	if flow && (bytes.ContainsAny(b, "[]{},:#") || isYAMLNull(string(b))) {
		return "", false
	}
	return string(b), true
}

// isYAMLNull reports whether a plain scalar is one of YAML's spellings of
// null.
func isYAMLNull(s string) bool {
	switch s {
	case "~", "null", "Null", "NULL":
		return true
	}
	return false
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func trimSpaces(b []byte) []byte { return bytes.Trim(b, " ") }
