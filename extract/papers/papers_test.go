package papers

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// ax and doi build expected hits; with adds the optional parts.
func ax(id, date string) Hit { return Hit{ID: "paper:arxiv:" + id, Date: date} }
func doi(d string) Hit       { return Hit{ID: "paper:doi:" + d} }

func (h Hit) v(vs ...string) Hit    { h.Versions = vs; return h }
func (h Hit) u(us ...string) Hit    { h.URLs = us; return h }
func (h Hit) titled(t string) Hit   { h.Title = t; return h }
func papers(hs ...Hit) []Hit        { return hs }
func titles(ts ...Title) []Title    { return ts }
func cued(t string) Title           { return Title{Title: t, Cued: true} }
func plain(t string) Title          { return Title{Title: t} }
func link(dest, text string) []Link { return []Link{{Dest: dest, Text: text}} }

func TestScan(t *testing.T) {
	long := strings.Repeat("长", maxTitleRunes+1)
	tests := []struct {
		name   string
		text   string
		links  []Link
		papers []Hit
		titles []Title
	}{
		// arXiv IDs in prose, new scheme.
		{name: "arxiv colon", text: "see arXiv:1706.03762 for details", papers: papers(ax("1706.03762", "2017-06"))},
		{name: "arxiv colon space", text: "see arXiv: 1706.03762.", papers: papers(ax("1706.03762", "2017-06"))},
		{name: "arxiv full-width colon", text: "见arXiv：1706.03762。", papers: papers(ax("1706.03762", "2017-06"))},
		{name: "arxiv space", text: "arXiv 1706.03762", papers: papers(ax("1706.03762", "2017-06"))},
		{name: "arxiv lower case", text: "(arxiv:1706.03762)", papers: papers(ax("1706.03762", "2017-06"))},
		{name: "arxiv upper case with version", text: "ARXIV:1706.03762v5", papers: papers(ax("1706.03762", "2017-06").v("v5"))},
		{name: "first new-scheme month", text: "arXiv:0704.0001", papers: papers(ax("0704.0001", "2007-04"))},
		{name: "last four-digit month", text: "arXiv:1412.8765v2", papers: papers(ax("1412.8765", "2014-12").v("v2"))},
		{name: "first five-digit month", text: "arXiv:1501.00001", papers: papers(ax("1501.00001", "2015-01"))},
		{name: "bibtex style", text: "arXiv preprint arXiv:2203.02155, 2022", papers: papers(ax("2203.02155", "2022-03"))},
		{name: "versions merged and numeric order", text: "arXiv:1706.03762v10 and arXiv:1706.03762v2, also arXiv:1706.03762v2",
			papers: papers(ax("1706.03762", "2017-06").v("v2", "v10"))},
		{name: "two papers sorted by id", text: "arXiv:1810.04805 builds on arXiv:1706.03762",
			papers: papers(ax("1706.03762", "2017-06"), ax("1810.04805", "2018-10"))},

		// arXiv IDs in prose, old scheme.
		{name: "old scheme", text: "arXiv:hep-th/9901001", papers: papers(ax("hep-th/9901001", "1999-01"))},
		{name: "old scheme subject class dropped", text: "arXiv: math.GT/0309136v1", papers: papers(ax("math/0309136", "2003-09").v("v1"))},
		{name: "old scheme first month", text: "arXiv:hep-th/9108001", papers: papers(ax("hep-th/9108001", "1991-08"))},
		{name: "old scheme last month", text: "arXiv:math/0703001", papers: papers(ax("math/0703001", "2007-03"))},
		{name: "old scheme retired archive", text: "arXiv:chao-dyn/9510015", papers: papers(ax("chao-dyn/9510015", "1995-10"))},
		{name: "old scheme before 1991-08", text: "arXiv:hep-th/9107001"},
		{name: "old scheme after 2007-03", text: "arXiv:math/0704001"},
		{name: "old scheme unknown archive", text: "arXiv:foo-bar/9901001"},
		{name: "old scheme number 000", text: "arXiv:hep-th/9901000"},

		// Numbers that look like arXiv IDs but are not cited as such.
		{name: "price", text: "It costs $1706.03 now"},
		{name: "version string", text: "upgrade to v1.2.3 today"},
		{name: "year-like number", text: "In 2023.12345 units"},
		{name: "bare id without context", text: "the number 1706.03762 appears"},
		{name: "pi", text: "π ≈ 3.14159"},
		{name: "month 23", text: "arXiv:2023.12345"},
		{name: "five-digit era with four digits", text: "arXiv:1501.0001"},
		{name: "before new scheme", text: "arXiv:0703.1234"},
		{name: "month 13", text: "arXiv:1713.01234"},
		{name: "four-digit era with five digits", text: "arXiv:1412.12345"},
		{name: "six digits", text: "arXiv:1706.037621"},
		{name: "letters glued after", text: "arXiv:1706.03762abc"},
		{name: "all-zero number", text: "arXiv:1706.00000"},
		{name: "version zero", text: "arXiv:1706.03762v0"},
		{name: "arxiv glued to a word before", text: "myarxiv:1706.03762"},
		{name: "arxiv glued to the id", text: "arXiv1706.03762"},

		// arXiv URLs.
		{name: "abs url glued to CJK", text: "论文地址：https://arxiv.org/abs/1706.03762。",
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/abs/1706.03762"))},
		{name: "pdf url with .pdf", text: "https://arxiv.org/pdf/1706.03762v5.pdf",
			papers: papers(ax("1706.03762", "2017-06").v("v5").u("https://arxiv.org/pdf/1706.03762v5.pdf"))},
		{name: "pdf url without .pdf", text: "(https://arxiv.org/pdf/1706.03762)",
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/pdf/1706.03762"))},
		{name: "html url with fragment", text: "https://arxiv.org/html/2203.02155v1#S2, read it",
			papers: papers(ax("2203.02155", "2022-03").v("v1").u("https://arxiv.org/html/2203.02155v1#S2"))},
		{name: "www format url", text: "http://www.arxiv.org/format/1706.03762",
			papers: papers(ax("1706.03762", "2017-06").u("http://www.arxiv.org/format/1706.03762"))},
		{name: "export url", text: "https://export.arxiv.org/abs/1706.03762?context=cs",
			papers: papers(ax("1706.03762", "2017-06").u("https://export.arxiv.org/abs/1706.03762?context=cs"))},
		{name: "ar5iv labs", text: "https://ar5iv.labs.arxiv.org/html/1706.03762",
			papers: papers(ax("1706.03762", "2017-06").u("https://ar5iv.labs.arxiv.org/html/1706.03762"))},
		{name: "ar5iv org", text: "https://ar5iv.org/abs/1706.03762",
			papers: papers(ax("1706.03762", "2017-06").u("https://ar5iv.org/abs/1706.03762"))},
		{name: "alphaxiv overview", text: "https://www.alphaxiv.org/overview/2203.02155",
			papers: papers(ax("2203.02155", "2022-03").u("https://www.alphaxiv.org/overview/2203.02155"))},
		{name: "alphaxiv abs", text: "https://alphaxiv.org/abs/2203.02155v2",
			papers: papers(ax("2203.02155", "2022-03").v("v2").u("https://alphaxiv.org/abs/2203.02155v2"))},
		{name: "huggingface papers", text: "讨论见https://huggingface.co/papers/2203.02155，很热闹",
			papers: papers(ax("2203.02155", "2022-03").u("https://huggingface.co/papers/2203.02155"))},
		{name: "old scheme url", text: "https://arxiv.org/abs/hep-th/9901001v3",
			papers: papers(ax("hep-th/9901001", "1999-01").v("v3").u("https://arxiv.org/abs/hep-th/9901001v3"))},
		{name: "scheme-less url has no URL edge", text: "见 arxiv.org/abs/1706.03762 。", papers: papers(ax("1706.03762", "2017-06"))},
		{name: "scheme-less upper case host", text: "ARXIV.ORG/abs/1706.03762", papers: papers(ax("1706.03762", "2017-06"))},
		{name: "scheme-less subdomain", text: "(export.arxiv.org/pdf/1706.03762v3)", papers: papers(ax("1706.03762", "2017-06").v("v3"))},
		{name: "scheme-less doi resolver", text: "见dx.doi.org/10.1000/xyz123。", papers: papers(doi("10.1000/xyz123"))},
		{name: "host name inside a longer name", text: "notarxiv.org/abs/1706.03762"},
		{name: "host after an at sign", text: "me@doi.org/10.1000/xyz123"},
		{name: "url and id merge", text: "arXiv:1706.03762v1 https://arxiv.org/abs/1706.03762v7",
			papers: papers(ax("1706.03762", "2017-06").v("v1", "v7").u("https://arxiv.org/abs/1706.03762v7"))},
		{name: "arxiv listing is no paper", text: "https://arxiv.org/list/cs.CL/recent"},
		{name: "id inside a search url", text: "https://scholar.google.com/scholar?q=arXiv:1706.03762"},
		{name: "arxiv path on another host", text: "https://example.com/abs/1706.03762"},
		{name: "userinfo host trick", text: "https://arxiv.org@evil.example/abs/1706.03762"},
		{name: "bad id in arxiv url", text: "https://arxiv.org/abs/1713.01234"},

		// DataCite arXiv DOIs.
		{name: "arxiv doi with label", text: "doi:10.48550/arXiv.1706.03762", papers: papers(ax("1706.03762", "2017-06"))},
		{name: "arxiv doi bare", text: "DataCite 10.48550/arXiv.2203.02155 。", papers: papers(ax("2203.02155", "2022-03"))},
		{name: "arxiv doi url", text: "https://doi.org/10.48550/arXiv.1706.03762",
			papers: papers(ax("1706.03762", "2017-06").u("https://doi.org/10.48550/arXiv.1706.03762"))},
		{name: "arxiv doi with bad id", text: "doi:10.48550/arXiv.1713.01234"},

		// DOIs in prose.
		{name: "doi colon", text: "doi:10.1000/xyz123", papers: papers(doi("10.1000/xyz123"))},
		{name: "doi upper case lowered", text: "DOI 10.1000/XYZ123", papers: papers(doi("10.1000/xyz123"))},
		{name: "doi trailing period", text: "DOI: 10.1000/xyz123.", papers: papers(doi("10.1000/xyz123"))},
		{name: "doi in parentheses", text: "as shown (doi:10.1000/xyz123).", papers: papers(doi("10.1000/xyz123"))},
		{name: "doi before CJK full stop", text: "见doi:10.1000/xyz123。后文", papers: papers(doi("10.1000/xyz123"))},
		{name: "doi full-width colon", text: "DOI：10.1000/xyz123，", papers: papers(doi("10.1000/xyz123"))},
		{name: "doi with balanced parentheses", text: "doi:10.1016/0370-2693(91)90557-7", papers: papers(doi("10.1016/0370-2693(91)90557-7"))},
		{name: "doi with parentheses inside parentheses", text: "(see doi:10.1016/0370-2693(91)90557-7)",
			papers: papers(doi("10.1016/0370-2693(91)90557-7"))},
		{name: "bare doi in prose", text: "the value 10.1000/xyz123 is odd"},
		{name: "doi three-digit registrant", text: "doi:10.123/abc"},
		{name: "doi empty suffix", text: "doi:10.1000/"},
		{name: "doi glued word", text: "doing 10.1000/xyz"},
		{name: "doi plural word", text: "DOIs 10.1000/xyz are useful"},

		// DOI URLs.
		{name: "doi.org url", text: "https://doi.org/10.1145/3442188.3445922",
			papers: papers(doi("10.1145/3442188.3445922").u("https://doi.org/10.1145/3442188.3445922"))},
		{name: "dx.doi.org url upper case", text: "http://dx.doi.org/10.1002/ABC.123;",
			papers: papers(doi("10.1002/abc.123").u("http://dx.doi.org/10.1002/ABC.123"))},
		{name: "acm url", text: "https://dl.acm.org/doi/10.1145/3442188.3445922",
			papers: papers(doi("10.1145/3442188.3445922").u("https://dl.acm.org/doi/10.1145/3442188.3445922"))},
		{name: "acm pdf url", text: "https://dl.acm.org/doi/pdf/10.1145/3442188.3445922",
			papers: papers(doi("10.1145/3442188.3445922").u("https://dl.acm.org/doi/pdf/10.1145/3442188.3445922"))},
		{name: "springer url", text: "https://link.springer.com/article/10.1007/s11023-020-09548-1",
			papers: papers(doi("10.1007/s11023-020-09548-1").u("https://link.springer.com/article/10.1007/s11023-020-09548-1"))},
		{name: "springer escaped pdf url", text: "https://link.springer.com/content/pdf/10.1007%2Fs11023-020-09548-1.pdf",
			papers: papers(doi("10.1007/s11023-020-09548-1").u("https://link.springer.com/content/pdf/10.1007%2Fs11023-020-09548-1.pdf"))},
		{name: "wiley full url", text: "https://onlinelibrary.wiley.com/doi/full/10.1002/xyz.123",
			papers: papers(doi("10.1002/xyz.123").u("https://onlinelibrary.wiley.com/doi/full/10.1002/xyz.123"))},
		{name: "frontiers url with /full", text: "https://www.frontiersin.org/articles/10.3389/fpsyg.2020.01234/full",
			papers: papers(doi("10.3389/fpsyg.2020.01234").u("https://www.frontiersin.org/articles/10.3389/fpsyg.2020.01234/full"))},
		{name: "wiley epdf url", text: "https://onlinelibrary.wiley.com/doi/epdf/10.1002/xyz.123",
			papers: papers(doi("10.1002/xyz.123").u("https://onlinelibrary.wiley.com/doi/epdf/10.1002/xyz.123"))},
		{name: "plos id query", text: "https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456",
			papers: papers(doi("10.1371/journal.pone.0123456").u("https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456"))},
		{name: "doi url inside an archive url", text: "https://web.archive.org/web/2020/https://doi.org/10.1000/xyz123",
			papers: papers(doi("10.1000/xyz123").u("https://web.archive.org/web/2020/https://doi.org/10.1000/xyz123"))},
		{name: "doi in a search query", text: "https://www.google.com/search?q=10.1000/xyz123"},
		{name: "doi-like date in an unrelated path", text: "https://example.com/archive/10.2023/notes"},
		{name: "doi label inside a url", text: "https://example.com/?ref=doi:10.1000/xyz123"},

		// Links.
		{name: "link text is the title", text: "Attention Is All You Need",
			links:  link("https://arxiv.org/abs/1706.03762", "Attention Is All You Need"),
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/abs/1706.03762").titled("Attention Is All You Need"))},
		{name: "link text in title marks", text: "《Attention Is All You Need》",
			links:  link("https://arxiv.org/abs/1706.03762", "《Attention Is All You Need》"),
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/abs/1706.03762").titled("Attention Is All You Need"))},
		{name: "link text is a url", text: "https://arxiv.org/abs/1706.03762",
			links:  link("https://arxiv.org/abs/1706.03762", "https://arxiv.org/abs/1706.03762"),
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/abs/1706.03762"))},
		{name: "link text is an id", text: "arXiv:1706.03762",
			links:  link("https://arxiv.org/pdf/1706.03762", "arXiv:1706.03762"),
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/pdf/1706.03762"))},
		{name: "generic link text", text: "论文地址",
			links:  link("https://arxiv.org/abs/1706.03762", "论文地址"),
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/abs/1706.03762"))},
		{name: "autolink", text: "", links: link("<https://doi.org/10.1000/xyz123>", ""),
			papers: papers(doi("10.1000/xyz123").u("https://doi.org/10.1000/xyz123"))},
		{name: "relative link is no url", text: "x", links: link("arxiv.org/abs/1706.03762", "x")},
		{name: "doi link with title", text: "On the Dangers of Stochastic Parrots",
			links: link("https://dl.acm.org/doi/10.1145/3442188.3445922", "On the Dangers of Stochastic Parrots"),
			papers: papers(doi("10.1145/3442188.3445922").u("https://dl.acm.org/doi/10.1145/3442188.3445922").
				titled("On the Dangers of Stochastic Parrots"))},
		{name: "two links pair with nothing left", text: "BERT: Pre-training of Deep Bidirectional Transformers and Language Models are Few-Shot Learners",
			links: []Link{{Dest: "https://arxiv.org/abs/1810.04805", Text: "BERT: Pre-training of Deep Bidirectional Transformers"},
				{Dest: "https://arxiv.org/abs/2005.14165", Text: "Language Models are Few-Shot Learners"}},
			papers: papers(ax("1810.04805", "2018-10").u("https://arxiv.org/abs/1810.04805").titled("BERT: Pre-training of Deep Bidirectional Transformers"),
				ax("2005.14165", "2020-05").u("https://arxiv.org/abs/2005.14165").titled("Language Models are Few-Shot Learners"))},
		{name: "short link texts are no titles", text: "BERT and GPT",
			links: []Link{{Dest: "https://arxiv.org/abs/1810.04805", Text: "BERT"}, {Dest: "https://arxiv.org/abs/2005.14165", Text: "GPT"}},
			papers: papers(ax("1810.04805", "2018-10").u("https://arxiv.org/abs/1810.04805"),
				ax("2005.14165", "2020-05").u("https://arxiv.org/abs/2005.14165"))},
		{name: "quoted titles pair with links by position", text: "《Deep Residual Learning》见链接一，《Batch Normalization Accelerates Training》见链接二",
			links: []Link{{Dest: "https://arxiv.org/abs/1810.04805", Text: "链接一"}, {Dest: "https://arxiv.org/abs/2005.14165", Text: "链接二"}},
			papers: papers(ax("1810.04805", "2018-10").u("https://arxiv.org/abs/1810.04805").titled("Deep Residual Learning"),
				ax("2005.14165", "2020-05").u("https://arxiv.org/abs/2005.14165").titled("Batch Normalization Accelerates Training"))},
		{name: "quoted titles pair with generic links by position", text: "《Deep Residual Learning》见PDF，《Batch Normalization Accelerates Training》见 arXiv:1706.03762",
			links: []Link{{Dest: "https://arxiv.org/pdf/1810.04805", Text: "PDF"}},
			papers: papers(ax("1706.03762", "2017-06").titled("Batch Normalization Accelerates Training"),
				ax("1810.04805", "2018-10").u("https://arxiv.org/pdf/1810.04805").titled("Deep Residual Learning"))},
		{name: "link title wins over quoted title", text: "论文《Quoted》见 The Linked Title",
			links:  link("https://arxiv.org/abs/1706.03762", "The Linked Title"),
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/abs/1706.03762").titled("The Linked Title"))},

		// Titles: the sample note.
		{name: "sample: cued title, no paper", text: "2017年，谷歌发布论文《Attention is all you need》，提出Transformer模型",
			titles: titles(cued("Attention is all you need"))},
		{name: "sample: title bound to url", text: "2017年6月，Google发布论文《Attention is all you need》，首次提出Transformer模型，成为GPT发展的基础。 论文地址： https://arxiv.org/abs/1706.03762",
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/abs/1706.03762").titled("Attention is all you need"))},
		{name: "sample: video title not cued", text: "台大教授李宏毅的视频《ChatGPT是怎么炼成的？GPT社会化过程》。https://www.inside.com.tw/article/30032-chatgpt-possible-4-steps-training",
			titles: titles(plain("ChatGPT是怎么炼成的？GPT社会化过程"))},
		{name: "sample: paperswithcode is no paper", text: "2018年6月,OpenAI 发布论文《Improving Language Understanding by Generative Pre-Training》(通过生成式预训练提升语言理解能力)，首次提出GPT模型(Generative Pre-Training)。论文地址： https://paperswithcode.com/method/gpt 。",
			titles: titles(cued("Improving Language Understanding by Generative Pre-Training"))},

		// Titles: binding.
		{name: "corner brackets bind", text: "「Attention Is All You Need」arXiv:1706.03762",
			papers: papers(ax("1706.03762", "2017-06").titled("Attention Is All You Need"))},
		{name: "one paper claims every title", text: "“The First Title” and “The Second Title”, arXiv:1706.03762",
			papers: papers(ax("1706.03762", "2017-06").titled("The First Title"))},
		{name: "pair by order", text: "《Deep Residual Learning》(arXiv:1706.03762)与《Batch Normalization Accelerates Training》(arXiv:1810.04805)",
			papers: papers(ax("1706.03762", "2017-06").titled("Deep Residual Learning"), ax("1810.04805", "2018-10").titled("Batch Normalization Accelerates Training"))},
		{name: "pair by order ids first", text: "arXiv:1810.04805 《Batch Normalization Accelerates Training》; arXiv:1706.03762 《Deep Residual Learning》",
			papers: papers(ax("1706.03762", "2017-06").titled("Deep Residual Learning"), ax("1810.04805", "2018-10").titled("Batch Normalization Accelerates Training"))},
		{name: "nearest following id", text: "《Deep Residual Learning》 arXiv:1706.03762, 《Batch Normalization Accelerates Training》《Dropout Prevents Overfitting》 arXiv:1810.04805, 《Layer Normalization Explained》",
			papers: papers(ax("1706.03762", "2017-06").titled("Deep Residual Learning"), ax("1810.04805", "2018-10").titled("Batch Normalization Accelerates Training")),
			titles: titles(cued("Layer Normalization Explained"))},
		{name: "quoted id is no title", text: "《arXiv:1706.03762》", papers: papers(ax("1706.03762", "2017-06"))},
		{name: "quoted url is no title", text: `"see https://arxiv.org/abs/1706.03762"`,
			papers: papers(ax("1706.03762", "2017-06").u("https://arxiv.org/abs/1706.03762"))},

		// Titles: cues and cleaning.
		{name: "english cue", text: `the paper "Attention Is All You Need" introduced it`, titles: titles(cued("Attention Is All You Need"))},
		{name: "preprint cue", text: `the preprint “Scaling Laws for Neural Language Models”`, titles: titles(cued("Scaling Laws for Neural Language Models"))},
		{name: "cue shared by joined titles", text: "论文《Deep Residual Learning》和《Batch Normalization Accelerates Training》", titles: titles(cued("Deep Residual Learning"), cued("Batch Normalization Accelerates Training"))},
		{name: "cue not shared across other words", text: "论文《Deep Residual Learning》和电影《星际穿越的科学原理》", titles: titles(cued("Deep Residual Learning"), plain("星际穿越的科学原理"))},
		{name: "cue too far away", text: "这篇论文在很多地方被反复提到，比如书《深度学习的数学基础》", titles: titles(plain("深度学习的数学基础"))},
		{name: "duplicate titles once", text: "《Deep Residual Learning》说，《Deep Residual Learning》又说", titles: titles(plain("Deep Residual Learning"))},
		{name: "duplicate title cued once", text: "《Deep Residual Learning》说，论文《Deep Residual Learning》又说", titles: titles(cued("Deep Residual Learning"))},
		{name: "titles trimmed", text: "《  Spaced Out Title \t》", titles: titles(plain("Spaced Out Title"))},
		{name: "empty title ignored", text: "论文《 》"},
		{name: "over-long title ignored", text: "《" + long + "》"},
		{name: "unclosed title", text: "论文《Attention is all you need"},
		{name: "odd straight quotes", text: `paper "Deep Residual Learning" and "B`, titles: titles(cued("Deep Residual Learning"))},
		{name: "invalid utf-8 in title", text: "论文《Bad\xff title here》", titles: titles(cued("Bad\uFFFD title here"))},
		{name: "no trigger at all", text: "普通的一句话，没有任何论文。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Scan(tt.text, tt.links)
			want := Result{Papers: tt.papers, Titles: tt.titles}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Scan(%q)\n got %+v\nwant %+v", tt.text, got, want)
			}
			for _, h := range got.Papers {
				if !validID(h.ID) {
					t.Errorf("Scan(%q) emitted invalid ID %q", tt.text, h.ID)
				}
			}
		})
	}
	if len(tests) < 60 {
		t.Fatalf("only %d cases", len(tests))
	}
}

// TestScanDOIInPathAndBareLink covers issue 15, class 14: a DOI opening a
// URL's path on any host (sci-hub and other mirrors) and a link destination
// that is a bare DOI, with the near misses that must stay no paper.
func TestScanDOIInPathAndBareLink(t *testing.T) {
	const sci = "https://sci-hub.se/10.1109/ABC.2017.8251453"
	abc := doi("10.1109/abc.2017.8251453")
	xyz := doi("10.1109/xyz.2019.8917433")
	tests := []struct {
		name   string
		text   string
		links  []Link
		papers []Hit
	}{
		// Found.
		{name: "mirror url in parentheses", text: "(" + sci + ")", papers: papers(abc.u(sci))},
		{name: "mirror url before a full stop", text: "see " + sci + ".", papers: papers(abc.u(sci))},
		{name: "mirror url with escaped slash", text: "https://sci-hub.ru/10.1109%2FABC.2017.8251453",
			papers: papers(abc.u("https://sci-hub.ru/10.1109%2FABC.2017.8251453"))},
		{name: "mirror url with pdf view", text: sci + ".pdf", papers: papers(abc.u(sci + ".pdf"))},
		{name: "mirror url of an arXiv doi", text: "https://sci-hub.se/10.48550/arXiv.1706.03762",
			papers: papers(ax("1706.03762", "2017-06").u("https://sci-hub.se/10.48550/arXiv.1706.03762"))},
		{name: "mirror url as a link", text: "A Robust Control Scheme", links: link(sci, "A Robust Control Scheme"),
			papers: papers(abc.u(sci).titled("A Robust Control Scheme"))},
		{name: "bare doi link", text: "Deep Networks for Radar", links: link("10.1109/XYZ.2019.8917433", "Deep Networks for Radar"),
			papers: papers(xyz.titled("Deep Networks for Radar"))},
		{name: "bare doi link in angle brackets", text: "Deep Networks for Radar", links: link("<10.1109/XYZ.2019.8917433>", "Deep Networks for Radar"),
			papers: papers(xyz.titled("Deep Networks for Radar"))},
		{name: "bare doi link with a generic text", text: "PDF", links: link("10.1109/XYZ.2019.8917433", "PDF"), papers: papers(xyz)},

		// Not found.
		{name: "version number in a path", text: "https://example.com/v10.1/docs"},
		{name: "10. with too few registrant digits", text: "https://example.com/10.5/notes"},
		{name: "10.NNNN with no suffix", text: "https://example.com/10.2023"},
		{name: "10.NNNN with an empty suffix", text: "https://example.com/10.2023/"},
		{name: "doi-like segment deep in an uncued path", text: "https://example.com/blog/10.2023/notes"},
		{name: "doi in an unnamed query value", text: "https://example.com/?v=10.1234/x"},
		{name: "bare doi in prose", text: "see 10.1109/XYZ.2019.8917433 there"},
		{name: "bare doi link with trailing punctuation", text: "t", links: link("10.1109/XYZ.2019.8917433.", "t")},
		{name: "relative path holding a doi", text: "t", links: link("./10.1109/XYZ.2019.8917433", "t")},
		{name: "link dest with text after the doi", text: "t", links: link("10.1109/XYZ.2019.8917433#x", "t")},
		{name: "link dest with an empty suffix", text: "t", links: link("10.1109/", "t")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Scan(tt.text, tt.links)
			if !reflect.DeepEqual(got.Papers, tt.papers) {
				t.Errorf("Scan(%q, %+v).Papers\n got %+v\nwant %+v", tt.text, tt.links, got.Papers, tt.papers)
			}
		})
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"paper:arxiv:1706.03762", true},
		{"paper:arxiv:0704.0001", true},
		{"paper:arxiv:1412.9999", true},
		{"paper:arxiv:hep-th/9901001", true},
		{"paper:arxiv:math/0309136", true},
		{"paper:doi:10.1000/xyz123", true},
		{"paper:doi:10.1016/0370-2693(91)90557-7", true},
		{"paper:arxiv:1706.03762v2", false},            // version belongs in Versions
		{"paper:arxiv:math.GT/0309136", false},         // subject class is dropped
		{"paper:arxiv:1706.03762 ", false},             // trailing junk
		{"paper:arxiv:0703.1234", false},               // before the new scheme
		{"paper:arxiv:1501.0001", false},               // too few digits
		{"paper:arxiv:hep-th/0704001", false},          // after the old scheme
		{"paper:doi:10.1000/XYZ123", false},            // IDs are lower case
		{"paper:doi:10.1000/xyz.", false},              // trailing punctuation
		{"paper:doi:10.1000/xyz)", false},              // unbalanced parenthesis
		{"paper:doi:10.48550/arxiv.1706.03762", false}, // an arXiv paper
		{"paper:doi:10.1000/", false},
		{"paper:title:attention", false},
		{"1706.03762", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := validID(tt.id); got != tt.want {
			t.Errorf("validID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestFromURL(t *testing.T) {
	tests := []struct {
		url string
		id  string // "" when the URL names no paper
	}{
		{"https://arxiv.org/abs/1706.03762", "paper:arxiv:1706.03762"},
		{"HTTPS://ARXIV.ORG/abs/1706.03762", "paper:arxiv:1706.03762"},
		{"https://arxiv.org:443/abs/1706.03762", "paper:arxiv:1706.03762"},
		{"https://arxiv.org/abs/1706.03762/", "paper:arxiv:1706.03762"},
		{"https://arxiv.org/abs/1706.03762.html", ""},
		{"https://arxiv.org/abs/", ""},
		{"https://arxiv.org", ""},
		{"arxiv.org/abs/1706.03762", ""}, // not absolute
		{"ftp://arxiv.org/abs/1706.03762", ""},
		{"https://doi.org/10.1000/xyz123", "paper:doi:10.1000/xyz123"},
		{"https://pubs.acs.org/doi/abs/10.1021/ja00000a001", "paper:doi:10.1021/ja00000a001"},
		{"https://www.jstor.org/stable/10.2307/1234567", "paper:doi:10.2307/1234567"},
		{"https://journals.aps.org/prl/abstract/10.1103/PhysRevLett.116.061102", "paper:doi:10.1103/physrevlett.116.061102"},
		{"https://example.com/10.1000/xyz123", "paper:doi:10.1000/xyz123"}, // a DOI opening the path, any host
		{"https://example.com/archive/10.1000/xyz123", ""},                 // deeper, with no cue segment
	}
	for _, tt := range tests {
		h, ok := FromURL(tt.url)
		if ok != (tt.id != "") || h.ID != tt.id {
			t.Errorf("FromURL(%q) = %q, %v; want %q", tt.url, h.ID, ok, tt.id)
		}
		if ok && (len(h.URLs) != 1 || h.URLs[0] != tt.url) {
			t.Errorf("FromURL(%q).URLs = %q", tt.url, h.URLs)
		}
	}
}

func TestMayCite(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"普通的一句话。", false},
		{"plain English with no trigger at all", false},
		{"version 1.10 and 2010", false},
		{"arXiv", true},
		{"ar5iv", false}, // only its URLs cite, and they have a path
		{"ar5iv.org/abs/1706.03762", true},
		{"AR5IV.ORG/", true},
		{"alphaxiv", true},
		{"DOI", false}, // a DOI holds "10.": "doi" alone cites nothing
		{"DOI 10.1000/x", true},
		{"HuggingFace", false}, // only its papers' URLs cite
		{"huggingface.co/papers/2203.02155", true},
		{"HuggingFace.CO/", true},
		{"10.1000", true},
		{`say "x"`, true},
		{"《书》", true},
		{"“引号”", true},
		{"「引号」", true},
	}
	for _, tt := range tests {
		if got := mayCite(tt.text); got != tt.want {
			t.Errorf("mayCite(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// featuresPlain is features written plainly: every trigger looked for at
// every byte.
func featuresPlain(s string) feature {
	var f feature
	for i := range len(s) {
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, `"`), strings.HasPrefix(rest, "“"), strings.HasPrefix(rest, "《"), strings.HasPrefix(rest, "「"):
			f |= hasQuote
		case strings.HasPrefix(rest, "10."):
			f |= hasTen
		case hasPrefixFold(rest, "xiv"), hasPrefixFold(rest, "ar5iv.org/"):
			f |= hasXiv
		case hasPrefixFold(rest, "huggingface.co/"):
			f |= hasHF
		}
	}
	if f&hasTen != 0 && strings.Contains(strings.ToLower(s), "doi") {
		f |= hasDOI
	}
	return f
}

// TestFeaturesMatchPlain checks the gate against its plain definition with
// each trigger at many offsets, alone and next to others.
func TestFeaturesMatchPlain(t *testing.T) {
	triggers := []string{"arXiv", "ARXIV", "ar5iv", "ar5iv.org/", "AR5iv.Org/x", "alphaxiv", "ArXiV", "x", "xi", "iv", "v", "10", "0.", "1.0.", "10.1000", "huggingface.co/papers/1", "HUGGINGFACE.CO/", "huggingface", `"`, "“", "《", "「", "doi 10.5/x", "DOI", "/", "\xe2\x80"}
	for _, a := range triggers {
		for _, b := range append(triggers, "") {
			for _, fill := range []string{"", "plain words ", "中文的句子，"} {
				s := fill + a + fill + b + fill
				if got, want := features(s), featuresPlain(s); got != want {
					t.Errorf("features(%q) = %05b, want %05b", s, got, want)
				}
			}
		}
	}
}

// TestPathological feeds lines built to make a careless scanner quadratic or
// loop forever; the test's own time limit catches a hang.
func TestPathological(t *testing.T) {
	var ids strings.Builder
	for i := 1; i <= 2000; i++ {
		fmt.Fprintf(&ids, "arXiv:1501.%05d 《T%d》 ", i, i)
	}
	tests := []struct {
		name           string
		text           string
		papers, titles int
	}{
		{"many ids and titles", ids.String(), 2000, 0},
		{"unclosed title marks", strings.Repeat("《“「", 50000), 0, 0},
		{"repeated host", strings.Repeat("arxiv.org/abs/1706.03762 ", 5000), 1, 0},
		{"slashes", strings.Repeat("/", 200000), 0, 0},
		{"labels without ids", strings.Repeat("arxiv doi ", 20000), 0, 0},
		{"long doi", "doi:10.1000/" + strings.Repeat("a", 200000), 0, 0},
		{"long url", "https://arxiv.org/abs/" + strings.Repeat("1", 200000), 0, 0},
		{"schemes", strings.Repeat("https://", 50000), 0, 0},
		{"many quotes one paper", "arXiv:1706.03762 " + strings.Repeat(`"a" `, 50000), 1, 0},
		{"many distinct titles", strings.Repeat("《深度残差学习网络》《批量归一化方法研究》《随机失活正则化技术》", 20000), 0, 3},
		{"many titles in a paper unit", "论文 " + strings.Repeat(`"Deep Residual Learning" and "Dropout Prevents Overfitting" `, 20000), 0, 2},
	}
	for _, tt := range tests {
		r := Scan(tt.text, nil)
		if len(r.Papers) != tt.papers || len(r.Titles) != tt.titles {
			t.Errorf("%s: %d papers, %d titles; want %d, %d", tt.name, len(r.Papers), len(r.Titles), tt.papers, tt.titles)
		}
	}
}

// TestIndexFoldMatchesPlain checks indexFold against its definition on
// random text rich in both cases of the needles' letters.
func TestIndexFoldMatchesPlain(t *testing.T) {
	plain := func(s, needle string) int {
		for i := 0; i+len(needle) <= len(s); i++ {
			if hasPrefixFold(s[i:], needle) {
				return i
			}
		}
		return -1
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"d", "D", "o", "O", "i", "I", "a", "A", "r", "R", "x", "X", "v", "V", "p", "P", "e", " ", ".", "论"}
	needles := append([]string{"doi", "arxiv", "xiv", "d", "1"}, paperCuesLatin...)
	for range 20000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		for _, n := range needles {
			if got, want := indexFold(s, n), plain(s, n); got != want {
				t.Fatalf("indexFold(%q, %q) = %d, want %d", s, n, got, want)
			}
		}
	}
}
