package vaultgen

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// noteGen writes one note at a time. A worker keeps one and reseeds its PCG
// source per note, which reseeds the Zipf samplers bound to it too, so the
// samplers are built once per worker rather than once per note.
type noteGen struct {
	v    *vault
	src  *rand.PCG
	r    *rand.Rand
	hubs *rand.Zipf // rank of a linked note
	tagZ *rand.Zipf // index into v.tags
	papZ *rand.Zipf // index into v.papers
	buf  []byte
	dir  string // the note's folder
	lang int    // langZH, langEN or langMixed
	// afterList is set while the last block was a list: an indented block
	// there would continue the last item instead of starting code.
	afterList bool
	year      int // the note's own year, for dates without one
	links     int
	dang      int
}

var nl = []byte{'\n'}

const (
	langZH = iota
	langEN
	langMixed
)

func newNoteGen(v *vault) *noteGen {
	g := &noteGen{v: v, src: rand.NewPCG(0, 0)}
	g.r = rand.New(g.src)
	if n := len(v.paths); n > 1 {
		g.hubs = rand.NewZipf(g.r, 1.1, 2, uint64(n-1))
	}
	g.tagZ = rand.NewZipf(g.r, 1.2, 1.5, uint64(len(v.tags)-1))
	if n := len(v.papers); n > 1 {
		g.papZ = rand.NewZipf(g.r, 1.15, 2, uint64(n-1))
	}
	g.buf = make([]byte, 0, MaxNoteBytes+2048)
	return g
}

func (g *noteGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *noteGen) chance(percent int) bool { return g.r.IntN(100) < percent }

func (g *noteGen) s(s string) { g.buf = append(g.buf, s...) }

func (g *noteGen) n(n int) { g.buf = strconv.AppendInt(g.buf, int64(n), 10) }

// note returns the bytes of note i, valid until the next call, and adds its
// links and format to st.
func (g *noteGen) note(i int, st *Stats) []byte {
	v := g.v
	g.src.Seed(uint64(v.opt.Seed), uint64(i))
	g.buf = g.buf[:0]
	g.links, g.dang = 0, 0
	g.afterList = false
	g.dir = v.dirs[i/v.opt.PerDir]
	switch x := g.r.IntN(100); {
	case x < 55:
		g.lang = langZH
	case x < 80:
		g.lang = langEN
	default:
		g.lang = langMixed
	}
	g.year = 2015 + g.r.IntN(11)

	// A log-normal target size: median 2.6 KB, most notes 1.2-7 KB, which
	// is the shape of real note folders (many short notes, a long tail).
	target := int(2600 * math.Exp(0.6*g.r.NormFloat64()))
	target = min(max(target, MinNoteBytes+100), MaxNoteBytes-200)

	crlf := g.chance(2)
	bom := !crlf && g.r.IntN(1000) < 8
	bad := g.r.IntN(1000) < 3
	if bom {
		g.s("\ufeff")
		st.BOM++
	}
	if crlf {
		st.CRLF++
	}
	if bad {
		st.BadUTF8++
	}

	f := g.header(i)
	st.Headers[f]++
	if g.chance(70) {
		g.s("# ")
		g.title(i)
		g.s("\n\n")
	}
	if bad {
		// A stray Latin-1 byte and a cut multi-byte sequence, as left by a
		// bad copy and paste.
		g.s("Caf\xe9 notes \xe4\xb8 end.\n\n")
	}

	lines := bytes.Count(g.buf, nl)
	finalLen := func() int {
		if crlf {
			return len(g.buf) + lines
		}
		return len(g.buf)
	}
	for finalLen() < target {
		start, links, dang := len(g.buf), g.links, g.dang
		g.block()
		lines += bytes.Count(g.buf[start:], nl)
		if finalLen() > MaxNoteBytes {
			// Drop the block that overshot, and what it counted.
			lines -= bytes.Count(g.buf[start:], nl)
			g.buf, g.links, g.dang = g.buf[:start], links, dang
			break
		}
	}
	for finalLen() < MinNoteBytes {
		g.sentence(g.lang == langZH)
		g.s("\n")
		lines++
	}
	st.Links += g.links
	st.Dangling += g.dang

	if crlf {
		out := make([]byte, 0, len(g.buf)+lines)
		for _, c := range g.buf {
			if c == '\n' {
				out = append(out, '\r')
			}
			out = append(out, c)
		}
		g.buf = append(g.buf[:0], out...)
	}
	return g.buf
}

// title writes note i's title: its file name, humanised.
func (g *noteGen) title(i int) {
	name := g.v.names[i]
	if j := strings.LastIndexByte(name, '-'); j > 0 {
		name = name[:j]
	}
	g.s(strings.ReplaceAll(name, "-", " "))
	if g.chance(50) {
		g.s(" ")
		g.n(i)
	}
}

func (g *noteGen) date(withTime bool) {
	g.n(g.year)
	g.s("-")
	g.buf = appendPad(g.buf, 1+g.r.IntN(12), 2)
	g.s("-")
	g.buf = appendPad(g.buf, 1+g.r.IntN(28), 2)
	if withTime {
		g.s(" ")
		g.buf = appendPad(g.buf, g.r.IntN(24), 2)
		g.s(":")
		g.buf = appendPad(g.buf, g.r.IntN(60), 2)
		g.s(":00")
	}
}

func (g *noteGen) headerTags() []string {
	k := g.r.IntN(5)
	tags := make([]string, 0, k)
	for range k {
		tags = append(tags, g.v.tags[g.tagZ.Uint64()])
	}
	return tags
}

// header writes the metadata block and returns its format.
func (g *noteGen) header(i int) HeaderFormat {
	var f HeaderFormat
	switch x := g.r.IntN(100); {
	case x < 15:
		f = HeaderMarkmeta
	case x < 25:
		f = HeaderMarkmetaShort
	case x < 50:
		f = HeaderYAML
	case x < 60:
		f = HeaderTOML
	case x < 72:
		f = HeaderHexo
	default:
		return HeaderNone
	}
	tags := g.headerTags()
	cat := g.pick(categories)
	author := g.pick(authors)
	switch f {
	case HeaderMarkmeta, HeaderMarkmetaShort:
		if f == HeaderMarkmeta {
			g.s("<!---\n")
		} else {
			g.s("<!--\n")
		}
		g.s("markmeta_author: " + author + "\nmarkmeta_date: ")
		g.date(g.chance(30))
		g.s("\nmarkmeta_title: ")
		g.title(i)
		g.s("\nmarkmeta_categories: " + cat)
		if g.chance(20) {
			g.s(", " + g.pick(categories))
		}
		g.s("\nmarkmeta_tags: ")
		sep := ", "
		if g.chance(30) {
			sep = ","
		}
		g.s(strings.Join(tags, sep))
		g.s("\n-->\n\n")
	case HeaderYAML, HeaderHexo:
		if f == HeaderYAML {
			g.s("---\n")
		}
		g.s("title: ")
		if g.chance(40) {
			g.s("\"")
			g.title(i)
			g.s("\"")
		} else {
			g.title(i)
		}
		g.s("\ndate: ")
		g.date(g.chance(60))
		if g.chance(60) {
			g.s("\nauthor: " + author)
		}
		if g.chance(50) {
			g.s("\ncategories: [" + cat + "]")
		} else {
			g.s("\ncategories:\n- " + cat)
		}
		key := "tags"
		if g.chance(10) {
			key = "keywords"
		}
		if len(tags) > 0 && g.chance(50) {
			g.s("\n" + key + ":")
			for _, t := range tags {
				g.s("\n  - " + t)
			}
		} else {
			g.s("\n" + key + ": [" + strings.Join(tags, ", ") + "]")
		}
		if g.chance(20) {
			g.s("\ndraft: false")
		}
		g.s("\n---\n\n")
	case HeaderTOML:
		g.s("+++\ntitle = \"")
		g.title(i)
		g.s("\"\ndate = ")
		if g.chance(50) {
			g.date(false)
		} else {
			g.s("\"")
			g.date(true)
			g.s("\"")
		}
		g.s("\nauthors = [\"" + author + "\"]\ncategories = [\"" + cat + "\"]\ntags = [")
		for k, t := range tags {
			if k > 0 {
				g.s(", ")
			}
			g.s("\"" + t + "\"")
		}
		g.s("]\n+++\n\n")
	}
	return f
}

// block writes one Markdown block followed by a blank line.
func (g *noteGen) block() {
	zh := g.lang == langZH || (g.lang == langMixed && g.chance(50))
	wasList := g.afterList
	g.afterList = false
	switch x := g.r.IntN(100); {
	case x < 38:
		g.paragraph(zh)
	case x < 50:
		g.s("## ")
		if zh {
			g.s(g.pick(headingsZH))
		} else {
			g.s(g.pick(headingsEN))
		}
		g.s("\n\n")
	case x < 66:
		g.list(zh)
		g.afterList = true
	case x < 71:
		g.references(zh)
		g.afterList = true
	case x < 80:
		g.code(!wasList && g.chance(15))
	case x < 85:
		g.s("> ")
		g.sentence(zh)
		g.s("\n\n")
	case x < 90:
		g.tagLine()
	case x < 93:
		// Inline HTML whose attribute holds a colour that is not a tag.
		g.s("<span style=\"color:#8c8273\">")
		g.sentence(zh)
		g.s("</span>\n\n")
	case x < 95:
		// A heading written without the space: CommonMark reads it as a
		// paragraph, and it must not become a tag either.
		g.s("#")
		g.s(g.pick(headingsZH))
		g.s("\n\n")
	default:
		g.paragraph(zh)
	}
}

func (g *noteGen) paragraph(zh bool) {
	for k := 2 + g.r.IntN(4); k > 0; k-- {
		g.sentence(zh)
		if !zh {
			g.s(" ")
		}
	}
	if g.chance(10) {
		g.s(" Use `#include <stdio.h>` or `#notatag` inline.")
	}
	g.s("\n\n")
}

// sentence writes one sentence with, now and then, a date in front and a
// link, URL, paper or tag inside.
func (g *noteGen) sentence(zh bool) {
	if g.chance(20) {
		g.dateExpr(zh)
	}
	if zh {
		for k := 2 + g.r.IntN(4); k > 0; k-- {
			g.s(g.pick(zhPhrases))
			if k > 1 {
				g.s("，")
			}
		}
	} else {
		if g.chance(30) {
			g.s(g.pick(enOpeners) + " ")
		}
		k := 5 + g.r.IntN(10)
		for j := range k {
			w := g.pick(enWords)
			if j == 0 && len(w) > 0 && w[0] >= 'a' && w[0] <= 'z' {
				g.buf = append(g.buf, w[0]-'a'+'A')
				w = w[1:]
			}
			g.s(w)
			if j < k-1 {
				g.s(" ")
			}
		}
	}
	switch x := g.r.IntN(100); {
	case x < 14:
		g.s(" ")
		g.noteLink(zh)
	case x < 22:
		g.url(zh)
	case x < 29:
		g.s(" ")
		g.paperRef(zh)
	case x < 36:
		g.s(" #")
		g.s(g.v.tags[g.tagZ.Uint64()])
		g.s(" ")
	}
	if zh {
		g.s(g.pick(zhClosers))
	} else {
		g.s(".")
	}
}

func (g *noteGen) dateExpr(zh bool) {
	y := 2010 + g.r.IntN(16)
	m := 1 + g.r.IntN(12)
	d := 1 + g.r.IntN(28)
	if zh {
		switch g.r.IntN(9) {
		case 0:
			g.n(y)
			g.s("年，")
		case 1, 2:
			g.n(y)
			g.s("年")
			g.n(m)
			g.s("月，")
		case 3:
			g.n(y)
			g.s("年")
			g.n(m)
			g.s("月")
			g.n(d)
			g.s("日，")
		case 4:
			g.n(y)
			g.s("年")
			g.n(m)
			g.s("月" + g.pick([]string{"底", "初", "中旬", "下旬"}) + "，")
		case 5:
			g.n(y)
			g.s("年" + g.pick([]string{"初", "底", "上半年", "年中"}) + "，")
		case 6:
			// Chinese numerals for the year and month.
			for _, c := range strconv.Itoa(y) {
				g.s(zhDigits[c-'0'])
			}
			g.s("年" + zhMonths[m-1] + "月，")
		case 7:
			// Relative to the note's own date.
			g.s(g.pick([]string{"去年", "今年", "前年"}))
			g.n(m)
			g.s("月，")
		default:
			// Year from context.
			g.n(m)
			g.s("月" + g.pick([]string{"底", "初", ""}) + "，")
		}
		return
	}
	switch g.r.IntN(7) {
	case 0:
		g.s("In " + monthsEN[m-1] + " ")
		g.n(y)
		g.s(", ")
	case 1:
		g.s("On ")
		g.n(d)
		g.s(" " + monthsEN[m-1] + " ")
		g.n(y)
		g.s(", ")
	case 2:
		g.s("On " + monthsEN[m-1] + " ")
		g.n(d)
		g.s(", ")
		g.n(y)
		g.s(", ")
	case 3:
		g.n(y)
		g.s("-")
		g.buf = appendPad(g.buf, m, 2)
		g.s("-")
		g.buf = appendPad(g.buf, d, 2)
		g.s(": ")
	case 4:
		g.n(y)
		g.s("/")
		g.n(m)
		g.s("/")
		g.n(d)
		g.s(" ")
	case 5:
		g.s(g.pick([]string{"In early ", "In late ", "By mid-"}))
		g.n(y)
		g.s(", ")
	default:
		g.s("Back in ")
		g.n(y)
		g.s(", ")
	}
}

// noteLink writes a link to another note: usually a hub picked by Zipf
// rank, sometimes (DanglingRate) a name no note has.
func (g *noteGen) noteLink(zh bool) {
	v := g.v
	g.links++
	if len(v.paths) == 0 || g.r.Float64() < v.opt.DanglingRate {
		g.dang++
		name := "unwritten-" + g.pick(enWords[:40]) + "-" + strconv.Itoa(g.r.IntN(1000000))
		if g.chance(70) {
			g.s("[[" + name + "]]")
			return
		}
		target := v.dirs[g.r.IntN(len(v.dirs))]
		if target != "" {
			target += "/"
		}
		g.s("[" + g.linkText(zh) + "](" + linkDest(relPath(g.dir, target+name+".md")) + ")")
		return
	}
	t := 0
	if g.hubs != nil {
		t = int((g.hubs.Uint64()*v.hubMul + v.hubAdd) % uint64(len(v.paths)))
	}
	switch x := g.r.IntN(100); {
	case x < 35:
		g.s("[[" + v.names[t] + "]]")
	case x < 55:
		g.s("[[" + v.names[t] + "|" + g.linkText(zh) + "]]")
	case x < 70:
		p := v.paths[t]
		p = p[:strings.LastIndexByte(p, '.')]
		g.s("[[" + p + "#")
		if zh {
			g.s(g.pick(headingsZH))
		} else {
			g.s(g.pick(headingsEN))
		}
		g.s("]]")
	default:
		dest := relPath(g.dir, v.paths[t])
		if dest == v.paths[t] && !strings.Contains(dest, "/") && g.chance(30) {
			dest = "./" + dest
		}
		dest = linkDest(dest)
		if g.chance(10) {
			dest += "#" + strings.ReplaceAll(strings.ToLower(g.pick(headingsEN)), " ", "-")
		}
		g.s("[" + g.linkText(zh) + "](" + dest + ")")
	}
}

func (g *noteGen) linkText(zh bool) string {
	if zh {
		return g.pick([]string{"这篇笔记", "之前的想法", "详见", "相关讨论", "原文"})
	}
	return g.pick([]string{"this note", "earlier", "see also", "the summary", "details"})
}

// linkDest escapes what a Markdown link destination cannot hold raw.
func linkDest(p string) string {
	if strings.IndexByte(p, ' ') < 0 {
		return p
	}
	return strings.ReplaceAll(p, " ", "%20")
}

// relPath returns the path of target relative to folder from; both are
// "/"-separated and relative to the vault root, from is "" for the root.
func relPath(from, target string) string {
	var fs []string
	if from != "" {
		fs = strings.Split(from, "/")
	}
	ts := strings.Split(target, "/")
	common := 0
	for common < len(fs) && common < len(ts)-1 && fs[common] == ts[common] {
		common++
	}
	var b strings.Builder
	for range len(fs) - common {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(ts[common:], "/"))
	return b.String()
}

func (g *noteGen) url(zh bool) {
	host := g.pick(urlHosts)
	var u string
	if strings.HasSuffix(host, "=") {
		u = host + strconv.Itoa(1000000+g.r.IntN(9000000))
	} else {
		u = host + g.pick(enWords[:40]) + "-" + strconv.Itoa(g.r.IntN(100000))
		if g.chance(15) {
			u += "?utm_source=notes&id=" + strconv.Itoa(g.r.IntN(100))
		}
	}
	switch x := g.r.IntN(100); {
	case x < 30:
		g.s(" [" + g.linkText(zh) + "](" + u + ")")
	case x < 55:
		g.s(" " + u + " ")
	case x < 80 && zh:
		// Glued to CJK text on the left, CJK punctuation right after.
		g.s("参见" + u)
	case x < 90:
		g.s(" <" + u + ">")
	default:
		if zh {
			g.s("（" + u + "）")
		} else {
			g.s(" (" + u + ")")
		}
	}
}

func (g *noteGen) paperRef(zh bool) {
	v := g.v
	if len(v.papers) == 0 {
		return
	}
	k := 0
	if g.papZ != nil {
		k = int(g.papZ.Uint64())
	}
	p := v.papers[k]
	ver := ""
	if g.chance(40) {
		ver = "v" + strconv.Itoa(1+g.r.IntN(5))
	}
	if p.arxiv == "" || (p.doi != "" && g.chance(30)) {
		switch g.r.IntN(3) {
		case 0:
			g.s("《" + p.title + "》 doi:" + p.doi)
		case 1:
			g.s("[" + p.title + "](https://doi.org/" + p.doi + ")")
		default:
			g.s("\"" + p.title + "\", DOI: " + p.doi)
		}
		return
	}
	switch g.r.IntN(7) {
	case 0:
		g.s("《" + p.title + "》（arXiv:" + p.arxiv + ver + "）")
	case 1:
		g.s("[" + p.title + "](https://arxiv.org/abs/" + p.arxiv + ver + ")")
	case 2:
		if zh {
			g.s("论文《" + p.title + "》，论文地址： https://arxiv.org/abs/" + p.arxiv + " ")
		} else {
			g.s("\"" + p.title + "\" (https://arxiv.org/pdf/" + p.arxiv + ver + ")")
		}
	case 3:
		g.s("arXiv:" + p.arxiv + ver)
	case 4:
		g.s("[" + p.title + "](https://huggingface.co/papers/" + p.arxiv + ")")
	case 5:
		g.s("《" + p.title + "》")
	default:
		g.s("\"" + p.title + "\" doi:10.48550/arXiv." + p.arxiv)
	}
}

func (g *noteGen) list(zh bool) {
	ordered := g.chance(25)
	marker := "- "
	if g.chance(20) {
		marker = "* "
	}
	for k := range 2 + g.r.IntN(5) {
		if ordered {
			g.n(k + 1)
			g.s(". ")
		} else {
			g.s(marker)
		}
		if g.chance(35) {
			g.dateExpr(zh)
		}
		g.sentence(zh)
		if g.chance(20) {
			g.s(" ")
			g.paperRef(zh)
		}
		g.s("\n")
	}
	g.s("\n")
}

// references writes a numbered list of sources, the way the sample note
// ends.
func (g *noteGen) references(zh bool) {
	if zh {
		g.s("## 参考\n\n")
	} else {
		g.s("## References\n\n")
	}
	for k := range 2 + g.r.IntN(4) {
		g.n(k + 1)
		g.s(". ")
		if g.chance(40) {
			g.paperRef(zh)
		} else {
			g.s(g.pick(enWords[:40]) + " " + g.pick(enWords[:40]) + ",")
			g.url(zh)
		}
		g.s("\n")
	}
	g.s("\n")
}

// code writes a fenced or indented block full of things that look like tags,
// links and URLs but must not count.
func (g *noteGen) code(indented bool) {
	lang := g.pick(codeLangs)
	lines := []string{
		"# build it first #notatag",
		"curl -s https://example.com/api/v1/items?id=42",
		"// see https://arxiv.org/abs/1706.03762 and [[not-a-link]]",
		"color = \"#8c8273\"  # not a tag either",
		"for i in range(10): print(i)  # #loop",
		"SELECT * FROM notes WHERE tag = '#todo';",
		"x := map[string]int{\"a\": 1} // [text](../not/a/link.md)",
		"echo \"2019-02-14\" > date.txt",
		"#include <stdio.h>",
	}
	if !indented {
		g.s("```" + lang + "\n")
	}
	for range 2 + g.r.IntN(6) {
		if indented {
			g.s("    ")
		}
		g.s(g.pick(lines))
		g.s("\n")
	}
	if !indented {
		g.s("```\n")
	}
	g.s("\n")
}

func (g *noteGen) tagLine() {
	for k := 1 + g.r.IntN(4); k > 0; k-- {
		g.s("#")
		g.s(g.v.tags[g.tagZ.Uint64()])
		if k > 1 {
			g.s(" ")
		}
	}
	g.s("\n\n")
}
