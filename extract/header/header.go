// Package header reads the metadata block at the top of a note: the markmeta
// HTML comment, YAML or TOML front matter, and Hexo-style YAML.
package header

// Header is a note's metadata.
type Header struct {
	Format     string            // "markmeta", "yaml", "toml", "hexo", or "" when there is none
	Title      string            // "" when not given
	Date       string            // normalised "2006-01-02" (time dropped), "" when absent or unreadable
	Authors    []string          // from author/authors
	Tags       []string          // from tags/tag/keywords, as written (not normalised)
	Categories []string          // from categories/category
	Attrs      map[string]string // every other scalar key, values as text
	// BodyStart is the byte offset where the Markdown body begins and
	// BodyLine the 1-based line it begins on.
	BodyStart, BodyLine int
	Warnings            []Warning
}

// Warning is a problem in the header, at a 1-based line of the file.
type Warning struct {
	Line int
	Msg  string
}

// Parse reads the header at the start of src. TEMPORARY: replaced by the header helper.
func Parse(src []byte) Header { return Header{BodyLine: 1} }
