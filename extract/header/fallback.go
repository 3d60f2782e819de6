package header

import (
	"bytes"
	"strings"
)

// readLines is the fallback for a header its real parser rejected. It reads
// top-level "key: value" (sep ':') or "key = value" (sep '=') lines, with
// "- item" lines under a YAML key that has no value of its own, so that one
// bad line costs its own key rather than the whole header. It understands
// quotes and one-line [a, b] lists and nothing else; anything indented that
// is not a list item is skipped as part of a nested value.
func (p *parser) readLines(content []byte, firstLine int, sep byte) {
	var (
		pendKey   string
		pendLine  int
		pendItems []string
		pending   bool // pendKey had no value; list items may follow
		pendIsMap bool // ...but an indented key line followed instead
	)
	flush := func() {
		if pending && !pendIsMap {
			if len(pendItems) > 0 {
				p.assign(pendKey, value{kind: listValue, items: pendItems}, pendLine)
			} else {
				p.assign(pendKey, value{kind: nullValue}, pendLine)
			}
		}
		pending, pendIsMap, pendItems = false, false, nil
	}
	for n := firstLine; len(content) > 0; n++ {
		line, next := nextLine(content, 0)
		content = content[next:]
		indent := indentOf(line)
		body := trimRight(line[indent:])
		if len(body) == 0 || body[0] == '#' {
			continue
		}
		if sep == ':' && isListItem(body) {
			if pending && !pendIsMap {
				item := looseValue(bytes.TrimSpace(body[1:]), sep)
				switch item.kind {
				case scalarValue:
					pendItems = append(pendItems, item.s)
				case listValue:
					pendItems = append(pendItems, item.items...)
				}
			}
			continue
		}
		if sep == '=' && body[0] == '[' {
			break // a table header: the keys after it are not top-level
		}
		if indent > 0 && sep == ':' {
			if pending && len(pendItems) == 0 {
				pendIsMap = true
			}
			continue
		}
		flush()
		key, val, ok := looseKey(body, sep)
		if !ok {
			continue
		}
		v := looseValue(val, sep)
		if v.kind == nullValue && sep == ':' {
			pending, pendKey, pendLine = true, key, n
			continue
		}
		p.assign(key, v, n)
	}
	flush()
}

// looseKey splits a key line at the first sep; for YAML the colon must be
// followed by a blank or the end of the line, so "http://x" is no key.
func looseKey(b []byte, sep byte) (key string, val []byte, ok bool) {
	for i := 0; i < len(b); i++ {
		if b[i] != sep {
			continue
		}
		if sep == ':' && i+1 < len(b) && b[i+1] != ' ' && b[i+1] != '\t' {
			continue
		}
		key = strings.ToLower(trimQuotes(strings.TrimSpace(string(b[:i]))))
		return key, b[i+1:], key != ""
	}
	return "", nil, false
}

// looseValue reads a value the way a forgiving human would: quoted text up
// to its closing quote (or to the end when the quote never closes), a
// one-line list with its brackets dropped (nested lists flattened), a YAML
// block scalar skipped, and for YAML a trailing " # comment" removed.
func looseValue(b []byte, sep byte) value {
	s := strings.TrimSpace(string(b))
	if s == "" {
		return value{kind: nullValue}
	}
	switch s[0] {
	case '"', '\'':
		if end := strings.IndexByte(s[1:], s[0]); end >= 0 {
			return value{s: s[1 : 1+end]}
		}
		return value{s: s[1:]}
	case '[':
		return value{kind: listValue, items: looseList(s)}
	case '|', '>':
		if sep == ':' {
			return value{kind: mapValue} // its text is on the indented lines we skip
		}
	}
	if sep == ':' {
		if i := strings.Index(s, " #"); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
	}
	return value{s: s}
}

// looseList reads the items of a one-line list such as [a, "b, c"] or
// [[a, b], [c]]: quoted items run to their closing quote, others to the next
// comma or bracket. Brackets only group, so nested lists come out flat.
func looseList(s string) []string {
	var items []string
	for i := 0; i < len(s) && len(items) < maxListItems; {
		switch c := s[i]; c {
		case '[', ']', ',', ' ', '\t':
			i++
		case '"', '\'':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				end = len(s) - i - 1
			}
			items = append(items, s[i+1:i+1+end])
			i += end + 2
		default:
			end := strings.IndexAny(s[i:], ",]")
			if end < 0 {
				end = len(s) - i
			}
			if it := strings.TrimSpace(s[i : i+end]); it != "" {
				items = append(items, it)
			}
			i += end
		}
	}
	return items
}
